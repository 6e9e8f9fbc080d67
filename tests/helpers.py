"""Helpers for reading what a build wrote."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from bs4 import Tag
    from sphinx.testing.util import SphinxTestApp

DISCLAIMER = ".medkb-disclaimer"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


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
