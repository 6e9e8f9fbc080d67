"""Everyday words and other names, mapped to the words the pages use.

A reader types "painkillers", "fibro" or "Tylenol"; the pages say "pain
medicines", "fibromyalgia" and "paracetamol". Search looks for both. The
synonyms come first from what the site already knows, then from one list in
the repository (``medkb_search_synonyms_file``):

- every name of a medicine entry (``medkb.medicines``) leads to its name;
- every name of a glossary entry with more than one leads to the others;
- each line of the list, under the language it is for::

      [en]
      # reader's words = the words pages use, other words pages use
      painkiller, pain killer = pain medicine, analgesic

A synonym widens a search and never replaces the reader's words. The list is
checked before any page is read (a malformed line stops the build at its
line), and against the pages once they are read: a synonym leading to words
no page uses finds nothing, so it is an error at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from medkb import __version__
from medkb._core import config as _config
from medkb._core.problems import WARNING_TYPE, report_build_errors
from medkb._core.subtypes import Subtype
from medkb.medicines import registry
from medkb.search_words import WORD, site_glossary_names, site_words

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

OPTIONS = (
    _config.Option(
        "medkb_search_synonyms_file",
        "",
        (str,),
        "Text file, relative to the source directory, of the everyday words "
        "readers search for and the words the pages use for them, under a "
        "[language] line ('' for none: medicine and glossary names still count).",
        _config.check_optional_file,
    ),
)

LETTER = re.compile(r"[^\W\d_]")
LANGUAGE = re.compile(r"\[([a-z]{2,3}(?:_[A-Za-z]{2,4})?)\]")
#: A name's note in brackets, as in "Botulinum toxin (Botox)".
BRACKETED = re.compile(r"\s*\([^)]*\)")
EXAMPLE = "'painkiller, pain killer = pain medicine, analgesic'"


@dataclass(frozen=True)
class Synonym:
    """One line of the list: what readers type, and what the pages say."""

    language: str
    words: tuple[str, ...]
    means: tuple[str, ...]
    line: int


def phrase(text: str) -> str:
    """Words as search compares them: lowercased, single-spaced."""
    return " ".join(text.lower().split())


def read_synonyms(path: Path) -> tuple[list[Synonym], list[_config.StartupProblem]]:
    """The lines of the list at *path*, and a problem at its line for each wrong one."""
    problems: list[_config.StartupProblem] = []

    def problem(line: int, message: str) -> None:
        problems.append(
            _config.StartupProblem(f"{path}:{line}", message, Subtype.SEARCH_SYNONYMS)
        )

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        problem(1, f"the synonym list cannot be read ({error.strerror}).")
        return [], problems
    except UnicodeDecodeError:
        problem(1, "the synonym list is not UTF-8 text; save it as UTF-8.")
        return [], problems
    synonyms: list[Synonym] = []
    language = ""
    first: dict[tuple[str, str], int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if header := LANGUAGE.fullmatch(line):
            language = header.group(1)
            continue
        if line.startswith("["):
            problem(
                number,
                f"{line!r} is not a language line; write the language code in "
                "square brackets, as Sphinx names it, such as [en] or [es].",
            )
            continue
        if not language:
            problem(
                number,
                "this line comes before any language line; put the language "
                "its words are in, such as [en], on a line above it.",
            )
            continue
        words, equals, means = line.partition("=")
        if not equals or "=" in means:
            problem(
                number,
                f"write one '=' between what readers type and what the pages "
                f"say, such as {EXAMPLE}.",
            )
            continue
        sides = [
            tuple(phrase(part) for part in side.split(",") if phrase(part))
            for side in (words, means)
        ]
        if not all(sides) or any(
            not LETTER.search(part) for side in sides for part in side
        ):
            problem(
                number,
                "both sides of '=' need words, separated by commas, such as "
                f"{EXAMPLE}.",
            )
            continue
        for word in sides[0]:
            if (language, word) in first:
                problem(
                    number,
                    f"{word!r} is already listed at line {first[language, word]}; "
                    "put everything it means on one line.",
                )
            first.setdefault((language, word), number)
        synonyms.append(Synonym(language, sides[0], sides[1], number))
    return synonyms, problems


def _path(app: Sphinx) -> Path | None:
    name = app.config.medkb_search_synonyms_file
    return Path(app.srcdir, name) if name else None


def _listed(app: Sphinx) -> list[Synonym]:
    path = _path(app)
    return read_synonyms(path)[0] if path else []


def _for_language(synonyms: list[Synonym], language: str) -> list[Synonym]:
    """The lines for *language*; 'es' lines serve 'es_MX' too."""
    base = language.partition("_")[0]
    exact = [s for s in synonyms if s.language == language]
    return exact or [s for s in synonyms if s.language == base]


def site_synonyms(app: Sphinx, env: BuildEnvironment) -> dict[str, list[str]]:
    """What search also looks for, by the words a reader types."""
    means: dict[str, set[str]] = {}

    def add(word: str, meaning: str) -> None:
        word, meaning = phrase(word), phrase(meaning)
        if word and meaning and word != meaning:
            means.setdefault(word, set()).add(meaning)

    for medicine in registry(env).medicines.values():
        name = BRACKETED.sub("", medicine.name)
        for alias in medicine.aliases:
            add(alias, name)
    for names in site_glossary_names(env):
        for name in names:
            for other in names:
                add(name, other)
    for synonym in _for_language(_listed(app), app.config.language or "en"):
        for word in synonym.words:
            for meaning in synonym.means:
                add(word, meaning)
    return {word: sorted(meanings) for word, meanings in sorted(means.items())}


def check_synonyms_lead_to_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """A listed synonym whose words no page uses finds nothing: an error at its line."""
    path = _path(app)
    if path is None:
        report_build_errors(env, "search-synonyms", 0)
        return []
    used = set(site_words(env))
    errors = 0
    for synonym in _for_language(_listed(app), app.config.language or "en"):
        for meaning in synonym.means:
            unused = [w.lower() for w in WORD.findall(meaning) if w.lower() not in used]
            if unused:
                errors += 1
                logger.error(
                    "%r leads to %s, which no page uses, so searching for %s "
                    "finds nothing through it; write the words the pages use "
                    "instead.",
                    meaning,
                    ", ".join(repr(w) for w in unused),
                    " or ".join(repr(w) for w in synonym.words),
                    location=f"{path}:{synonym.line}",
                    type=WARNING_TYPE,
                    subtype=Subtype.SEARCH_SYNONYMS,
                )
    report_build_errors(env, "search-synonyms", errors)
    return []


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)
    path = _path(app)
    if path is not None and path.is_file() and (problems := read_synonyms(path)[1]):
        _config.stop(problems)


def setup(app: Sphinx) -> ExtensionMetadata:
    _config.declare(app, OPTIONS)
    app.setup_extension("medkb.search_words")
    app.setup_extension("medkb.medicines")
    app.connect("config-inited", validate_config)
    app.connect("env-updated", check_synonyms_lead_to_pages)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
