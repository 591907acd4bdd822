"""The replay serves a fixture set only when it is complete, and `make serve` and an offline
`make conformance` read the set in FIXTURES_DIR: a missing 400, 401 or default success is a
startup error naming the file, never a 500 later (issue 12, finding 6)."""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from scripts.conformance.run import run
from scripts.fixtures import FIXTURES_DIR, load_fixtures
from scripts.paths import ROOT
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, IncompleteFixtures, ReplayApp, replay_from

GOOD = {"Authorization": f"Bearer {DEVELOPMENT_TOKEN}", "Version": "2021-07-28"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, copy)
    return copy


def _drop(folder: Path, pattern: str) -> None:
    for path in folder.glob(pattern):
        path.unlink()


def test_the_committed_set_is_complete() -> None:
    ReplayApp(load_fixtures())


@pytest.mark.parametrize(
    ("dropped", "named"),
    [
        ("get-snapshot-push/401-*.json", "get-snapshot-push/401-<name>.json (its 401 answer)"),
        ("get-latest-snapshot-push/400-*.json", "get-latest-snapshot-push/400-<name>.json (its 400 answer)"),
        (
            "create-snapshot-share-link/201-*.json",
            'create-snapshot-share-link/201-<name>.json with "default": true (the answer to a valid request)',
        ),
    ],
)
def test_a_set_without_an_answer_the_replay_gives_is_refused_naming_the_file(
    folder: Path, dropped: str, named: str
) -> None:
    _drop(folder, dropped)
    with pytest.raises(IncompleteFixtures) as refused:
        replay_from(folder)
    assert refused.value.needs == [named]
    assert f"the fixture set in {folder} cannot be replayed; it needs:\n  {folder}/{named}" == str(refused.value)


def test_success_fixtures_without_a_default_ask_for_the_mark(folder: Path) -> None:
    default = folder / "get-custom-snapshots" / "200-documented.json"
    data = json.loads(default.read_text(encoding="utf-8"))
    del data["default"]
    default.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IncompleteFixtures) as refused:
        replay_from(folder)
    assert refused.value.needs == [
        'get-custom-snapshots/200-documented.json with "default": true (the answer to a valid request)'
    ]


def test_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IncompleteFixtures, match="no such folder"):
        replay_from(tmp_path / "nowhere")


def test_an_offline_conformance_run_reads_fixtures_dir(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _drop(folder, "get-snapshot-push/401-*.json")
    status = run(["--max-examples", "1", "--reports", str(tmp_path / "reports")], env={"FIXTURES_DIR": str(folder)})
    assert status == 2  # could not check: the fixture set is incomplete
    assert f"{folder}/get-snapshot-push/401-<name>.json" in capsys.readouterr().err


def _serve(folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scripts.stand_ins.serve"],
        cwd=ROOT,
        env={**os.environ, "PORT": "0", "FIXTURES_DIR": str(folder)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_make_serve_refuses_an_incomplete_set_before_it_starts(folder: Path) -> None:
    _drop(folder, "get-snapshot-push/401-*.json")
    server = _serve(folder)
    try:
        out, err = server.communicate(timeout=30)
    finally:
        server.kill()
    assert server.returncode == 2
    assert f"{folder}/get-snapshot-push/401-<name>.json (its 401 answer)" in err
    assert out == ""


def test_make_serve_answers_from_fixtures_dir(folder: Path) -> None:
    default = folder / "get-custom-snapshots" / "200-documented.json"
    data = json.loads(default.read_text(encoding="utf-8"))
    data["response"]["body"] = {"snapshots": [{"id": "OnlyInThisSet", "name": "From FIXTURES_DIR", "type": "own"}]}
    default.write_text(json.dumps(data), encoding="utf-8")
    server = _serve(folder)
    try:
        assert server.stdout is not None
        first_line = server.stdout.readline()
        url = first_line.split(" on ", 1)[1].split(",", 1)[0]
        assert first_line.rstrip().endswith(f"answering from {folder}")
        answer = httpx.get(f"{url}/snapshots/", params={"companyId": "AnyCompany"}, headers=GOOD)
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=10)
    finally:
        server.kill()
    assert answer.json() == data["response"]["body"]
    assert server.returncode == 0
