"""Where the disclaimer goes on a page, and what it looks like."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.conftest import build_root
from tests.helpers import disclaimers, soup

DOCS_WITH_DISCLAIMER = [
    "index",
    "topics/alpha",
    "topics/beta",
    "topics/gamma",
    "topics/labelled",
    "topics/untitled",
]

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """One build of the basic root for the tests that only read it."""
    return build_root("disclaimer-basic", tmp_path_factory.mktemp("disclaimer-basic"))


def test_every_page_has_exactly_one(basic):
    app = basic
    assert app.statuscode == 0
    for docname in DOCS_WITH_DISCLAIMER:
        page = soup(app.outdir / f"{docname}.html")
        assert len(disclaimers(page)) == 1, docname


def test_directly_under_the_h1(basic):
    app = basic
    for docname in ["index", "topics/alpha", "topics/labelled"]:
        page = soup(app.outdir / f"{docname}.html")
        h1 = page.find("h1")
        box = h1.find_next_sibling()
        assert box is not None, docname
        assert "medkb-disclaimer" in box["class"], docname


def test_at_the_top_of_a_page_without_title(basic):
    app = basic
    body = soup(app.outdir / "topics/untitled.html").select_one('[role="main"]')
    first = body.find(["div", "p", "section"])
    assert "medkb-disclaimer" in first["class"]
    assert first.find_next_sibling("p").text.startswith("A page with no title")


def test_style_title_and_snippet_markup(basic):
    app = basic
    (box,) = disclaimers(soup(app.outdir / "topics/alpha.html"))
    assert {"admonition", "caution", "no-search"} <= set(box["class"])
    assert box.select_one(".admonition-title").text == "Medical disclaimer"
    assert box.find("strong").text == "general information"


def test_links_resolve_from_every_depth(basic):
    app = basic
    for docname in DOCS_WITH_DISCLAIMER:
        page_path = app.outdir / f"{docname}.html"
        (box,) = disclaimers(soup(page_path))
        links = [a["href"] for a in box.find_all("a")]
        assert len(links) == 2, docname
        for href in links:
            assert (page_path.parent / href).resolve().is_file(), (docname, href)
            assert (page_path.parent / href).name == "disclaimer.html"


@pytest.mark.sphinx(
    "html",
    testroot="disclaimer-basic",
    freshenv=True,
    confoverrides={
        "medkb_disclaimer_style": "warning",
        "medkb_disclaimer_title": "Read this first",
    },
)
def test_style_and_title_are_configurable(app):
    app.build()
    (box,) = disclaimers(soup(app.outdir / "index.html"))
    assert "warning" in box["class"]
    assert "caution" not in box["class"]
    assert box.select_one(".admonition-title").text == "Read this first"


def test_listed_page_that_opts_out_goes_without(basic):
    app = basic
    assert disclaimers(soup(app.outdir / "disclaimer.html")) == []
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx(
    "html",
    testroot="disclaimer-basic",
    freshenv=True,
    confoverrides={"medkb_disclaimer_exempt": ["topics/*"]},
)
def test_listing_alone_does_not_drop_it(app):
    """A broad glob in conf.py removes nothing unless the page opts out too."""
    app.build()
    for docname in DOCS_WITH_DISCLAIMER:
        assert len(disclaimers(soup(app.outdir / f"{docname}.html"))) == 1
