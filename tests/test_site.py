"""The real site in docs/ builds without a single warning."""

from __future__ import annotations

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import DOCS
from tests.helpers import disclaimers, soup

SEED_SOURCES = {
    "Trigger point evaluation in migraine patients": (
        "https://doi.org/10.1111/j.1468-1331.2006.01181.x"
    ),
    "Effectiveness of ropivacaine trigger points inactivation": (
        "https://doi.org/10.1111/j.1526-4637.2007.00251.x"
    ),
    # A congress abstract: no DOI or PMID exists on record.
    "Effectiveness of botulinum toxin type A in the prophylaxis": None,
}
EXEMPT = {"disclaimer"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = SphinxTestApp(
        "html", srcdir=DOCS, builddir=tmp_path_factory.mktemp("site"), freshenv=True
    )
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def test_builds_with_zero_warnings(site):
    assert site.warning.getvalue() == ""
    assert site.statuscode == 0


def test_every_page_has_the_disclaimer_under_its_h1(site):
    docnames = sorted(site.env.found_docs)
    assert len(docnames) >= 4
    for docname in docnames:
        page = soup(site.outdir / f"{docname}.html")
        if docname in EXEMPT:
            assert disclaimers(page) == []
            continue
        (box,) = disclaimers(page)
        assert page.find("h1").find_next_sibling() is box, docname


def test_bibliography_shows_the_seed_sources_with_doi_links(site):
    bibliography = soup(site.outdir / "bibliography.html").select_one("article")
    entries = {e.get_text(" ", strip=True): e for e in bibliography.select(".citation")}
    for title, doi in SEED_SOURCES.items():
        (entry,) = [e for text, e in entries.items() if title in text]
        links = [a["href"] for a in entry.find_all("a")]
        assert (doi in links) if doi else not any("doi.org" in h for h in links)


def test_seed_page_cites_each_seed_source(site):
    page = soup(site.outdir / "treatments/botox-trigger-points.html")
    references = page.select_one("#references").get_text(" ", strip=True)
    for title in SEED_SOURCES:
        assert title in references
