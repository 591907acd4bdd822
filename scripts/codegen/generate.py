"""Writes the `generated` package from the spec, the generator config and the templates.

Run as `python -m scripts.codegen.generate [OUTPUT_DIR]` (default: generated/). Any error or
warning of the generator is fatal: a warning can mean an endpoint or a model was silently
dropped.

The generator runs in-process rather than through its CLI for two reasons, both about what
the templates can see:

- its parser keeps a string parameter's type but drops its `minLength` and `pattern`, and it
  drops an operation's `x-` extensions, so the templates get the raw spec through the
  `parameter_schema` and `operation_extension` globals;
- it only renders the modules it knows; every `openapi/templates/modules/NAME.jinja` is
  rendered to `generated/NAME` as well, before the post-hooks format the package, unless it
  renders to nothing (a module for an operation the spec lacks: the `operation_ids` global).
"""

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from openapi_python_client import Project
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError

from scripts.codegen.template_globals import operation_extension, parameter_schema
from scripts.paths import GENERATED, GENERATOR_CONFIG, SPEC, TEMPLATES
from scripts.spec import HTTP_METHODS, load_spec, resolve

EXTRA_MODULES = "modules"


class GenerationError(RuntimeError):
    """The generator failed or warned."""


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


def generate(package_dir: Path, spec: Path = SPEC) -> None:
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
    project.env.globals["parameter_schema"] = partial(parameter_schema, document)
    project.env.globals["operation_extension"] = partial(operation_extension, document)
    project.env.globals["operation_ids"] = frozenset(
        operation["operationId"]
        for item in document["paths"].values()
        for method, operation in resolve(item, document).items()
        if method in HTTP_METHODS
    )
    package_dir.mkdir(parents=True, exist_ok=True)
    for template in sorted((TEMPLATES / EXTRA_MODULES).glob("*.jinja")):
        rendered = project.env.get_template(f"{EXTRA_MODULES}/{template.name}").render()
        if rendered.strip():
            (package_dir / template.stem).write_text(rendered, encoding="utf-8")
    with _tools_on_path():
        errors = project.build()
    if errors:
        raise GenerationError(_describe(errors))


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
