"""The spec change a conformance run proposes when it sees drift: `reports/spec.patch`.

A run records what it saw (`Observations`: per operation and status, how many responses, and
the JSON bodies of those that drifted). `spec_patch` turns that into a unified diff against the
committed spec, applicable with `git apply` from the repository root, that makes the spec describe
what was observed (see `edit` for the kinds of change and `infer` for the inferred schemas). The
spec is edited as a round-trip YAML document, so comments, key order and quoting stay as written;
a spec that does not survive the round trip byte for byte is refused rather than restyled. The
patch is a proposal: nothing here applies it.
"""

import difflib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from scripts.conformance.spec_patch.edit import apply_observations
from scripts.conformance.spec_patch.observations import Observations
from scripts.fixtures import redact
from scripts.paths import ROOT, SPEC

__all__ = ["Observations", "PatchError", "spec_patch", "write_spec_patch"]


class PatchError(Exception):
    pass


def _round_trip_yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    # The project's line length; narrower would refold the file's longest plain lines (107 columns).
    yaml.width = 120
    return yaml


def _dump(yaml: YAML, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def spec_patch(
    observations: Observations,
    spec_text: str,
    *,
    spec_path: str = "openapi/snapshots.yaml",
    secrets: Sequence[str] = (),
) -> str:
    """The unified diff (empty when nothing needs to change) from `spec_text` to a spec that
    describes the observations. `spec_path` is the spec's path from the repository root."""
    if not observations:
        return ""
    yaml = _round_trip_yaml()
    document = yaml.load(spec_text)
    if _dump(yaml, document) != spec_text:
        raise PatchError(f"{spec_path} does not survive a YAML round trip unchanged; a patch would restyle it")
    apply_observations(document, observations)
    patched = _dump(yaml, document)
    if patched == spec_text:
        return ""
    diff = difflib.unified_diff(
        spec_text.splitlines(keepends=True), patched.splitlines(keepends=True), f"a/{spec_path}", f"b/{spec_path}"
    )
    text = f"diff --git a/{spec_path} b/{spec_path}\n" + "".join(diff)
    for secret in secrets:
        text = redact(text, secret)
    return text


def write_spec_patch(
    observations: Observations, path: Path, *, spec: Path = SPEC, secrets: Sequence[str] = ()
) -> Path | None:
    """Writes the patch to `path` and returns it; with nothing to propose, removes a stale one and returns None."""
    text = spec_patch(
        observations, spec.read_text(encoding="utf-8"), spec_path=spec.relative_to(ROOT).as_posix(), secrets=secrets
    )
    if not text:
        path.unlink(missing_ok=True)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
