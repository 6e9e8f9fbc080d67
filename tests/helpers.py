"""Helpers for reading what a build wrote."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import yaml
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

    from bs4 import Tag
    from sphinx.testing.util import SphinxTestApp

DISCLAIMER = ".medkb-disclaimer"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@functools.cache
def site_page(path: Path) -> BeautifulSoup:
    """A page of the session's real site, parsed once per test process.

    A dozen tests read every page of it: parsing each page once instead of
    in every test saves a minute of the run. The tree is shared, so read it
    and never edit it; :func:`text_without` leaves parts out without editing.
    """
    return soup(path)


def text_without(tag: Tag, selector: str) -> str:
    """The text of *tag*, as ``get_text(" ")`` gives it, without the parts that
    match *selector*, and without changing *tag*."""
    left_out = {id(part) for part in tag.select(selector)}
    return " ".join(
        text
        for text in tag.strings
        if not any(id(parent) in left_out for parent in text.parents)
    )


def disclaimers(page: BeautifulSoup) -> list[Tag]:
    return page.select(DISCLAIMER)


def plain(text: str) -> str:
    """Log output without colour codes."""
    return ANSI.sub("", text)


def build_twice(make_app: Callable[..., SphinxTestApp], srcdir: Path) -> SphinxTestApp:
    """Build, then build again with nothing changed: an incremental build."""
    for _ in range(2):
        app = make_app("html", srcdir=srcdir)
        app.build()
        app.cleanup()
    return app


def build_noting_reads(
    make_app: Callable[..., SphinxTestApp], srcdir: Path
) -> tuple[SphinxTestApp, list[str]]:
    """Build without warnings; return the app and the pages it read, sorted."""
    read: list[str] = []
    app = make_app("html", srcdir=srcdir)
    app.connect("env-before-read-docs", lambda _a, _e, names: read.extend(names))
    app.build()
    assert app.warning.getvalue() == ""
    app.cleanup()
    return app, sorted(read)


def front_matter(source: Path) -> dict[str, Any]:
    """The YAML block that opens a page's source file, as YAML reads it."""
    text = source.read_text(encoding="utf-8")
    assert text.startswith("---\n"), source
    block, end, _ = text.removeprefix("---\n").partition("\n---\n")
    assert end, f"{source}: the front matter is never closed"
    return yaml.safe_load(block)
