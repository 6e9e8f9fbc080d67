"""A source cited by consecutive sentences is shown once, at the end of the run
(medkb.citation_runs); the Markdown, the lists and the checks keep every citation."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

from tests.conftest import build_root
from tests.helpers import site_page, soup

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import BeautifulSoup, Tag

ROOT = "citation-runs"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_root(ROOT, tmp_path_factory.mktemp(ROOT))


def shown(paragraph: Tag) -> list[str]:
    """Each citation the paragraph shows, as its text."""
    return [
        " ".join(citation.get_text(" ", strip=True).split())
        for citation in paragraph.select(".bibtex-citation")
    ]


def paragraph(page: BeautifulSoup, label: str) -> Tag:
    found = page.find(id=label)
    assert found is not None, label
    assert found.name == "p", label
    return found


def test_a_run_of_sentences_citing_one_source_shows_it_once_at_its_end(runs):
    assert runs.warning.getvalue() == ""
    run = paragraph(soup(runs.outdir / "index.html"), "collapsed")
    assert shown(run) == ["[ Robbins et al. , 2014 ]"]
    text = run.get_text(" ", strip=True)
    # The citation ends the run, and the sentences it left keep no stray space.
    assert text.endswith("The third sentence from it [ Robbins et al. , 2014 ] .")
    assert "one review.\nThe second sentence from it, within a clause." in (
        run.get_text()
    )


def test_the_same_sources_in_another_order_are_the_same_citation(runs):
    run = paragraph(soup(runs.outdir / "index.html"), "two-sources")
    assert len(shown(run)) == 1


@pytest.mark.parametrize("label", ["broken-by-source", "broken-by-sentence"])
def test_a_run_broken_by_another_source_or_an_uncited_sentence_shows_each(runs, label):
    citations = shown(paragraph(soup(runs.outdir / "index.html"), label))
    assert citations.count("[ Robbins et al. , 2014 ]") == 2


def test_textual_citations_and_other_paragraphs_are_left_alone(runs):
    page = soup(runs.outdir / "index.html")
    # "Robbins et al. [2014] reviewed ..." is part of its sentence.
    assert len(shown(paragraph(page, "textual"))) == 3
    assert len(shown(paragraph(page, "other-paragraph"))) == 1
    assert page.find(string=lambda s: "starts the next one" in s) is not None


def test_back_links_from_the_reference_list_land_on_the_shown_citation(runs):
    page = soup(runs.outdir / "index.html")
    targets = [link["href"] for link in page.select(".backrefs a")]
    # Every citation of the Markdown keeps its back-link: 16 citations, two
    # of which name two sources.
    assert len(targets) == 18
    # Each lands on an element of the page: a dropped citation's id moved to
    # the citation that ends its run.
    missing = [href for href in targets if page.find(id=href[1:]) is None]
    assert missing == []
    robbins = page.select(".citation")[-1]
    first_four = [link["href"] for link in robbins.select(".backrefs a")][:4]
    run = paragraph(page, "collapsed")
    assert {f"#{tag['id']}" for tag in run.find_all(id=True)} == set(first_four)


def test_the_kept_doctree_and_the_reference_list_keep_every_citation(runs):
    doctree = runs.env.get_doctree("index")
    citations = [
        node
        for node in doctree.findall(addnodes.pending_xref)
        if node.get("refdomain") == "cite"
    ]
    assert len(citations) == 16
    labels = [
        entry.select_one(".label").get_text(strip=True)
        for entry in soup(runs.outdir / "index.html").select(".citation")
    ]
    assert labels == [
        "[Calandre and Hidalgo 2006]",
        "[Hidalgo 2006]",
        "[Robbins et al. 2014]",
    ]


def test_the_option_off_shows_every_citation(tmp_path: Path):
    app = build_root(ROOT, tmp_path, medkb_citation_runs=False)
    run = paragraph(soup(app.outdir / "index.html"), "collapsed")
    assert len(shown(run)) == 4


def test_an_edit_that_breaks_a_run_shows_its_citations_again(copy_root, tmp_path):
    srcdir = copy_root(ROOT)
    app = SphinxTestApp("html", srcdir=srcdir, builddir=tmp_path / "build")
    try:
        app.build()
        page = app.outdir / "index.html"
        assert len(shown(paragraph(soup(page), "collapsed"))) == 1
        source = srcdir / "index.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(
            text.replace(
                "within a clause {cite:p}`robbins2014`.\n",
                "within a clause {cite:p}`robbins2014`.\nAn aside of ours.\n",
                1,
            ),
            encoding="utf-8",
        )
        app.build()  # incremental: only index.md is read again
    finally:
        app.cleanup()
    assert len(shown(paragraph(soup(page), "collapsed"))) == 2


def test_no_paragraph_of_the_site_shows_one_citation_twice_in_a_row(site):
    repeated = []
    for path in sorted(site.outdir.rglob("*.html")):
        if "_static" in path.parts:
            continue
        for block in site_page(path).find_all("p"):
            sources = [
                frozenset(str(link["href"]) for link in citation.find_all("a"))
                for citation in block.select(".bibtex-citation")
            ]
            if any(a == b for a, b in itertools.pairwise(sources)):
                name = path.relative_to(site.outdir).as_posix()
                repeated.append(f"{name}: {block.get_text(' ', strip=True)[:80]}")
    assert repeated == []
