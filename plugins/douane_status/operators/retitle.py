"""Change a ``{nl, en}`` text field of an existing file in place (``invoke update --down``
switches the title): only the two values change; every other byte, the field's comments and its
other lines included, stays as it was."""

from __future__ import annotations

import yaml

from ..domain.errors import UsageError
from ..domain.model import LANGUAGES, Text
from . import authoring as a


def replace_text_field(text: str, name: str, value: Text, shown: str) -> str:
    """``text`` with the ``nl`` and ``en`` values of the top-level field ``name`` replaced."""
    front = a.front_matter(text, shown)
    node = front.value(name)
    if not isinstance(node, yaml.MappingNode):
        raise UsageError(f"{shown}: '{name}' is not an 'nl:'/'en:' pair: fix it first")
    yaml_lines = front.lines[front.first : front.close]
    starts = [0]
    for line in yaml_lines:
        starts.append(starts[-1] + len(line))
    spans = []
    for key, scalar in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value in LANGUAGES:
            if not isinstance(scalar, yaml.ScalarNode):
                raise UsageError(f"{shown}: '{name}.{key.value}' is not a text: fix it first")
            # offsets from line and column: both count characters in either parser
            begin = starts[scalar.start_mark.line] + scalar.start_mark.column
            if scalar.style in ("|", ">"):  # a block ends at its last text line, not after it
                last = a.last_line(scalar, yaml_lines)
                end = starts[last] + len(yaml_lines[last].rstrip("\r\n"))
            else:
                end = starts[scalar.end_mark.line] + scalar.end_mark.column
            new = a.yaml_scalar(value[key.value])
            if node.flow_style and not new.startswith('"'):  # ', ' and braces end a flow value
                new = a.json_quoted(value[key.value])
            spans.append((begin, end, new))
    yaml_text = "".join(yaml_lines)
    for begin, end, new in sorted(spans, reverse=True):
        yaml_text = yaml_text[:begin] + new + yaml_text[end:]
    head = "".join(front.lines[: front.first])
    return front.bom + head + yaml_text + "".join(front.lines[front.close :])
