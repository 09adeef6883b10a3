"""Compiled templates kept on disk between runs: Jinja's bytecode cache, keyed by the settings as well.

Each briefing compiled its Word template (docxtpl hands Jinja the document body, 35 KB of XML, as a string) and
its HTML template anew: 0.04 s of a briefing's CPU, whatever the workbook's size. Jinja's FileSystemBytecodeCache
keeps the compiled code in Jinja's own per-user folder (made 0700 and its owner checked; on Windows the user's
temp folder) and uses an entry only for the same source, which it checks by digest.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import jinja2
from jinja2 import FileSystemBytecodeCache


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache, an entry used only for the same settings and Jinja version (Jinja's own key is the
    template's name and file alone); a cache that cannot be read or written is simply not used."""

    def get_bucket(self, environment, name, filename, source):
        return super().get_bucket(environment, f"{settings(environment)}|{name}", filename, source)

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compiled again and written anew
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full or read-only disk: the next run compiles again
            pass


def settings(env) -> str:
    """What the compiled code depends on besides the source."""
    return repr((jinja2.__version__, type(env).__module__, type(env).__qualname__, env.sandboxed, env.autoescape,
                 env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence, env.optimized,
                 env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                 env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                 env.line_comment_prefix, sorted(env.extensions)))


def string_name(source: str) -> str:
    """The cache name of a template given as a string (docxtpl's): its digest, so each source has its own entry."""
    return "<string>:" + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=1)
def template_cache() -> TemplateCache | None:
    """The process's cache, or None where no safe folder can be had."""
    try:
        return TemplateCache()
    except (OSError, RuntimeError):
        return None
