"""`make record` against the live-like stand-in: each request gets the status it was meant to get or
nothing is written; bodies carry the pinned ids; no secret, token or (anonymized) id reaches a
fixture; files are named by their status; the set is written all or nothing and replays at once;
429s are waited out and a daily 429 stops the recording. One test per finding of issue 12."""

import os
import re
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from scripts.conformance.proxy import PoliteProxy, RunStopped
from scripts.conformance.scope import LiveScope
from scripts.fixtures import FIXTURES_DIR, load_fixtures
from scripts.record import recorder, staging
from scripts.record.plan import plan_recording
from scripts.record.recorder import main, record
from scripts.record.sending import likely_cause
from scripts.spec import operations
from scripts.stand_ins.live_like import LiveLike
from scripts.stand_ins.replay import DEVELOPMENT_TOKEN, ReplayApp, replay_from
from scripts.wsgi import IncomingRequest, running_server
from tests.support.markdown_docs import shown_output

TOKEN = "record-canary-token-51c9"
NEVER_LIVE = {operation.operation_id for operation in operations() if operation.never_live}
OWN_SNAPSHOT = "MyOwnSnapshot0000001"  # not the spec's example id: a body built from the example gets a 400
REPLAY_HEADERS = {"Authorization": f"Bearer {DEVELOPMENT_TOKEN}", "Version": "2021-07-28"}
SHOWN_STOP = "record-stop"  # the stop message docs/conformance.md shows, marked <!-- output: record-stop -->


def _app(**settings: Any) -> LiveLike:
    return LiveLike(token=TOKEN, snapshot_id=OWN_SNAPSHOT, **settings)


def _env(app: LiveLike, url: str, folder: Path, **overrides: str) -> dict[str, str]:
    env = {
        "HIGHLEVEL_TOKEN": TOKEN,
        "HIGHLEVEL_COMPANY_ID": app.company_id,
        "HIGHLEVEL_BASE_URL": url,
        "HIGHLEVEL_SNAPSHOT_ID": app.snapshot_id,
        "HIGHLEVEL_LOCATION_ID": app.location_id,
        "CONFORMANCE_ALLOW_WRITES": "1",
        "FIXTURES_DIR": str(folder),
        **overrides,
    }
    return {name: value for name, value in env.items() if value}


def _record(
    app: LiveLike, folder: Path, capsys: pytest.CaptureFixture[str], *args: str, **overrides: str
) -> tuple[int, str, str]:
    with running_server(app) as url:
        status = main(list(args), env=_env(app, url, folder, **overrides))
    printed = capsys.readouterr()
    assert TOKEN not in printed.out + printed.err
    return status, printed.out, printed.err


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def committed(tmp_path: Path) -> Path:
    """A copy of the committed fixture set, to record into."""
    folder = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, folder)
    return folder


def _assert_untouched(folder: Path, before: dict[str, bytes]) -> None:
    assert _tree(folder) == before
    assert os.listdir(folder.parent) == [folder.name], "a stray file or folder beside the target"


