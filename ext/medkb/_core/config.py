"""Config values declared as one table each, validated once when Sphinx starts.

A wrong value stops the build before any page is read, with one line per
problem that names the option, the value given and what is allowed, at the
line of conf.py that sets it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from sphinx.util import logging

from medkb._core.problems import WARNING_TYPE
from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Option:
    """One config value: its default, accepted types, help text and check."""

    name: str
    default: Any
    types: tuple[type, ...]
    description: str
    #: Returns ``None`` when the value is fine, else what would be allowed.
    check: Callable[[Sphinx, Any], str | None] | None = None

    @property
    def type_names(self) -> str:
        return " or ".join(t.__name__ for t in self.types)


@dataclass(frozen=True)
class StartupProblem:
    """Something that keeps the build from starting, and where to fix it."""

    #: ``path:line``, or ``None`` for a value given on the command line.
    location: str | None
    message: str
    subtype: str = Subtype.CONFIG


class BuildStopped(SystemExit):
    """Ends ``sphinx-build`` with status 2 after the problems were printed.

    A ``SystemExit`` rather than a ``SphinxError``: Sphinx prints the latter
    with a traceback and a request to report a bug, which is wrong for a
    mistake in ``conf.py``.
    """

    def __init__(self, count: int) -> None:
        super().__init__(2)
        self.count = count

    def __str__(self) -> str:
        return f"build stopped: {self.count} problem(s) in the configuration"


# -- Checks several features' options share ------------------------------------


def check_page_globs(_app: Sphinx, value: list[Any] | tuple[Any, ...]) -> str | None:
    """A list of glob patterns of page names."""
    if all(isinstance(p, str) and p for p in value):
        return None
    return "a list of glob patterns of page names, such as ['reference/glossary']"


def check_optional_file(app: Sphinx, value: str) -> str | None:
    """'' (the feature's data is off), or a file of the source folder."""
    if not value or Path(app.srcdir, value).is_file():
        return None
    return f"the path of an existing file, relative to {app.srcdir}"


def check_docname(_app: Sphinx, value: str) -> str | None:
    """'' or a page name, as Sphinx names pages."""
    if not value or (not value.startswith("/") and not value.endswith(".md")):
        return None
    return "a page name without a leading slash or suffix, such as 'reference/review'"


def declare(app: Sphinx, options: Sequence[Option]) -> None:
    for option in options:
        app.add_config_value(
            option.name,
            option.default,
            "env",
            types=frozenset(option.types),
            description=option.description,
        )


def find_problems(app: Sphinx, options: Sequence[Option]) -> list[StartupProblem]:
    """Return a problem, located in conf.py, for each value that is not allowed."""
    problems = []
    for option in options:
        value = app.config[option.name]
        allowed: str | None
        # bool is an int subclass, but True is never a valid count or path.
        if not isinstance(value, option.types) or (
            isinstance(value, bool) and bool not in option.types
        ):
            allowed = f"a value of type {option.type_names}"
        elif option.check is not None:
            allowed = option.check(app, value)
        else:
            allowed = None
        if allowed is not None:
            message = (
                f"{option.name} = {value!r} is not allowed; expected {allowed}. "
                f"({option.name}: {option.description})"
            )
            problems.append(StartupProblem(conf_line(app, option.name), message))
    return problems


def conf_line(app: Sphinx, name: str) -> str | None:
    """Where *name* is set in conf.py, so the message points at the line."""
    path = Path(app.confdir, "conf.py")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    # The last assignment is the one in force.
    matches = list(re.finditer(rf"^{re.escape(name)}\s*[:=]", text, re.MULTILINE))
    if not matches:  # set with -D on the command line
        return None
    return f"{path}:{text.count(chr(10), 0, matches[-1].start()) + 1}"


def validate(app: Sphinx, options: Sequence[Option]) -> None:
    """Stop the build if any of *options* has a value that is not allowed."""
    if problems := find_problems(app, options):
        stop(problems)


def stop(problems: Sequence[StartupProblem]) -> NoReturn:
    """Print each problem at its location, then stop the build."""
    for problem in problems:
        logger.error(
            problem.message,
            location=problem.location,
            type=WARNING_TYPE,
            subtype=problem.subtype,
        )
    raise BuildStopped(len(problems))
