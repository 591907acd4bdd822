"""`make record` against local servers: fixtures the contract accepts and the replay serves,
no token anywhere, and nothing written when the target breaks the spec."""

import shutil
from pathlib import Path

import httpx
import pytest

from scripts.conformance.suite import check_fixture
from scripts.fixtures import FIXTURES_DIR, load_fixtures
from scripts.record.recorder import main
from scripts.replay.app import ReplayApp
from scripts.spec import find_operation, operations
from scripts.wsgi import running_server
from tests.support import broken_servers
from tests.support.servers import CountingServer

TOKEN = "record-canary-token-51c9"
COMPANY = "NonAsciiCompany000"


def _record(server: ReplayApp, folder: Path, *args: str) -> int:
    with running_server(server) as url:
        env = {
            "HIGHLEVEL_TOKEN": TOKEN,
            "HIGHLEVEL_COMPANY_ID": COMPANY,
            "HIGHLEVEL_BASE_URL": url,
            "FIXTURES_DIR": str(folder),
            "HIGHLEVEL_SNAPSHOT_ID": "1eM2UgkfaECOYyUdCo9Pa",
            "HIGHLEVEL_LOCATION_ID": "ve9EPM428h8vShlRW1KT",
            "CONFORMANCE_ALLOW_WRITES": "1",
        }
        return main(list(args), env=env)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("anonymize", [False, True])
def test_recorded_fixtures_pass_the_contract_and_replay(
    anonymize: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = CountingServer(load_fixtures(), token=TOKEN)
    status = _record(target, tmp_path, *(["--anonymize"] if anonymize else []))
    printed = capsys.readouterr()
    assert status == 0, printed.err
    recorded = load_fixtures(tmp_path)
    for operation in operations():
        statuses = sorted(f.status for f in recorded if f.operation_id == operation.operation_id)
        expected = [] if operation.extensions.get("x-live") == "never" else operation.responses
        assert statuses == sorted(int(status) for status in expected), operation.operation_id
    # Even with CONFORMANCE_ALLOW_WRITES=1, nothing asked for a token: that would spend a refresh token.
    assert not [request for request in target.requests if request.endswith("/oauth/token")]
    assert "skipped get-access-token: never run live" in printed.out
    assert all(check_fixture(fixture) == {} for fixture in recorded)
    assert all(
        fixture.provenance["source"] == "live" and fixture.provenance["origin"] == "127.0.0.1" for fixture in recorded
    )
    assert TOKEN not in printed.out + printed.err
    assert all(TOKEN.encode() not in content for content in _tree(tmp_path).values())
    assert (COMPANY.encode() in _tree(tmp_path)["get-custom-snapshots/200-live.json"]) is not anonymize

    # The replay needs fixtures of every operation; those a recording leaves out come from the docs.
    never_recorded = [f for f in load_fixtures() if find_operation(f.operation_id).extensions.get("x-live") == "never"]
    replay = ReplayApp(recorded + never_recorded, token="replay")
    ok = next(f for f in recorded if f.status == 200 and f.operation_id == "get-custom-snapshots")
    with running_server(replay) as url:
        answer = httpx.get(
            f"{url}/snapshots/",
            params=ok.request["query"],
            headers={"Authorization": "Bearer replay", "Version": "2021-07-28"},
        )
    assert answer.json() == ok.body


def test_a_target_whose_200_breaks_the_spec_leaves_the_fixtures_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, folder, ignore=shutil.ignore_patterns("*.md"))
    before = _tree(folder)
    status = _record(broken_servers.SuccessDropsAField(load_fixtures(), token=TOKEN), folder)
    printed = capsys.readouterr()
    assert status == 1
    assert "nothing written" in printed.err
    assert "response_schema_conformance" in printed.err
    assert _tree(folder) == before
    assert TOKEN not in printed.out + printed.err
