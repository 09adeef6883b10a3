"""Compiled templates kept between runs (jinja_cache.py): the same text, never another source's or settings' code."""

from __future__ import annotations

import os

import pytest
from jinja2 import DictLoader, StrictUndefined

from zhibiao.briefing.jinja import Environment, environment
from zhibiao.briefing.jinja_cache import TemplateCache, string_name, template_cache

SOURCE = "{% for r in rows %}{{ r.name }}：{{ r.value }}{% if not loop.last %}、{% endif %}{% endfor %}"
DATA = {"rows": [{"name": "<吴兴>", "value": 1}, {"name": "南浔", "value": 2}]}


def env(cache, autoescape=True, **options):
    return Environment(autoescape=autoescape, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True, bytecode_cache=cache, **options)


def entries(folder):
    return sorted(p.name for p in folder.iterdir() if p.suffix == ".cache")


def test_a_string_template_is_compiled_once_and_renders_the_same(tmp_path):
    cache = TemplateCache(str(tmp_path))
    first = env(cache).from_string(SOURCE).render(DATA)
    assert len(entries(tmp_path)) == 1
    again = env(cache)
    bucket = cache.get_bucket(again, string_name(SOURCE), None, SOURCE)
    assert bucket.code is not None  # the next run finds it
    assert again.from_string(SOURCE).render(DATA) == first == "&lt;吴兴&gt;：1、南浔：2"
    assert env(None).from_string(SOURCE).render(DATA) == first  # as without a cache


def test_other_sources_and_other_settings_get_their_own_code(tmp_path):
    cache = TemplateCache(str(tmp_path))
    assert env(cache).from_string(SOURCE).render(DATA).startswith("&lt;吴兴&gt;")
    assert env(cache, autoescape=False).from_string(SOURCE).render(DATA).startswith("<吴兴>")
    assert env(cache).from_string(SOURCE + "。").render(DATA).endswith("南浔：2。")
    assert len(entries(tmp_path)) == 3


def test_a_loaded_template_is_cached_with_its_settings(tmp_path):
    cache = TemplateCache(str(tmp_path))
    for autoescape, shown in ((True, "&lt;b&gt;"), (False, "<b>"), (True, "&lt;b&gt;")):
        e = env(cache, autoescape=autoescape, loader=DictLoader({"t.j2": "{{ x }}"}))
        assert e.get_template("t.j2").render(x="<b>") == shown
    assert len(entries(tmp_path)) == 2


def test_a_damaged_entry_is_compiled_again(tmp_path):
    cache = TemplateCache(str(tmp_path))
    env(cache).from_string(SOURCE).render(DATA)
    (entry,) = entries(tmp_path)
    (tmp_path / entry).write_bytes(b"not a cache entry")
    assert env(cache).from_string(SOURCE).render(DATA) == "&lt;吴兴&gt;：1、南浔：2"
    (tmp_path / entry).write_bytes((tmp_path / entry).read_bytes()[:40])  # cut short after a good header
    assert env(cache).from_string(SOURCE).render(DATA) == "&lt;吴兴&gt;：1、南浔：2"


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs a folder the user cannot write (not as root)")
def test_a_folder_that_cannot_be_written_is_not_used(tmp_path):
    tmp_path.chmod(0o500)
    try:
        assert env(TemplateCache(str(tmp_path))).from_string(SOURCE).render(DATA) == "&lt;吴兴&gt;：1、南浔：2"
    finally:
        tmp_path.chmod(0o700)


def test_the_full_disk_case_is_not_an_error(tmp_path, monkeypatch):
    cache = TemplateCache(str(tmp_path))

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tempfile.NamedTemporaryFile", full)
    assert env(cache).from_string(SOURCE).render(DATA) == "&lt;吴兴&gt;：1、南浔：2"
    assert entries(tmp_path) == []


def test_the_reports_environment_uses_the_cache():
    assert environment().bytecode_cache is template_cache()
