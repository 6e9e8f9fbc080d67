"""YAML read with the line of every value, so a problem can name its line.

PyYAML's safe loader drops where each value was; its composer keeps it. The
data files and front matter medkb reads are small, so composing them is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@dataclass(frozen=True)
class Located:
    """A YAML value as text, list or mapping, and the 1-based line it starts on."""

    value: Any
    line: int
    #: The line of the key this value belongs to, in a mapping.
    key_line: int = 0

    def text(self) -> str | None:
        return self.value.strip() if isinstance(self.value, str) else None


class YamlProblem(ValueError):
    """The text is not valid YAML; *line* is where the parser stopped."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _located(node: yaml.Node, first_line: int, key_line: int = 0) -> Located:
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Located] = {}
        for key, value in node.value:
            at = key.start_mark.line + first_line
            mapping[str(key.value)] = _located(value, first_line, at)
        return Located(mapping, line, key_line or line)
    if isinstance(node, yaml.SequenceNode):
        items = [_located(item, first_line) for item in node.value]
        return Located(items, line, key_line or line)
    return Located(str(node.value), line, key_line or line)


def parse(text: str, first_line: int = 1) -> Located | None:
    """Compose *text* (which starts on *first_line* of its file) into Located values.

    Scalars stay text, as YAML's base loader gives them: a date is checked as
    a date where it is read, not turned into one here.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(error, "problem", None) or "it cannot be read"
        raise YamlProblem(problem, line) from error
    return None if node is None else _located(node, first_line)


def read_file(path: Path) -> Located | None:
    return parse(path.read_text(encoding="utf-8"))


def front_matter(lines: list[str]) -> Located | None:
    """The YAML block between the '---' lines that open a page, if there is one."""
    if not lines or lines[0].strip() != "---":
        return None
    try:
        end = next(n for n, line in enumerate(lines[1:], 1) if line.strip() == "---")
    except StopIteration:
        return None
    return parse("\n".join(lines[1:end]), first_line=2)


def fields_problem(fields: dict[str, Located], allowed: tuple[str, ...]) -> str | None:
    """What is wrong with a record's fields: "has no a, b" or "has unknown field(s) c".

    A field counts as missing when it is absent or holds no text.
    """
    missing = [f for f in allowed if f not in fields or not fields[f].text()]
    if missing:
        return f"has no {', '.join(missing)}"
    extra = [f for f in fields if f not in allowed]
    if extra:
        return f"has unknown field(s) {', '.join(extra)}"
    return None


def read_list(
    path: Path, key: str, what: str, problem: Callable[[int, str], None]
) -> list[Located] | None:
    """The items of the list under *key* in the YAML file *path*.

    Reports an unreadable file, or one without that list, through *problem*
    (line, message) and returns None; *what* names the file in messages.
    """
    try:
        data = read_file(path)
    except YamlProblem as error:
        problem(error.line, f"the {what} is not valid YAML ({error}).")
        return None
    entries = data.value.get(key) if data and isinstance(data.value, dict) else None
    if entries is None or not isinstance(entries.value, list):
        problem(
            1,
            f"the {what} must hold '{key}:' with a list of {key} "
            f"('{key}: []' while there are none).",
        )
        return None
    return list(entries.value)
