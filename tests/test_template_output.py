"""Templates write markup as it is and escape everything else, as Jinja's own output does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest
from conftest import REPO
from markupsafe import Markup

from douane_status.presentation import template_output
from douane_status.presentation.template_options import EXTENSIONS, jinja_environment
from douane_status.presentation.template_output import KeptMarkup, escape_output


class _Shown(Markup):
    """Markup whose ``__html__`` says something else than its text."""

    def __html__(self) -> Markup:
        return Markup("<em>shown</em>")


class _Html:
    """Not a string, but HTML by its ``__html__``."""

    def __html__(self) -> str:
        return "<b>html</b>"

    def __repr__(self) -> str:  # the test's id, the same in every process that collects it
        return "_Html()"


VALUES = [
    "<b>plain</b> & 'quoted'",
    Markup("<b>markup</b>"),
    _Shown("text"),
    _Html(),
    42,
    None,
    dt.date(2026, 12, 6),
]
SOURCE = (
    "{{ value }}|{{ value ~ '<' }}|{{ [value] | join(',') }}|"
    "{% autoescape false %}{{ value }}{% endautoescape %}|"
    "{% autoescape flag %}{{ value }}{% endautoescape %}|"
    "{% macro shown(x) %}<i>{{ x }}</i>{% endmacro %}{{ shown(value) }}"
)


def test_markup_is_written_as_it_is_and_everything_else_escaped() -> None:
    markup = Markup("<b>kept</b>")
    assert escape_output(markup) is markup  # no copy
    assert escape_output("<b>") == Markup("&lt;b&gt;")
    assert escape_output(_Shown("text")) == Markup("<em>shown</em>")  # its own __html__
    assert escape_output(_Html()) == Markup("<b>html</b>")
    assert escape_output(7) == Markup("7")


@pytest.mark.parametrize("value", VALUES, ids=repr)
@pytest.mark.parametrize("flag", [True, False])
def test_a_template_writes_what_jinjas_own_output_writes(value: object, flag: bool) -> None:
    ours = jinja2.Environment(autoescape=True, extensions=[KeptMarkup])
    jinjas = jinja2.Environment(autoescape=True)
    assert ours.code_generator_class is not jinjas.code_generator_class
    for finalize in (None, lambda v: "" if v is None else v):
        ours.finalize = jinjas.finalize = finalize
        page = ours.from_string(SOURCE).render(value=value, flag=flag)
        assert page == jinjas.from_string(SOURCE).render(value=value, flag=flag)


def test_markup_values_are_not_escaped_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The saving itself: a value that is ``Markup`` does not reach ``escape``."""
    escaped: list[object] = []
    real = template_output.escape

    def counted(value: object) -> Markup:
        escaped.append(value)
        return real(value)

    monkeypatch.setattr(template_output, "escape", counted)
    env = jinja2.Environment(autoescape=True, extensions=[KeptMarkup])
    page = env.from_string("{{ a }}{{ b }}{{ c }}")
    assert page.render(a=Markup("<a>"), b="<b>", c=Markup("<c>")) == "<a>&lt;b&gt;<c>"
    assert escaped == ["<b>"]


def test_the_sites_templates_compile_with_it(tmp_path: Path) -> None:
    assert KeptMarkup in EXTENSIONS
    loader = jinja2.FileSystemLoader(REPO / "theme" / "templates")
    env = jinja2.Environment(loader=loader, **jinja_environment(tmp_path, {}))
    source, _, _ = loader.get_source(env, "event.html")
    code = env.compile(source, raw=True)
    assert f"environment.{template_output.OUTPUT_ESCAPE}(" in code
    assert "escape(" not in code.replace(f".{template_output.OUTPUT_ESCAPE}(", "")
