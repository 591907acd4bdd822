"""The conformance check, `make conformance` (`run`): the contract suite (`suite`, schemathesis
with our `checks` and their drift detector, `drift`) against the replay server directly or, live,
through the polite proxy (`proxy`, paced by `politeness`), as `target` sets up, with what a live
run may touch (`scope`), the verdict and reports it leaves (`reports`), and the spec change it
proposes when it sees drift (`spec_patch`). `client_bridge` feeds responses through the
generated client.

May import: the shared modules, `generated`, `scripts.stand_ins.replay`.
"""
