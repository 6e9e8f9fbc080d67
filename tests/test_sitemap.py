"""The sitemap lists every page, once, in the same order after any kind of build.

tests/test_incremental.py also compares the sitemap of incremental and clean
builds, serial and parallel, after each kind of edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree

import pytest
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from pathlib import Path

BASE = "https://kb.example.org/en/latest/"
NAMESPACE = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def build(builder: str, src: Path, out: Path, parallel: int = 0) -> Path:
    app = SphinxTestApp(builder, srcdir=src, builddir=out, parallel=parallel)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return app.outdir / "sitemap.xml"


def addresses(sitemap: Path) -> list[str]:
    tree = ElementTree.parse(sitemap)
    return [
        loc.text or "" for loc in tree.getroot().findall("sm:url/sm:loc", NAMESPACE)
    ]


def test_every_page_but_the_excluded_is_listed_once_in_a_fixed_order(
    copy_root, tmp_path
):
    sitemap = build("html", copy_root("sitemap"), tmp_path / "out")
    assert addresses(sitemap) == [
        BASE + "guides/index.html",
        BASE + "guides/pacing.html",
        BASE + "index.html",
        BASE + "sleep.html",
    ]


def test_dirhtml_lists_directory_addresses(copy_root, tmp_path):
    sitemap = build("dirhtml", copy_root("sitemap"), tmp_path / "out")
    assert addresses(sitemap) == [
        BASE + "guides/",
        BASE + "guides/pacing/",
        BASE,
        BASE + "sleep/",
    ]


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "-j 2"])
def test_a_rebuild_after_editing_one_page_lists_every_page(
    copy_root, tmp_path, parallel
):
    src = copy_root("sitemap")
    first = build("html", src, tmp_path / "out", parallel).read_bytes()
    (src / "sleep.md").write_text("# Sleep\n\nGood sleep helps.\n", encoding="utf-8")
    # Only sleep.html is written again; the sitemap still lists all four pages.
    assert build("html", src, tmp_path / "out", parallel).read_bytes() == first


def test_a_builder_that_writes_no_pages_writes_no_sitemap(copy_root, tmp_path):
    assert not build("text", copy_root("sitemap"), tmp_path / "out").exists()
