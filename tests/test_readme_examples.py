"""Runs every Python example of the README, so that the documentation cannot go stale."""

import json
import re

import pytest

from scripts.paths import ROOT
from tests.support.docs_examples import documented_examples
from tests.support.loopback import Reply, SeenRequest, loopback_server

EXAMPLES = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_readme_example_runs(index: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def respond(request: SeenRequest) -> Reply:
        return Reply(200, json.dumps(documented_examples()[200]).encode())

    with loopback_server(respond) as server:
        monkeypatch.setenv("HIGHLEVEL_BASE_URL", server.url)
        monkeypatch.setenv("HIGHLEVEL_TOKEN", "readme-token")
        monkeypatch.setenv("HIGHLEVEL_COMPANY_ID", "5D112kQsiKESj6rash")
        exec(compile(EXAMPLES[index], f"README.md example {index + 1}", "exec"), {"__name__": "__readme__"})  # noqa: S102
    assert server.seen, "the example sent no request"
    assert "Martial Arts Snapshot" in capsys.readouterr().out
