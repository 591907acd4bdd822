"""`make bench`: how much the typed client costs, as ratios against baselines measured in the same run.

One job per module: `timing` (interleaved rounds, median and spread), `bodies` (the
response bodies), `calls` (typed call and bare httpx call over one in-memory transport),
`parsing` (generated models, json.loads, pydantic), `memory` (peak of a parse),
`throughput` and `load` (requests per second of the replay server), `live` (a full live
conformance run against the live-like stand-in, paced by a shared budget), `tools` (wall time of
commands), `results` (a row and its target), `rows` (what is measured, against what, with
which target), `machine` (what else the machine was doing), `report` (table and JSON),
`__main__` (the command).

May import: the shared modules, `generated`, `scripts.stand_ins` (the replay, and the live-like
stand-in the load rows run), `scripts.conformance`.
"""
