"""Where the project's inputs live, so that no other module spells a path twice."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPENAPI_DIR = ROOT / "openapi"
SPEC = OPENAPI_DIR / "snapshots.yaml"
GENERATOR_CONFIG = OPENAPI_DIR / "config.yaml"
TEMPLATES = OPENAPI_DIR / "templates"
RUNTIME = OPENAPI_DIR / "runtime"  # the client's hand-written modules, copied into generated/
GENERATED = ROOT / "generated"
