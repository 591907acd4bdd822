"""Runs every Python example of the README and docs/ against the replay server, so that the
documentation cannot go stale."""

from typing import Any

import pytest

from scripts.fixtures import load_fixtures
from scripts.paths import ROOT
from scripts.stand_ins.replay import ReplayApp
from scripts.wsgi import Answer, IncomingRequest, running_server
from tests.support.markdown_docs import Block, blocks

EXAMPLES = blocks("python")
TOKEN = "readme-token"


class RememberingReplay(ReplayApp):
    """The replay server as `make serve` runs it (the OAuth example's calls pass its own token check,
    with the access token its /oauth/token hands out), remembering its answers."""

    def __init__(self) -> None:
        super().__init__(load_fixtures(), token=TOKEN)
        self.answers: list[Answer] = []

    def answer(self, request: IncomingRequest) -> Answer:
        answer = super().answer(request)
        self.answers.append(answer)
        return answer


def _strings(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_strings(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_strings(item) for item in value))
    return {value} if isinstance(value, str) else set()


def test_the_readme_and_the_client_page_have_examples() -> None:
    assert {example.document for example in EXAMPLES} >= {ROOT / "README.md", ROOT / "docs" / "client.md"}


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_documented_example_runs(
    example: Block, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if "REDIS_URL" in example.code:
        # Only the examples that need it wait for (or skip without) a redis-server.
        monkeypatch.setenv("REDIS_URL", request.getfixturevalue("redis_url"))
    replay = RememberingReplay()
    with running_server(replay) as url:
        monkeypatch.setenv("HIGHLEVEL_BASE_URL", url)
        monkeypatch.setenv("HIGHLEVEL_TOKEN", TOKEN)
        monkeypatch.setenv("HIGHLEVEL_COMPANY_ID", "5D112kQsiKESj6rash")
        monkeypatch.setenv("HIGHLEVEL_SNAPSHOT_ID", "PagedSnapshot0000001")
        monkeypatch.setenv("HIGHLEVEL_CLIENT_ID", "readme-client-id")
        monkeypatch.setenv("HIGHLEVEL_CLIENT_SECRET", "readme-client-secret")
        monkeypatch.setenv("HIGHLEVEL_REFRESH_TOKEN", "readme-refresh-token")
        monkeypatch.setenv("HIGHLEVEL_AUTH_CODE", "readme-authorization-code")
        exec(compile(example.code, str(example), "exec"), {"__name__": "__docs__"})  # noqa: S102
    printed = capsys.readouterr().out
    served = set().union(*(_strings(answer.json()) for answer in replay.answers if 200 <= answer.status < 300))
    assert replay.answers, "the example sent no request"
    assert any(value in printed for value in served), f"the example printed nothing it was sent: {printed!r}"
