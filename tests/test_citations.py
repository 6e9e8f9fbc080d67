"""Reference lists label each source by its authors and year (medkb.citations)."""

from __future__ import annotations

import pytest

from tests.helpers import soup


@pytest.mark.sphinx("html", testroot="citations-author-year", freshenv=True)
def test_entries_are_labelled_by_author_and_year(app):
    app.build()
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
    ]


@pytest.mark.sphinx("html", testroot="citations-author-year", freshenv=True)
def test_titles_keep_their_capitals(app):
    app.build()
    text = soup(app.outdir / "index.html").select_one(".citation").parent.get_text()
    assert "The American Headache Society and migraine in Europe" in text


@pytest.mark.sphinx("text", testroot="citations-author-year", freshenv=True)
def test_the_text_builder_lays_out_every_label(app):
    # Sphinx's text writer fails on a label wider than its page.
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "[Committee for the Classification of … 2007]" in text
