"""Each web page starts with a header for print: the site's name and the page's
address (medkb.print_header). EPUB has none.

What a printed page holds, in Chromium, is tested in tests/browser/test_print.py.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from sphinx.search.en import SearchEnglish
from sphinx.testing.util import SphinxTestApp

from medkb.print_header import CLASS, SHOWS_ADDRESS
from tests.conftest import ROOTS, build_root
from tests.helpers import site_page, soup

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import BeautifulSoup

ROOT = "print-header"
SRCDIR = ROOTS / f"test-{ROOT}"
SITE = "Quokkaville Handbook"
BASE = "https://handouts.example.org/en/latest/"
DOCS = ["index", "pages/links", "pages/one", "pages/two", "pages/three", "pages/four"]
#: Where each builder writes a page, and the page's address under BASE.
LAYOUTS = {
    "html": (lambda doc: f"{doc}.html", lambda doc: f"{doc}.html"),
    "dirhtml": (
        lambda doc: "index.html" if doc == "index" else f"{doc}/index.html",
        lambda doc: "" if doc == "index" else f"{doc}/",
    ),
}


def header_of(page: BeautifulSoup, site: str, address: str | None) -> str:
    """The page's one print header, checked; returns its HTML."""
    headers = page.select(f".{CLASS}")
    assert len(headers) == 1
    (header,) = headers
    assert "no-search" in header["class"]
    assert header.has_attr("hidden")  # on screen neither shown nor read aloud
    main = page.select_one('[role="main"]')
    assert main is not None
    assert main.find(True) is header  # first in the article, above the title
    assert header.select_one(".medkb-print-site").get_text() == site
    link = header.select_one(".medkb-print-address a")
    if address is None:
        assert link is None
    else:
        assert link is not None
        assert link["href"] == link.get_text() == address
        canonical = page.find("link", rel="canonical")
        assert canonical is not None
        assert canonical["href"] == address
    return str(header)


def build_with_jobs(srcdir: Path, builddir: Path, jobs: int) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=builddir, parallel=jobs)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return app


@pytest.mark.parametrize("builder", LAYOUTS)
def test_each_page_starts_with_the_site_s_name_and_its_own_address(tmp_path, builder):
    app = build_root(ROOT, tmp_path, builder)
    assert app.warning.getvalue() == ""
    path, address = LAYOUTS[builder]
    for doc in DOCS:
        header_of(soup(app.outdir / path(doc)), SITE, BASE + address(doc))
    # Sphinx's own pages are not handouts.
    for name in ["genindex", "search"]:
        assert soup(app.outdir / path(name)).select(f".{CLASS}") == [], name


def test_a_single_page_build_has_one_header_with_the_site_s_address(tmp_path):
    app = build_root(ROOT, tmp_path, "singlehtml")
    assert app.warning.getvalue() == ""
    page = soup(app.outdir / "index.html")
    (header,) = page.select(f".{CLASS}")
    # The canonical link adds the root document's fragment; the page is BASE.
    assert header.select_one(".medkb-print-address a")["href"] == BASE


def test_the_header_is_styled_and_out_of_the_search_index(tmp_path):
    app = build_root(ROOT, tmp_path)
    page = soup(app.outdir / "pages/one.html")
    header_of(page, SITE, f"{BASE}pages/one.html")
    # Loaded standalone, the feature links the stylesheet that prints it.
    sheets = [
        str(s["href"]).split("?")[0] for s in page.select('link[rel="stylesheet"]')
    ]
    assert [s for s in sheets if s.endswith("/medkb.css")] == ["../_static/medkb.css"]
    assert "medkb-print-header" in (app.outdir / "_static/medkb.css").read_text("utf-8")
    js = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(js[js.index("(") + 1 : js.rindex(")")])
    words = set(index["terms"]) | set(index["titleterms"])
    stem = SearchEnglish({}).stem
    assert stem("page") in words  # the pages' own words are there
    assert {stem("quokkaville"), stem("handbook"), "handouts"} & words == set()


def test_without_html_baseurl_the_header_names_the_site_only(tmp_path):
    app = build_root(ROOT, tmp_path, html_baseurl="")
    assert app.warning.getvalue() == ""
    for doc in DOCS:
        header_of(soup(app.outdir / f"{doc}.html"), SITE, None)


def test_epub_has_no_header(tmp_path):
    app = build_root(ROOT, tmp_path, "epub")
    pages = sorted(app.outdir.rglob("*.xhtml"))
    assert {p.stem for p in pages} >= {"index", "links", "one"}
    assert [p.name for p in pages if CLASS in p.read_text(encoding="utf-8")] == []
    assert [p.name for p in pages if SHOWS_ADDRESS in p.read_text("utf-8")] == []


def test_a_parallel_build_writes_the_same_headers(tmp_path):
    serial = build_with_jobs(SRCDIR, tmp_path / "j1", 1)
    parallel = build_with_jobs(SRCDIR, tmp_path / "j2", 2)
    assert parallel.builder.parallel_ok  # the pages were written in parallel
    for doc in DOCS:
        page = f"{doc}.html"
        header = header_of(soup(parallel.outdir / page), SITE, f"{BASE}{page}")
        assert header == header_of(soup(serial.outdir / page), SITE, f"{BASE}{page}")
        assert (parallel.outdir / page).read_bytes() == (
            serial.outdir / page
        ).read_bytes()


def test_an_incremental_build_writes_one_header(copy_root, tmp_path):
    src = copy_root(ROOT)
    build_with_jobs(src, tmp_path / "incremental", 1)
    page = src / "pages/one.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nMore text.\n", encoding="utf-8")
    incremental = build_with_jobs(src, tmp_path / "incremental", 1)
    assert "pages/one" in incremental.status.getvalue()  # it was written again
    clean = build_with_jobs(src, tmp_path / "clean", 1)
    for doc in DOCS:
        page_name = f"{doc}.html"
        header_of(soup(incremental.outdir / page_name), SITE, BASE + page_name)
        assert (incremental.outdir / page_name).read_bytes() == (
            clean.outdir / page_name
        ).read_bytes()


def test_links_whose_text_is_their_address_are_marked(tmp_path):
    app = build_root(ROOT, tmp_path)
    page = soup(app.outdir / "pages/links.html")
    links = {
        a.get_text(): SHOWS_ADDRESS in a["class"]
        for a in page.select('[role="main"] a.reference')
    }
    assert links == {
        "https://www.nhs.uk/conditions/migraine/": True,
        "nhs.uk/conditions/headaches": True,
        "the NHS page on migraine": False,
        "page one": False,
    }


def test_every_page_of_the_site_has_its_header(site):
    assert site.config.html_baseurl.endswith("/")
    for doc in sorted(site.env.found_docs):
        page = site_page(site.outdir / f"{doc}.html")
        header_of(page, site.config.project, f"{site.config.html_baseurl}{doc}.html")
    for name in ["genindex.html", "search.html", "404.html"]:
        assert site_page(site.outdir / name).select(f".{CLASS}") == [], name


def test_the_site_s_links_print_their_address_once(site):
    marked = unmarked = 0
    for doc in sorted(site.env.found_docs):
        main = site_page(site.outdir / f"{doc}.html").select_one('[role="main"]')
        for link in main.select('a.reference.external[href^="http"]'):
            is_address = link.get_text().strip() == link["href"]
            assert (SHOWS_ADDRESS in link["class"]) == is_address, link
            marked += is_address
            unmarked += not is_address
    # DOI and PubMed links print their address; "URL: https://..." ones do not.
    assert marked > 50
    assert unmarked > 50
