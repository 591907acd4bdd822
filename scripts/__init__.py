"""Hand-written tooling around the spec: generation and the drift check, the replay server, the
contract suite and the conformance check, recording fixtures, and the benchmark."""