def test_a_full_recording_names_files_by_status_and_replays_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, folder = _app(), tmp_path / "fresh"
    status, out, err = _record(app, folder, capsys)
    assert status == 0, err
    # Even with CONFORMANCE_ALLOW_WRITES=1 it asked for no token: that would spend a refresh token.
    assert "note: skipped get-access-token: never run live:" in out
    assert not [seen for seen in app.seen if seen.path == "/oauth/token"]
    # An operation no live run calls keeps the fixtures written from its documentation (a copy of them).
    assert sorted(_tree(folder / "get-access-token")) == sorted(_tree(FIXTURES_DIR / "get-access-token"))
    recorded = [f for f in load_fixtures(folder) if f.operation_id not in NEVER_LIVE]
    for operation in operations():
        names = sorted(f.name for f in recorded if f.operation_id == operation.operation_id)
        live = [] if operation.never_live else operation.responses
        assert names == sorted(f"{code}-live" for code in live), operation.operation_id
    # Finding 4: the share link's 201 is a 201 by name too.
    assert {f.name: f.status for f in recorded if f.operation_id == "create-snapshot-share-link"}["201-live"] == 201
    assert all(f.name == f"{f.status}-live" for f in recorded)
    assert all(f.default == (f.status < 300) for f in recorded)
    assert all(f.provenance["source"] == "live" and f.provenance["origin"] == "127.0.0.1" for f in recorded)
    assert all(TOKEN.encode() not in content for content in _tree(folder).values())
    assert f"Recorded 12 fixtures from 127.0.0.1 into {folder}." in out
    # Finding 6: the set replays as it is.
    pushes = next(f for f in recorded if f.name == "200-live" and f.operation_id == "get-snapshot-push")
    with running_server(replay_from(folder)) as url:
        answer = httpx.get(url + pushes.request["path"], params=pushes.request["query"], headers=REPLAY_HEADERS)
    assert answer.json() == pushes.body


