"""Writes the `generated` package from the spec, the generator config and the templates.

Run as `python -m scripts.generate [OUTPUT_DIR]` (default: generated/). Any message the
generator prints besides its "Generating ..." line is treated as fatal: a warning can mean
an endpoint or a model was silently dropped.
"""

import os
import subprocess
import sys
from pathlib import Path

from scripts.paths import GENERATED, GENERATOR_CONFIG, SPEC, TEMPLATES


class GenerationError(RuntimeError):
    """The generator failed or warned."""


def generate(package_dir: Path, spec: Path = SPEC) -> None:
    bin_dir = Path(sys.executable).parent
    command = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--config",
        str(GENERATOR_CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--meta",
        "none",
        "--output-path",
        str(package_dir),
        "--overwrite",
        "--fail-on-warning",
    ]
    # The post-hooks call `ruff` by name: it must be the pinned one from this environment.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    messages = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and not line.startswith("Generating ")
    ]
    if result.returncode != 0 or messages:
        raise GenerationError(
            f"openapi-python-client exited with {result.returncode} and said:\n" + "\n".join(messages)
        )


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else GENERATED
    try:
        generate(target)
    except GenerationError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"generated {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
