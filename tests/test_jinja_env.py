"""The reports' Jinja environment reads `d.name` on a dict as the stock sandbox does, only without the exception."""

from __future__ import annotations

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment

from zhibiao.briefing.jinja import environment


class Row(dict):
    """A dict subclass: left to the sandbox's own lookup."""

    label = "属性"


@pytest.mark.parametrize("source, data", [
    ("{{ row.name }}", {"row": {"name": "<吴兴>"}}),
    ("{{ row.items is defined }}|{{ row.keys().__class__ is defined }}", {"row": {"items": "键"}}),  # the method wins
    ("{{ row.get('name') }}{{ row['name'] }}", {"row": {"name": "南浔"}}),
    ("{{ row.label }}{{ row.name }}", {"row": Row(name="德清", label="键")}),
    ("{{ rows | map(attribute='name') | join('、') }}", {"rows": [{"name": "甲"}, {"name": "乙"}]}),
    ("{% for r in rows %}{{ r.cells.0 }}{% endfor %}", {"rows": [{"cells": ["1"]}, {"cells": ["2"]}]}),
])
def test_same_text_as_the_stock_sandbox(source, data):
    ours = environment().from_string(source).render(data)
    stock = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(source).render(data)
    assert ours == stock


def test_a_missing_key_still_fails_loudly():
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'nmae'"):
        environment().from_string("{{ row.nmae }}").render(row={"name": "吴兴"})


def test_the_sandbox_still_refuses_internals():
    with pytest.raises(jinja2.exceptions.SecurityError):
        environment().from_string("{{ row.__class__.__subclasses__() }}").render(row={"name": "吴兴"})
