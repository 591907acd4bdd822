"""`make mutation`: mutation testing, with mutmut, of the polite proxy, the redaction, the burst
budget and the OAuth refresh. Not part of `make test`: a run takes minutes. `make mutation
ARGS="proxy budget"` runs only the areas named (keys of `SCOPE`); without ARGS, all of them.

mutmut (configured in pyproject.toml, [tool.mutmut]) copies the project into mutants/, mutates the
copies in generated/ (the package the tests import) and scripts/conformance/proxy.py, finds which
tests of its selection call each function, and runs only those for each mutant of it. This script
starts a fresh run of the mutants of the areas asked for, then writes reports/mutation.json and
reports/mutation.md: the score of each area (mutants caught, by a failing test or by a timeout,
over all mutants) and every mutant that was not caught, with its diff. docs/mutation.md keeps the
last score and what was done with the survivors.
"""

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.paths import ROOT

REPORTS = ROOT / "reports"
MUTANTS = ROOT / "mutants"
MUTMUT = Path(sys.executable).with_name("mutmut")
SCOPE = {
    "proxy": ("scripts.conformance.proxy.*",),
    "redaction": (
        "generated.redaction.*",
        "generated.client.xǁAuthenticatedClientǁredact__mutmut_*",
        "generated.errors.x_excerpt__mutmut_*",
        "generated.errors.xǁUnexpectedResponseǁof__mutmut_*",
    ),
    "budget": ("generated.budget.*",),
    "oauth": ("generated.auth.*",),
}
"""Each area's mutants, as mutmut names them: module, then class and function."""
CAUGHT = {"killed", "timeout"}
_RESULT = re.compile(r"^\s*(?P<name>\S+): (?P<status>.+)$")


@dataclass
class Area:
    statuses: dict[str, str] = field(default_factory=dict)  # mutant name: mutmut's status

    def score(self) -> float:
        caught = sum(status in CAUGHT for status in self.statuses.values())
        return caught / len(self.statuses) if self.statuses else 1.0

    def survivors(self) -> list[str]:
        return sorted(name for name, status in self.statuses.items() if status not in CAUGHT)


def areas(results: str) -> dict[str, Area]:
    """`mutmut results --all true` sorted into the areas of `SCOPE`; mutants of no area are left out."""
    found = {name: Area() for name in SCOPE}
    for line in results.splitlines():
        match = _RESULT.match(line)
        if match is None:
            continue
        for name, patterns in SCOPE.items():
            if any(fnmatch.fnmatchcase(match["name"], pattern) for pattern in patterns):
                found[name].statuses[match["name"]] = match["status"]
    return found


def _mutmut(*arguments: str) -> str:
    done = subprocess.run([MUTMUT, *arguments], cwd=ROOT, check=True, capture_output=True, text=True)  # noqa: S603
    return done.stdout


def _markdown(found: dict[str, Area], seconds: float) -> str:
    lines = [
        f"# Mutation testing ({seconds:.0f} s)",
        "",
        "| area | mutants | caught | score |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, area in found.items():
        caught = len(area.statuses) - len(area.survivors())
        lines.append(f"| {name} | {len(area.statuses)} | {caught} | {area.score():.1%} |")
    for name, area in found.items():
        for survivor in area.survivors():
            lines += ["", f"## {name}: {survivor} ({area.statuses[survivor]})", "", "```diff"]
            lines += [_mutmut("show", survivor).strip(), "```"]
    return "\n".join(lines) + "\n"


def main(asked: list[str]) -> int:
    unknown = sorted(set(asked) - SCOPE.keys())
    if unknown:
        print(f"no such area: {', '.join(unknown)}; the areas are {', '.join(SCOPE)}", file=sys.stderr)
        return 2
    chosen = [name for name in SCOPE if name in asked or not asked]
    shutil.rmtree(MUTANTS, ignore_errors=True)  # a fresh run: mutmut would keep earlier verdicts
    REPORTS.mkdir(exist_ok=True)
    started = time.monotonic()
    patterns = [pattern for name in chosen for pattern in SCOPE[name]]
    with (REPORTS / "mutation.log").open("w") as log:
        run = [str(MUTMUT), "run", "--max-children", str(os.cpu_count() or 1), *patterns]
        subprocess.run(run, cwd=ROOT, check=True, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    seconds = time.monotonic() - started
    found = {name: area for name, area in areas(_mutmut("results", "--all", "true")).items() if name in chosen}
    summary = {
        "seconds": round(seconds),
        "areas": {
            name: {"mutants": len(area.statuses), "score": round(area.score(), 4), "survivors": area.survivors()}
            for name, area in found.items()
        },
    }
    (REPORTS / "mutation.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    (REPORTS / "mutation.md").write_text(_markdown(found, seconds))
    for name, area in found.items():
        print(f"{name}: {area.score():.1%} of {len(area.statuses)} mutants caught, {len(area.survivors())} not")
    print(f"{seconds:.0f} s; the survivors, with their diffs, are in {REPORTS / 'mutation.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
