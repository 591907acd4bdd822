"""Writes the `generated` package from the spec, the generator config, the templates and the
client's runtime.

Run as `python -m scripts.codegen.generate [OUTPUT_DIR]` (default: generated/). Any error or
warning of the generator is fatal: a warning can mean an endpoint or a model was silently
dropped. Generation is all or nothing: the package is built in a folder next to OUTPUT_DIR and
replaces it only once everything has succeeded, so a failure leaves OUTPUT_DIR as it was.

The generator runs in-process rather than through its CLI because its parser keeps a string
parameter's type but drops its `minLength` and `pattern`, and it drops an operation's `x-`
extensions: the templates get what they need of the raw spec through the globals of
scripts/codegen/template_globals.py.

The runtime, the hand-written modules of openapi/runtime/ that depend on nothing in the spec
(retries, burst budget, rate-limit headers, exceptions, OAuth refresh), is copied into the
package byte for byte once the generator's build and its post-hooks are done, so nothing
reformats it: its errors.py replaces the generator's own.
"""

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from openapi_python_client import Project
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError

from scripts.codegen.template_globals import (
    SpecError,
    constrained_strings,
    finished_model,
    pagination,
    secret_fields,
    with_raises,
)
from scripts.paths import GENERATED, GENERATOR_CONFIG, RUNTIME, SPEC, TEMPLATES
from scripts.spec import load_spec, operation_ids

# The runtime modules that call an operation of the spec, and its operationId: a spec without
# that operation gets no such module (auth.py imports the generated api.oauth.get_access_token).
NEEDS_OPERATION = {"auth.py": "get-access-token"}


class GenerationError(RuntimeError):
    """The generator failed or warned."""


class _CompiledTemplates(BytecodeCache):
    """The templates' compiled code, kept for the life of the process. The generator builds a new
    Jinja environment for each run, and compiling the templates is most of a run's time; Jinja
    compares each template's source with the checksum stored beside its code before using it."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


def _describe(errors: Sequence[GeneratorError]) -> str:
    return "\n".join(f"{error.level.value} {error.header}\n{error.detail or ''}".rstrip() for error in errors)


@contextmanager
def _tools_on_path() -> Iterator[None]:
    """The post-hooks call `ruff` by name: it must be the pinned one from this environment."""
    saved = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{saved}"
    try:
        yield
    finally:
        os.environ["PATH"] = saved


def _build(package_dir: Path, spec: Path) -> None:
    document = load_spec(spec)
    config = Config.from_sources(
        ConfigFile.load_from_path(GENERATOR_CONFIG),
        MetaType.NONE,
        spec,
        "utf-8",
        overwrite=True,
        output_path=package_dir,
    )
    openapi = GeneratorData.from_dict(document, config=config)
    if isinstance(openapi, GeneratorError):
        raise GenerationError(_describe([openapi]))
    project = Project(openapi=openapi, config=config, custom_template_path=TEMPLATES)
    project.env.bytecode_cache = _COMPILED_TEMPLATES
    project.env.globals["constrained_strings"] = partial(constrained_strings, document)
    project.env.globals["pagination"] = partial(pagination, document, openapi.models)
    project.env.globals["finished_model"] = partial(finished_model, openapi.models)
    project.env.globals["with_raises"] = with_raises
    project.env.globals["secret_fields"] = secret_fields
    try:
        with _tools_on_path():
            errors = project.build()
    except SpecError as error:
        raise GenerationError(str(error)) from error
    if errors:
        raise GenerationError(_describe(errors))
    _copy_runtime(package_dir, operation_ids(document))


def _copy_runtime(package_dir: Path, operations: frozenset[str]) -> None:
    for module in sorted(RUNTIME.glob("*.py")):
        needed = NEEDS_OPERATION.get(module.name)
        if needed is None or needed in operations:
            shutil.copyfile(module, package_dir / module.name)


def generate(package_dir: Path, spec: Path = SPEC) -> None:
    """Writes the package to package_dir, replacing what was there; on any failure, leaves it untouched."""
    package_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{package_dir.name}-", dir=package_dir.parent) as scratch:
        fresh = Path(scratch) / package_dir.name
        _build(fresh, spec)
        if package_dir.exists():
            package_dir.rename(Path(scratch) / "previous")
        fresh.rename(package_dir)


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
