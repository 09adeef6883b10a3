"""The one Jinja setup for both skins: sandboxed (the templates are the bureau's to edit), autoescaped, strict."""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .jinja_cache import string_name, template_cache

# reports/ beside the package: templates the bureau may edit without touching code
TEMPLATES = Path(__file__).resolve().parent.parent.parent / "reports"


# what `value.name` finds on a plain dict as an attribute before its keys: its methods (items, keys, ...)
_DICT_ATTRIBUTES = frozenset(dir(dict))


class Environment(SandboxedEnvironment):
    """The sandbox, with `row.name` on a plain dict read as its key at once.

    Jinja tries the attribute first and the key after the AttributeError; a 100 × 100 briefing reads 46,000
    keys so, each raising and catching an exception (half the HTML's time). A dict's own attributes are its
    class's methods, so a name that is not one of them finds the key, or nothing, exactly as before.
    """

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except (KeyError, TypeError):
                pass  # missing (or an unhashable name): the sandbox's own answer, an undefined value
        return super().getattr(obj, attribute)

    def from_string(self, source, globals=None, template_class=None):
        """Jinja's from_string, the compiled code kept in the bytecode cache (jinja_cache.py) under the source's
        digest: docxtpl gives the Word template's body as a string, compiled anew on every render otherwise."""
        cache = self.bytecode_cache
        if cache is None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        bucket = cache.get_bucket(self, string_name(source), None, source)
        if bucket.code is None:
            bucket.code = self.compile(source)
            cache.set_bucket(bucket)
        return (template_class or self.template_class).from_code(self, bucket.code, self.make_globals(globals), None)


def environment(template_dir: Path | None = None) -> SandboxedEnvironment:
    """Sandboxed, autoescaping, and failing loudly on a missing key (StrictUndefined); each template compiled once
    across runs (jinja_cache.py). A bureau's template finds the parts the built-in ones include
    ({% include "_report_style.css.j2" %}) in reports/ when its folder has none."""
    loader = FileSystemLoader([str(template_dir), str(TEMPLATES)]) if template_dir else None
    return Environment(loader=loader, autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=template_cache())
