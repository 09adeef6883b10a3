"""The one Jinja setup for both skins: sandboxed (the templates are the bureau's to edit), autoescaped, strict."""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

# reports/ beside the package: templates the bureau may edit without touching code
TEMPLATES = Path(__file__).resolve().parent.parent.parent / "reports"


def environment(template_dir: Path | None = None) -> SandboxedEnvironment:
    """Sandboxed, autoescaping, and failing loudly on a missing key (StrictUndefined)."""
    loader = FileSystemLoader(str(template_dir)) if template_dir else None
    return SandboxedEnvironment(loader=loader, autoescape=True, undefined=StrictUndefined,
                                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
