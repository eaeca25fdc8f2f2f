"""Record a year of paid dues (R3) in an existing ``territoires/<code>.yaml``, touching nothing
else: comments, order and layout of the file stay as staff left them.

In: the file's text and the year. Out: the new text, or ``None`` when the year is already there
or the file cannot be edited safely (then the checker's own message explains what to do).
"""

from __future__ import annotations

import yaml
from label_data.yamlload import Loader


def _field(root: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value
    return None


def _offset(text: str, mark) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: mark.line]) + mark.column


def add_year(text: str, year: int) -> str | None:
    """``text`` with ``year`` in its ``cotisations`` list (created at the end when absent)."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None  # the checker reports the syntax error itself
    if not isinstance(root, yaml.MappingNode):
        return None
    found = _field(root, "cotisations")
    if found is None:
        return text + ("" if text.endswith("\n") or not text else "\n") + f"cotisations: [{year}]\n"
    _key, value = found
    if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
        years: list[int] = []
    elif isinstance(value, yaml.SequenceNode) and all(
        isinstance(n, yaml.ScalarNode) and n.value.strip().isdigit() for n in value.value
    ):
        years = [int(n.value) for n in value.value]
    else:
        return None  # not a plain list of years: the checker says what is wrong
    if year in years:
        return None
    listed = "[" + ", ".join(str(y) for y in sorted({*years, year})) + "]"
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        # A block list: one more « - année » item after the last one, at the same indent.
        last = value.value[-1]
        at = _offset(text, last.end_mark)
        dash = " " * text[: _offset(text, last.start_mark)].split("\n")[-1].index("-")
        return text[:at] + f"\n{dash}- {year}" + text[at:]
    if isinstance(value, yaml.ScalarNode) and value.start_mark.index == value.end_mark.index:
        start = _offset(text, _key.end_mark) + 1
        return text[:start] + " " + listed + text[start:].lstrip(" ")
    start, end = _offset(text, value.start_mark), _offset(text, value.end_mark)
    return text[:start] + listed + text[end:]
