"""How a template writes a value: markup as it is, anything else escaped.

An autoescaping Jinja template passes every ``{{ value }}`` through markupsafe's ``escape``,
which also copies a value that is markup already (``Markup(value.__html__())``). Most of what
the site's pages write is markup already: the macros' and the layout's parts, the words
(``template_words``), the rendered texts. ``KeptMarkup`` compiles the templates to write such
a value as it is, and to escape everything else as before: the same page, without a copy and
two calls for most of its values (a sixth of an event page's rendering).

It does so through Jinja's own seam for how output is compiled (``code_generator_class`` and
the ``_output_child_pre`` step that ``jinja2.nativetypes`` overrides as well). The step's name
is Jinja's, not a documented promise: ``tests/test_template_output.py`` compiles the site's
templates with the installed Jinja and fails if any output still calls ``escape`` itself.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.ext import Extension
from jinja2.nodes import Expr
from markupsafe import Markup, escape

# the attribute by which the compiled templates find ``escape_output`` on their environment
OUTPUT_ESCAPE = "douane_escape_output"


def escape_output(value: Any) -> Markup:
    """``value`` as markup: itself when it is ``Markup`` (not a subclass, whose ``__html__``
    may differ), else what ``escape`` makes of it."""
    if type(value) is Markup:
        return value
    return escape(value)


class KeptMarkupCodeGenerator(CodeGenerator):
    """Jinja's code generator, but autoescaped output calls ``escape_output``."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            # an ``{% autoescape %}`` block decided at run time, or no escaping: Jinja's own
            super()._output_child_pre(node, frame, finalize)
            return
        self.write(f"environment.{OUTPUT_ESCAPE}(")
        if finalize.src is not None:
            self.write(finalize.src)


class KeptMarkup(Extension):
    """Listed in an environment's extensions, its templates compile with
    ``KeptMarkupCodeGenerator``."""

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(**{OUTPUT_ESCAPE: escape_output})
        environment.code_generator_class = KeptMarkupCodeGenerator
