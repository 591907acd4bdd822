"""The conformance check, `make conformance` (`run`): the contract suite (`suite`, schemathesis
with our `checks`) against the replay server or, live, through the polite proxy (`proxy`, paced
by `settings`), with what a live run may touch (`live_target`), the verdict and reports it leaves
(`reports`), and the spec change it proposes when it sees drift (`spec_patch`). `client_bridge`
feeds responses through the generated client.

May import: the shared modules, `generated`, `scripts.stand_ins.replay`.
"""