def test_a_401_on_the_valid_request_stops_the_recording_and_asks_about_the_company(
    committed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 1: the company is not the token's; the 401 was saved as the 200 and made the default."""
    app, before = _app(), _tree(committed)
    status, _, err = _record(app, committed, capsys, HIGHLEVEL_COMPANY_ID="SomeoneElsesCompany")
    assert status == 1
    assert err.strip() == shown_output(SHOWN_STOP).strip(), "docs/conformance.md shows this message"
    assert "is HIGHLEVEL_COMPANY_ID the company of the token" in err
    assert len(app.seen) == 1, "it went on sending after the wrong answer"
    _assert_untouched(committed, before)


def test_the_share_link_is_made_for_the_pinned_snapshot_never_the_specs_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 2: the body carried the spec's example id; the stand-in knows only the pinned one."""
    status, _, err = _record(_app(), tmp_path / "fresh", capsys)
    assert status == 0, err
    share = next(f for f in load_fixtures(tmp_path / "fresh") if f.name == "201-live")
    assert share.request["body"] == {"snapshot_id": OWN_SNAPSHOT, "share_type": "link"}


def test_an_operation_that_needs_an_unpinned_value_is_skipped_with_a_note_naming_it(
    committed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, before = _app(), _tree(committed)
    status, out, err = _record(app, committed, capsys, HIGHLEVEL_SNAPSHOT_ID="", HIGHLEVEL_LOCATION_ID="")
    assert status == 0, err
    assert "note: skipped create-snapshot-share-link: set HIGHLEVEL_SNAPSHOT_ID to include it" in out
    assert {seen.path for seen in app.seen} == {"/snapshots/"}
    # The operations skipped keep their fixtures as they were.
    after = _tree(committed)
    assert {name: after[name] for name in before} == before
    assert sorted(set(after) - set(before)) == [f"get-custom-snapshots/{code}-live.json" for code in (200, 400, 401)]
    assert " kept " not in out, "nothing needed a copy"


def test_a_new_folder_gets_the_committed_fixtures_of_what_a_token_and_a_company_do_not_reach(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 22: a token and a company id reach GET /snapshots/ only; the recording stopped with
    "nothing written", as the set would lack the other operations. They keep the committed fixtures,
    each copy marked."""
    app, folder = _app(), tmp_path / "fresh"
    status, out, err = _record(
        app, folder, capsys, HIGHLEVEL_SNAPSHOT_ID="", HIGHLEVEL_LOCATION_ID="", CONFORMANCE_ALLOW_WRITES=""
    )
    assert status == 0, err
    assert {seen.path for seen in app.seen} == {"/snapshots/"}
    written = {(f.operation_id, f.name): f for f in load_fixtures(folder)}
    committed = {(f.operation_id, f.name): f for f in load_fixtures(FIXTURES_DIR)}
    recorded = [key for key, fixture in written.items() if "kept" not in fixture.provenance]
    assert sorted(recorded) == [("get-custom-snapshots", f"{code}-live") for code in (200, 400, 401)]
    kept = {key: fixture for key, fixture in written.items() if key not in recorded}
    assert set(kept) == {key for key in committed if key[0] != "get-custom-snapshots"}
    for key, fixture in kept.items():
        assert fixture.provenance.pop("kept").startswith("Not recorded by make record on "), key
        assert fixture == committed[key], key
    for operation_id in {key[0] for key in kept}:
        assert f"  kept {operation_id} (not recorded): copied " in out
    # It replays at once: a kept operation answers from its copy.
    pushes = committed["get-snapshot-push", "200-documented"]
    with running_server(replay_from(folder)) as url:
        answer = httpx.get(url + pushes.request["path"], params=pushes.request["query"], headers=REPLAY_HEADERS)
    assert answer.json() == pushes.body


@pytest.mark.parametrize("anonymize", [False, True])
def test_no_share_link_reaches_a_fixture(anonymize: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 3: the capability URL was written verbatim, --anonymize or not."""
    app, folder = LiveLike(token=TOKEN), tmp_path / "fresh"  # its snapshot is the spec's example, as then
    status, _, err = _record(app, folder, capsys, *(["--anonymize"] if anonymize else []))
    assert status == 0, err
    links = [link["shareLink"] for link in app.share_links]
    assert links, "the stand-in made no link: the test proves nothing"
    assert all(link.encode() not in content for link in links for content in _tree(folder).values())
    share = next(f for f in load_fixtures(folder) if f.name == "201-live")
    assert share.body["shareLink"] == "https://affiliates.gohighlevel.com/?share=redacted-secret-1"


def test_anonymize_replaces_the_accounts_ids_consistently(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app, folder = _app(), tmp_path / "fresh"
    status, _, err = _record(app, folder, capsys, "--anonymize")
    assert status == 0, err
    recorded_files = [content for name, content in _tree(folder).items() if name.split("/")[0] not in NEVER_LIVE]
    for account_id in (app.company_id, app.snapshot_id, app.location_id):
        assert all(account_id.encode() not in content for content in recorded_files), account_id
    recorded = {(f.operation_id, f.name): f for f in load_fixtures(folder)}
    pushes = recorded["get-snapshot-push", "200-live"]
    assert pushes.request["path"] == "/snapshots/snapshot-status/SNAPSHOT_ID_PLACEHOLDER"
    assert pushes.request["query"] == {"companyId": "COMPANY_ID_PLACEHOLDER"}
    assert {push["locationId"] for push in pushes.body["data"]} == {"LOCATION_ID_PLACEHOLDER"}
    assert recorded["get-custom-snapshots", "200-live"].body["snapshots"][0]["id"] == "SNAPSHOT_ID_PLACEHOLDER"
    assert (
        recorded["create-snapshot-share-link", "201-live"].request["body"]["snapshot_id"] == "SNAPSHOT_ID_PLACEHOLDER"
    )
    with running_server(ReplayApp(recorded.values())) as url:
        answer = httpx.get(url + pushes.request["path"], params=pushes.request["query"], headers=REPLAY_HEADERS)
    assert answer.json() == pushes.body


def _fail_on_call(real: Any, failing: int, error: BaseException) -> Any:
    """`real`, except that call number `failing` (from 1) raises `error`."""
    calls = 0

    def wrapper(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == failing:
            raise error
        return real(*args)

    return wrapper


INJECTED = [
    # (step, module, name, failing call, error, exit status or None when the error propagates)
    ("the second file", recorder, "dump_fixture", 2, OSError(28, "No space left on device"), 2),
    ("an interrupted write", recorder, "dump_fixture", 7, KeyboardInterrupt(), None),
    ("the move into place", staging, "exchange", 1, OSError(5, "Input/output error"), 2),
    ("a request", PoliteProxy, "forward", 5, RunStopped("could not reach the target: ConnectError"), 2),
]


@pytest.mark.parametrize(
    ("step", "module", "name", "failing", "error", "expected"), INJECTED, ids=[row[0] for row in INJECTED]
)
def test_a_failure_at_any_step_leaves_the_target_byte_identical_and_nothing_beside_it(
    step: str,
    module: Any,
    name: str,
    failing: int,
    error: BaseException,
    expected: int | None,
    committed: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Finding 5: files were written one by one; a failure left a mixed set or a `.tmp` file."""
    before = _tree(committed)
    monkeypatch.setattr(module, name, _fail_on_call(getattr(module, name), failing, error))
    if expected is None:
        with pytest.raises(type(error)):
            _record(_app(), committed, capsys)
    else:
        status, _, err = _record(_app(), committed, capsys)
        assert status == expected, err
        assert "nothing written" in err
    _assert_untouched(committed, before)


def test_without_an_exchange_a_failed_second_rename_puts_the_set_back(
    committed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where folders cannot be exchanged in one step (macOS, say), the set takes two renames."""
    before = _tree(committed)
    monkeypatch.setattr(staging, "exchange", lambda first, second: False)
    monkeypatch.setattr(os, "rename", _fail_on_call(os.rename, 2, OSError(5, "Input/output error")))
    status, _, err = _record(_app(), committed, capsys)
    assert status == 2, err
    _assert_untouched(committed, before)


def test_a_recording_the_replay_could_not_serve_is_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 6 from the recording's side: a set with one fixture of the share link, which is not recorded
    (without CONFORMANCE_ALLOW_WRITES=1), keeps it alone, and lacks its 400 and 401."""
    folder = tmp_path / "partial"
    (folder / "create-snapshot-share-link").mkdir(parents=True)
    shutil.copy(
        FIXTURES_DIR / "create-snapshot-share-link" / "201-documented.json", folder / "create-snapshot-share-link"
    )
    before = _tree(folder)
    status, _, err = _record(_app(), folder, capsys, CONFORMANCE_ALLOW_WRITES="")
    assert status == 2
    assert f"{folder}/create-snapshot-share-link/401-<name>.json (its 401 answer)" in err
    _assert_untouched(folder, before)


class _AcceptsAnyCompany(LiveLike):
    """Answers a request without companyId as if it named the token's company."""

    def _common_problems(self, request: IncomingRequest) -> list[str]:
        return [problem for problem in super()._common_problems(request) if "companyId" not in problem]


def test_a_success_where_a_400_was_meant_is_not_recorded_as_a_400(
    committed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 7 at the wire: the request meant to get a 400 got a 200."""
    before = _tree(committed)
    status, _, err = _record(_AcceptsAnyCompany(token=TOKEN, snapshot_id=OWN_SNAPSHOT), committed, capsys)
    assert status == 1
    assert "the request without companyId of get-custom-snapshots (GET /snapshots/) got 200, not the 400" in err
    assert "its 400 cannot be provoked this way" in err
    _assert_untouched(committed, before)


@pytest.mark.sleeps
def test_a_429_is_waited_out_and_the_recording_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = _app(burst_max=9, interval_ms=1000)  # the next window holds all 8 authorised requests of the recording
    with running_server(app) as url, httpx.Client(base_url=url) as client:
        for _ in range(app.burst_max):  # someone else spends the window just before the recording starts
            client.get(
                "/snapshots/", params={"companyId": app.company_id}, headers={"Authorization": f"Bearer {TOKEN}"}
            )
        status = main([], env=_env(app, url, tmp_path / "fresh"))
    assert status == 0, capsys.readouterr().err
    assert app.rate_limited >= 1
    assert len([f for f in load_fixtures(tmp_path / "fresh") if f.operation_id not in NEVER_LIVE]) == 12


def test_a_daily_429_stops_the_recording_at_once_and_says_when_the_budget_comes_back(
    committed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 16: retrying within seconds cannot succeed; the budget comes back hours later."""
    app, before = _app(daily_remaining=0), _tree(committed)
    status, _, err = _record(app, committed, capsys)
    assert status == 2
    assert "the day's request budget is spent" in err
    assert re.search(r"it comes back in 2[34] h \d+ min", err), err
    assert len(app.seen) == 1
    _assert_untouched(committed, before)


def test_operations_the_live_scope_skips_are_never_sent(committed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The plan comes from live_scope: an operation it skips (a write, `x-live: never`) is not called."""
    app = _app()
    scope = LiveScope(
        pinned={"companyId": app.company_id, "snapshotId": app.snapshot_id, "locationId": app.location_id},
        skipped={"create-snapshot-share-link": "a live run must never call it"},
    )
    with running_server(app) as url:
        written = record(url, TOKEN, scope, committed)
    assert "note: skipped create-snapshot-share-link: a live run must never call it" in capsys.readouterr().out
    assert "POST" not in app.methods
    assert not any("create-snapshot-share-link" in str(path) for path in written)


@pytest.mark.parametrize(
    ("meant", "status", "cause"),
    [
        (
            "the valid request",
            404,
            "a pinned id names nothing the token can see (HIGHLEVEL_COMPANY_ID and HIGHLEVEL_SNAPSHOT_ID)",
        ),
        (
            "the valid request",
            400,
            "the API refused a value the request carried (pinned: HIGHLEVEL_COMPANY_ID and HIGHLEVEL_SNAPSHOT_ID)",
        ),
        (
            "the valid request",
            403,
            "the token may not reach what the pinned ids name (HIGHLEVEL_COMPANY_ID and HIGHLEVEL_SNAPSHOT_ID)",
        ),
        ("the request with an invalid token", 200, "the target accepted a deliberately invalid token"),
        ("the valid request", 503, "the server failed; try again later"),
        ("the valid request", 422, "the spec does not document this answer for it"),
    ],
)
def test_each_wrong_status_names_its_likely_cause(meant: str, status: int, cause: str) -> None:
    planned = next(
        request
        for request in plan_recording(operations(), LiveScope(pinned={"companyId": "c", "snapshotId": "s"})).requests
        if request.operation_id == "get-snapshot-push" and request.meant == meant
    )
    assert likely_cause(planned, status).startswith(cause)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"HIGHLEVEL_COMPANY_ID": ""}, "set HIGHLEVEL_TOKEN and HIGHLEVEL_COMPANY_ID"),
        ({"CONFORMANCE_RATE": "0/10s"}, "CONFORMANCE_RATE must allow at least 1 request"),
        ({"CONFORMANCE_RATE": "fast"}, "CONFORMANCE_RATE must be requests per window"),
        ({"FIXTURES_DIR": "/nonexistent-parent/fixtures"}, "must be a folder, or a new name in a folder that exists"),
    ],
)
def test_usage_errors_send_nothing_and_exit_2(
    overrides: dict[str, str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _app()
    status, _, err = _record(app, tmp_path / "fresh", capsys, **overrides)
    assert (status, app.seen) == (2, [])
    assert message in err


def test_a_new_recording_replaces_the_earlier_one_of_its_operations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old recorder wrote the share link's 201 as 200-live.json: a new recording leaves no such lie."""
    folder = tmp_path / "fixtures"
    (folder / "create-snapshot-share-link").mkdir(parents=True)
    misnamed = FIXTURES_DIR / "create-snapshot-share-link" / "201-documented.json"
    shutil.copy(misnamed, folder / "create-snapshot-share-link" / "200-live.json")
    (folder / "notes.txt").write_text("kept", encoding="utf-8")
    status, _, err = _record(_app(), folder, capsys)
    assert status == 0, err
    assert sorted(name for name in _tree(folder) if name.split("/")[0] not in NEVER_LIVE) == sorted(
        [
            "notes.txt",
            *(
                f"{op.operation_id}/{code}-live.json"
                for op in operations()
                if not op.never_live
                for code in op.responses
            ),
        ]
    )
    assert next(f for f in load_fixtures(folder) if f.name == "201-live").default
