"""Reference lists label each source by its authors and year (medkb.citations)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.conftest import build_root
from tests.helpers import soup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def author_year(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """One HTML build of the root for the tests that only read it."""
    return build_root(
        "citations-author-year", tmp_path_factory.mktemp("citations-author-year")
    )


def test_entries_are_labelled_by_author_and_year(author_year):
    app = author_year
    assert app.warning.getvalue() == ""
    page = soup(app.outdir / "index.html")
    labels = [
        entry.select_one(".label").get_text(strip=True).strip("[]")
        for entry in page.select(".citation")
    ]
    # Sorted as the labels read; clashing labels get a and b.
    assert labels == [
        "Committee for the Classification of … 2007",
        "GBD 2016 Headache Collaborators 2005",
        "Maker, Inc. 2006",
        "Many et al. 2003a",
        "Many et al. 2003b",
        "NICE 2008",
        "Pair and Twin 2002",
        "Rest et al. 2004",
        "Solo 2001",
        "Talk 2009",
    ]


def test_titles_keep_their_capitals(author_year):
    app = author_year
    text = soup(app.outdir / "index.html").select_one(".citation").parent.get_text()
    assert "The American Headache Society and migraine in Europe" in text


def test_entries_link_their_doi_and_pubmed_record(author_year):
    app = author_year
    page = soup(app.outdir / "index.html")
    (solo,) = [e for e in page.select(".citation") if "Solo" in e.get_text()]
    links = {a.get_text(): a["href"] for a in solo.select("a.reference.external")}
    assert links == {
        "DOI: 10.1000/solo.2001": "https://doi.org/10.1000/solo.2001",
        "PubMed: 12345678": "https://pubmed.ncbi.nlm.nih.gov/12345678/",
    }


def test_each_reference_says_what_kind_of_evidence_it_is(author_year):
    app = author_year
    entries = {
        e.select_one(".label").get_text(strip=True): e.get_text(" ", strip=True)
        for e in soup(app.outdir / "index.html").select(".citation")
    }
    kind = "Type of source: Conference abstract, not a full paper."
    assert entries["[Talk 2009]"].endswith(kind)
    assert entries["[Solo 2001]"].endswith("Type of source: Single trial.")
    assert all("Type of source: " in text for text in entries.values())


@pytest.mark.sphinx("text", testroot="citations-author-year", freshenv=True)
def test_the_text_builder_lays_out_every_label(app):
    # Sphinx's text writer fails on a label wider than its page.
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "[Committee for the Classification of … 2007]" in text
