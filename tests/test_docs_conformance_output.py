"""The example outputs of `make conformance` in the docs are what a live run prints: each block
marked `<!-- output: live-... -->` is produced here again, against the live-like stand-in, and
compared with only the loopback port, the seconds and the reports folder left out; and the run
exits with the status the README's table gives its outcome."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.conformance.run import run
from scripts.paths import ROOT
from scripts.stand_ins.live_like import COMPANY_ID, LiveLike
from scripts.wsgi import Answer, IncomingRequest, running_server
from tests.support.markdown_docs import shown_output

TOKEN = "readme-live-token-3f9b"
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The README's table of the three outcomes: | `conforms` | 0 | ...
EXIT_STATUS = {outcome: int(status) for outcome, status in re.findall(r"^\| `([a-z-]+)` \| (\d) \|", README, re.M)}


class LostSnapshots(LiveLike):
    """The stand-in, with a 200 that lost its `snapshots` field."""

    def _snapshots(self, request: IncomingRequest) -> Answer:
        return Answer.of_json(200, {})


class SpentDay(LiveLike):
    """The stand-in on a day whose budget is spent."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.daily_remaining = 0


RUNS: dict[str, Callable[[], LiveLike]] = {
    "live-conforms": lambda: LiveLike(token=TOKEN),
    "live-does-not-conform": lambda: LostSnapshots(token=TOKEN),
    "live-could-not-check": lambda: SpentDay(token=TOKEN),
}


def _normalized(text: str, reports: str = "reports") -> str:
    text = text.replace(reports, "reports")
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
    text = re.sub(r"time: \d+\.\d s", "time: N s", text)
    return re.sub(r"comes back in \d+ h \d+ min", "comes back in H h M min", text).strip()


@pytest.mark.parametrize("name", RUNS)
def test_the_docs_show_what_a_live_run_prints(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with running_server(RUNS[name]()) as url:
        env = {"HIGHLEVEL_TOKEN": TOKEN, "HIGHLEVEL_COMPANY_ID": COMPANY_ID, "HIGHLEVEL_BASE_URL": url}
        status = run(["--reports", str(tmp_path)], env=env)
    printed = capsys.readouterr().out
    summary = printed[printed.index("\nConformance of") :]
    assert _normalized(shown_output(name)) == _normalized(summary, str(tmp_path)), summary
    assert status == EXIT_STATUS[name.removeprefix("live-")], "not the exit status the README gives this outcome"
