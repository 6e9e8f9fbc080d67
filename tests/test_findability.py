"""Search engines, social links and lost readers find their way on the real site."""

from __future__ import annotations

from xml.etree import ElementTree

from tests.helpers import front_matter, site_page

BASE = "https://fibro-headache-kb.readthedocs.io/en/latest/"
NAMESPACE = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_each_page_names_its_canonical_address_for_search_engines_and_social_cards(
    site,
):
    assert site.config.html_baseurl == BASE  # no Read the Docs address in tests
    for docname in sorted(site.env.found_docs):
        page = site_page(site.outdir / f"{docname}.html")
        address = f"{BASE}{docname}.html"
        (canonical,) = page.select('link[rel="canonical"]')
        assert canonical["href"] == address
        og = {m["property"]: m["content"] for m in page.select("meta[property^='og:']")}
        assert og["og:url"] == address
        assert og["og:title"] == page.h1.get_text().rstrip("¶")
        # From the page's own front matter, never from the disclaimer box.
        expected = front_matter(site.env.doc2path(docname))["description"]
        assert og["og:description"] == expected
        assert "general information" not in og["og:description"]


def test_the_sitemap_lists_every_page_at_its_canonical_address(site):
    tree = ElementTree.parse(site.outdir / "sitemap.xml")
    listed = [loc.text for loc in tree.getroot().findall("sm:url/sm:loc", NAMESPACE)]
    assert listed == [f"{BASE}{name}.html" for name in sorted(site.env.found_docs)]
    assert len(listed) >= 40


def test_the_404_page_links_its_styles_and_pages_from_the_site_root(site):
    page = site_page(site.outdir / "404.html")
    assert page.h1.get_text() == "Page not found"
    # Served at any depth (/en/latest/a/b/missing.html), so nothing relative.
    addresses = [link["href"] for link in page.select("link[rel=stylesheet], a[href]")]
    addresses += [script["src"] for script in page.select("script[src]")]
    local = [a for a in addresses if not a.startswith(("http", "#", "mailto:"))]
    assert local
    assert [a for a in local if not a.startswith("/en/latest/")] == []
    # Not a page for search engines to list.
    assert "404" not in (site.outdir / "sitemap.xml").read_text(encoding="utf-8")


def test_site_search_uses_the_scorer_that_ranks_pages_about_a_word_first(site):
    # The ranking itself is tested in a browser (tests/browser/test_search.py).
    language_data = (site.outdir / "_static" / "language_data.js").read_text("utf-8")
    assert "pageAbout" in language_data
