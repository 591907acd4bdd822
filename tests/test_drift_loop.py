"""The loop docs/conformance.md shows, end to end: a live run against a stand-in that drifted proposes
reports/spec.patch; applied with `git apply` to a copy of the repository and regenerated there,
the same run from the copy conforms with no drift, and the copy's client parses every drifted
response into its model."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scripts.conformance.run import run
from scripts.fixtures import load_fixtures
from scripts.paths import ROOT
from scripts.stand_ins.drifted_replay import CREATED_AT, FORBIDDEN_MESSAGE, VALIDATION_MESSAGES, DriftedReplay
from scripts.stand_ins.replay import ReplayApp
from scripts.wsgi import running_server

TOKEN = "drift-loop-canary-token-51c9"
# What a run and the generator read; tests/support holds the parser run inside the copy.
COPIED = ("openapi", "scripts", "generated", "tests/__init__.py", "tests/support")
LIVE = {
    "HIGHLEVEL_TOKEN": TOKEN,
    "HIGHLEVEL_COMPANY_ID": "LongListCompany000",  # own and imported snapshots: a folder, or none
    "HIGHLEVEL_SNAPSHOT_ID": "1eM2UgkfaECOYyUdCo9Pa",
    "CONFORMANCE_RATE": "1000/1s",
}
# The phases that see every drifted shape, at half the time of all four: both see 400s, the coverage
# phase the refused cursor, fuzzing the success bodies of both operations. The seed is fixed, so the
# cases, and what the first run sees, are the same every time.
FEW_EXAMPLES = ["--max-examples", "3", "--phases", "coverage,fuzzing"]


def _copy_repository(target: Path) -> None:
    for name in COPIED:
        source, copy = ROOT / name, target / name
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)


def _in_copy(copy: Path, command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("HIGHLEVEL_", "CONFORMANCE_"))}
    return subprocess.run(  # noqa: S603 - fixed command lines
        command, cwd=copy, env={**clean, **(env or {})}, capture_output=True, text=True, check=False, timeout=180
    )


def _distinct(served: list[tuple[str, int, Any]]) -> list[tuple[str, int, Any]]:
    return list({json.dumps(response, sort_keys=True): response for response in served}.values())


@pytest.mark.slow
@pytest.mark.timeout(120)  # two conformance runs and a generation: about 15 s alone
def test_a_drifted_api_gets_a_patch_after_which_spec_and_client_describe_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "repository"
    _copy_repository(copy)
    server = DriftedReplay(load_fixtures(), token=TOKEN)
    with running_server(server) as url:
        live = {**LIVE, "HIGHLEVEL_BASE_URL": url}
        first = run(["--reports", str(tmp_path / "first"), *FEW_EXAMPLES], env=live)
        patch = tmp_path / "first" / "spec.patch"
        assert first == 1
        assert f"Spec patch: {patch} " in capsys.readouterr().out
        text = patch.read_text(encoding="utf-8")
        for value in (TOKEN, CREATED_AT, FORBIDDEN_MESSAGE, *VALIDATION_MESSAGES):
            assert value not in text
        for command in (["git", "apply", "--check", str(patch)], ["git", "apply", str(patch)]):
            applied = _in_copy(copy, command)
            assert applied.returncode == 0, applied.stderr
        generated = _in_copy(copy, [sys.executable, "-m", "scripts.codegen.generate"])
        assert generated.returncode == 0, generated.stderr
        second = _in_copy(
            copy,
            [sys.executable, "-m", "scripts.conformance", "--reports", str(tmp_path / "second"), *FEW_EXAMPLES],
            live,
        )
    assert second.returncode == 0, second.stdout + second.stderr
    summary = json.loads((tmp_path / "second" / "conformance.json").read_text(encoding="utf-8"))
    assert summary["outcome"] == "conforms" and summary["drift_warnings"] == {}, second.stdout
    assert not (tmp_path / "second" / "spec.patch").exists()

    served = _distinct(server.served)
    assert {status for _, status, _ in served} == {200, 400, 403}
    (tmp_path / "served.json").write_text(json.dumps(served), encoding="utf-8")
    parsed = _in_copy(copy, [sys.executable, "-m", "tests.support.parse_served", str(tmp_path / "served.json")])
    assert parsed.returncode == 0, parsed.stderr
    results = [json.loads(line) for line in parsed.stdout.splitlines()]
    assert len(results) == len(served)
    for result in results:
        assert "error" not in result, result
        assert result["model"] == result["expected"], result
        assert result["round_trips"] and result["undeclared"] == [], result


def test_a_run_without_drift_writes_no_patch_and_removes_a_stale_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "spec.patch"
    stale.write_text("a patch from an earlier run\n", encoding="utf-8")
    with running_server(ReplayApp(load_fixtures(), token=TOKEN)) as url:
        list_only = {key: value for key, value in LIVE.items() if key != "HIGHLEVEL_SNAPSHOT_ID"}
        status = run(["--reports", str(tmp_path), *FEW_EXAMPLES], env={**list_only, "HIGHLEVEL_BASE_URL": url})
    assert status == 0
    assert "0 drift warnings" in capsys.readouterr().out
    assert not stale.exists()
