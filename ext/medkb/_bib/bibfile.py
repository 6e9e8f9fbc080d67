"""Reading a BibTeX file as the build does, but keeping every entry's line.

sphinxcontrib-bibtex reads ``bibtex_bibfiles`` with pybtex's strict BibTeX
parser: the first error in a file raises, and the build either ends in a
traceback (a syntax error) or goes on without the rest of the file (a duplicate
key). pybtex's entries carry no line numbers either. So this drives pybtex's
own scanner and entry builder, noting where each entry starts and collecting
errors instead of raising them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import LowLevelParser, Parser, UndefinedMacro
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

#: sphinxcontrib-bibtex's default ``bibtex_encoding``.
DEFAULT_ENCODING = "utf-8-sig"
#: Shown in place of a key that pybtex could not read.
NO_KEY = "(no key)"

SYNTAX_HINT = (
    "check that every { has a matching }, that each field reads "
    "name = {value} with a comma between fields, and that the entry ends with }"
)
MACRO_HINT = "put the value in braces, such as {sept}, or define it with @string"


@dataclass(frozen=True, order=True)
class BibProblem:
    """One thing wrong in a bibliography file, where it is and how to fix it."""

    path: Path
    line: int
    key: str
    subtype: str
    message: str
    #: pybtex, as the build calls it, would raise on it: the build must stop first.
    stops_build: bool = False

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"

    def __str__(self) -> str:
        return f"{self.location}: {self.key}: {self.message}"


@dataclass(frozen=True)
class BibEntry:
    """One entry as pybtex reads it, and the line where it starts."""

    path: Path
    line: int
    key: str
    type: str
    fields: Mapping[str, str]


@dataclass
class BibFile:
    """Every entry pybtex could read from one file, and what it could not read."""

    path: Path
    entries: list[BibEntry] = field(default_factory=list)
    problems: list[BibProblem] = field(default_factory=list)
    #: The file as pybtex's own parser gives it (entries, preamble), when
    #: every entry was read: the build hands it on instead of parsing again.
    data: BibliographyData | None = None


class _CollectingParser(Parser):  # type: ignore[misc]
    """pybtex's BibTeX parser, collecting its errors instead of raising them."""

    def __init__(self, encoding: str) -> None:
        super().__init__(encoding)
        self.errors: list[PybtexError] = []

    def handle_error(self, error: PybtexError) -> None:
        self.errors.append(error)


def read_bibfile(path: Path, encoding: str = DEFAULT_ENCODING) -> BibFile:
    """Read *path* entry by entry; an entry pybtex cannot read becomes a problem."""
    bibfile = BibFile(path)
    try:
        text = path.read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError) as error:
        bibfile.problems.append(
            BibProblem(
                path, 1, NO_KEY, Subtype.BIB_SYNTAX, f"cannot read: {error}", True
            )
        )
        return bibfile

    parser = _CollectingParser(encoding)
    # What Parser.parse_string does, plus the line where each entry starts.
    scanner = LowLevelParser(
        text,
        handle_error=parser.handle_error,
        filename=str(path),
        macros=parser.macros,
    )

    counted = [0, 1]  # an offset, and the line it is on

    def line_of(offset: int) -> int:
        # Entries come in order: count only the newlines since the last one.
        last, line = counted
        if offset < last:
            last, line = 0, 1
        line += text.count("\n", last, offset)
        counted[:] = [offset, line]
        return line

    def note_errors(key: str | None, command_start: int | None) -> bool:
        """Turn new errors into problems; tell whether one is in this entry."""
        in_entry = False
        while parser.errors:
            error = parser.errors.pop(0)
            context = getattr(error, "error_context_info", None)
            if context is not None and context[0] != command_start:
                # pybtex could not even read the start of an entry before this.
                start = line_of(context[0]) if context[0] is not None else 1
                bibfile.problems.append(_unreadable(path, start, None, error))
            else:
                in_entry = True
                line = line_of(command_start or 0)
                bibfile.problems.append(_unreadable(path, line, key, error))
        return in_entry

    # What pybtex's Parser.parse_string would give: every entry, in order.
    data = BibliographyData()
    for command, body in scanner:
        if command.lower() == "string":
            continue
        if command.lower() == "preamble":
            parser.process_preamble(*body)
            continue
        key, fields = body
        try:
            parser.process_entry(command, key, fields)
        except PybtexError as error:  # such as a badly written author name
            parser.errors.append(error)
        # Each entry is taken out at once: duplicate keys are checked across
        # files later, and pybtex would raise on them here.
        entry = parser.data.entries.pop(key, None) if key else None
        # The fields after an error are lost: such an entry is checked no further.
        if not note_errors(key, scanner.command_start) and entry is not None:
            line = line_of(scanner.command_start)
            fields_read = {name.lower(): value for name, value in entry.fields.items()}
            bibfile.entries.append(BibEntry(path, line, key, entry.type, fields_read))
            if data is not None and key in data.entries:
                data = None  # a duplicate key: pybtex would report it; not shared
            if data is not None:
                data.add_entry(key, entry)
    note_errors(None, None)  # such as a stray "@" after the last entry
    if data is not None and not bibfile.problems:
        data.add_to_preamble(*parser.data.preamble_list)
        bibfile.data = data
    return bibfile


def _unreadable(
    path: Path, line: int, key: str | None, error: PybtexError
) -> BibProblem:
    if isinstance(error, PybtexSyntaxError):
        hint = MACRO_HINT if isinstance(error, UndefinedMacro) else SYNTAX_HINT
        where = f" (pybtex noticed it at line {error.lineno})" if error.lineno else ""
        message = f"{error.error_type}: {error.args[0]}{where}; {hint}"
    else:
        message = f"{error.args[0]}; fix the entry as this says"
    return BibProblem(path, line, key or NO_KEY, Subtype.BIB_SYNTAX, message, True)
