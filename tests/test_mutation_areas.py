"""`make mutation ARGS=...`: an area that does not exist is refused before anything runs."""

import pytest

from scripts import mutation


def test_an_unknown_area_is_refused_before_anything_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def must_not_run(*arguments: object, **options: object) -> None:
        raise AssertionError("mutmut ran")

    monkeypatch.setattr("scripts.mutation.shutil.rmtree", must_not_run)
    monkeypatch.setattr("scripts.mutation.subprocess.run", must_not_run)
    assert mutation.main(["proxy", "proxies"]) == 2
    assert "no such area: proxies; the areas are proxy, redaction, budget, oauth" in capsys.readouterr().err


def test_the_results_are_sorted_into_the_areas_asked_for() -> None:
    results = "\n".join(
        [
            "    scripts.conformance.proxy.x_a__mutmut_1: killed",
            "    generated.budget.x_b__mutmut_2: survived",
            "    generated.client.x_other__mutmut_3: survived",
        ]
    )
    found = mutation.areas(results)
    assert found["proxy"].statuses == {"scripts.conformance.proxy.x_a__mutmut_1": "killed"}
    assert found["budget"].survivors() == ["generated.budget.x_b__mutmut_2"]
    assert found["redaction"].statuses == {} and found["oauth"].score() == 1.0
