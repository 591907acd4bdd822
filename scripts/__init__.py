"""Hand-written tooling around the spec: generation, the drift check, and (later) the contract checks."""
