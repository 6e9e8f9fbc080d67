"""Translated text that Sphinx's own Locale transform does not reach.

Sphinx translates a page's paragraphs from the page's catalog
(``locales/<lang>/LC_MESSAGES/<page>.po``). Text medkb makes from data files
(the disclaimer snippet, the warning-sign list, a medicine's key warning on
other pages, front-matter descriptions) is translated here, from the
catalog of the file it comes from, before it is parsed: one translation
serves every page that shows it. The gettext builder writes those messages
into that file's catalog, so ``sphinx-intl update`` keeps them with the rest.

The catalogs are read as ``.po`` files: Sphinx compiles ``.mo`` files only
for its own transform, and the standard ``gettext`` module caches them for
the whole process, which would hide an edit from a second build.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.util.i18n import docname_to_domain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: The language the pages are written in.
SOURCE_LANGUAGE = "en"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def translating(config: Config) -> bool:
    """Whether this build is a translation (``-D language=es``)."""
    return (config.language or SOURCE_LANGUAGE) != SOURCE_LANGUAGE


def message_id(text: str) -> str:
    """A paragraph's message as Sphinx writes it: one line, trimmed."""
    return " ".join(text.split())


def messages_of(text: str) -> list[str]:
    """The messages of a Markdown text: one per paragraph."""
    return [message_id(p) for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def page_domain(config: Config, docname: str) -> str:
    return docname_to_domain(docname, config.gettext_compact)


def file_domain(srcdir: str | Path, path: Path) -> str:
    """The catalog of a data file: its path under the source folder (or its
    name, for a file outside it)."""
    resolved, source = path.resolve(), Path(srcdir).resolve()
    if not resolved.is_relative_to(source):
        return resolved.stem
    return resolved.relative_to(source).with_suffix("").as_posix()


@dataclass(frozen=True)
class Catalog:
    """One ``.po`` file's finished translations (no fuzzy, no empty ones)."""

    path: Path | None
    translations: dict[str, str]

    def get(self, message: str) -> str | None:
        return self.translations.get(message)


_cache: dict[tuple[Path, float], Catalog] = {}


def catalog_paths(srcdir: str | Path, config: Config, domain: str) -> list[Path]:
    language = config.language or SOURCE_LANGUAGE
    return [
        Path(srcdir, folder, language, "LC_MESSAGES", f"{domain}.po")
        for folder in config.locale_dirs
    ]


def catalog(env: BuildEnvironment, domain: str) -> Catalog:
    """The catalog of *domain* in this build's language (empty if none)."""
    for path in catalog_paths(env.srcdir, env.config, domain):
        if path.is_file():
            return read_catalog(path)
    return Catalog(None, {})


def read_catalog(path: Path) -> Catalog:
    key = (path, path.stat().st_mtime)
    if key not in _cache:
        with path.open("rb") as source:
            po = read_po(source)
        _cache[key] = Catalog(
            path,
            {
                m.id: m.string
                for m in po
                if isinstance(m.id, str)
                and m.id
                and isinstance(m.string, str)
                and m.string
                and not m.fuzzy
            },
        )
    return _cache[key]


@dataclass(frozen=True)
class Translated:
    text: str
    messages: int
    translated: int

    @property
    def complete(self) -> bool:
        return self.translated == self.messages


def translate_text(
    env: BuildEnvironment, domain: str, text: str, *, depend: bool = True
) -> Translated:
    """*text* in the build's language, paragraph by paragraph; a paragraph
    with no finished translation stays as written.

    While a page is read (*depend*), the page then depends on the catalog, so
    a new translation reaches it in an incremental build.
    """
    if not translating(env.config):
        return Translated(text, 0, 0)
    found = catalog(env, domain)
    if depend and found.path is not None and env.current_document.docname:
        env.note_dependency(found.path)
    out, done = [], 0
    parts = [p for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    for part in parts:
        translation = found.get(message_id(part))
        if translation is None:
            out.append(part)
        else:
            out.append(translation)
            done += 1
    return Translated("\n\n".join(out), len(parts), done)


def sort_key(text: str) -> str:
    """Alphabetical order as readers of any of the site's languages expect:
    accents and case do not count (ámbar before azul)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def keep_out_of_page_catalogs(root: nodes.Node) -> None:
    """Mark nodes made from a data file so the page's catalog does not hold
    them: their messages live in that file's catalog."""
    for node in root.findall(nodes.TextElement):
        # Blocks only: Sphinx unwraps any inline node that has the attribute
        # (RemoveTranslatableInline), which would move a link's text.
        if not isinstance(node, nodes.Inline):
            node["translatable"] = False


def mark(root: nodes.Node, translated: bool) -> None:
    """Record on each block whether it is translated, as Sphinx's Locale
    transform does, so its progress count and classes include it."""
    for node in root.findall(nodes.TextElement):
        if isinstance(node, (nodes.paragraph, nodes.title)):
            node["translated"] = translated


def add_messages(
    builder: Builder, domain: str, messages: Iterable[str], source: Path, line: int = 0
) -> None:
    """Add *messages* to *domain*'s catalog, when the gettext builder runs."""
    if builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin

    catalogs = builder.catalogs  # type: ignore[attr-defined]
    for message in messages:
        catalogs[domain].add(message, MsgOrigin(str(source), line))
