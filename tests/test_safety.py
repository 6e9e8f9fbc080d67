"""The real site: medicines carry their warnings, headache pages the warning signs."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import yaml

from tests.helpers import site_page, text_without

PREGNANCY_WARNED = ("valproate", "topiramate")


def page(site, docname):
    return site_page(site.outdir / f"{docname}.html")


def own_text(site, docname) -> str:
    """The page's words, without its reference list (titles of cited works)."""
    return text_without(page(site, docname).select_one("article"), ".citation")


@pytest.mark.parametrize("medicine", PREGNANCY_WARNED)
def test_every_page_naming_it_links_to_an_entry_with_the_cited_pregnancy_warning(
    site, medicine
):
    entry = page(site, f"medicines/{medicine}")
    pregnancy = entry.select_one(".medkb-medicine-safety .medkb-pregnancy")
    assert pregnancy is not None
    assert re.search(r"pregnan", pregnancy.get_text(), re.I)
    assert pregnancy.select(".bibtex-citation a"), "the warning cites no source"
    exempt = {f"medicines/{medicine}", *site.config.medkb_medicine_mentions_exempt}
    naming = [
        doc
        for doc in sorted(site.env.found_docs - exempt)
        if re.search(rf"\b{medicine}\b", own_text(site, doc), re.I)
    ]
    assert naming, f"no page names {medicine}"
    for doc in naming:
        links = {
            urljoin(f"/{doc}.html", a["href"]).split("#")[0]
            for a in page(site, doc).select("article a[href]")
        }
        assert f"/medicines/{medicine}.html" in links, doc
        if doc == "medicines/index":
            continue  # lists every entry; each entry holds its own warning
        # The pregnancy warning itself stands on the page, with its source.
        (box,) = [
            box
            for box in page(site, doc).select(".medkb-medicine-warning")
            if box.select_one(f"a[href$='{medicine}.html']")
        ]
        assert re.search(r"pregnan", box.get_text(), re.I), doc
        assert box.select(".bibtex-citation a, a[href^='#id']"), doc


def test_every_headache_page_shows_the_same_warning_signs_with_giant_cell_arteritis(
    site,
):
    headache = sorted(d for d in site.env.found_docs if d.startswith("headache/"))
    assert len(headache) >= 10
    shown = set()
    for doc in headache:
        (cards,) = page(site, doc).select(".medkb-warning-signs")
        shown.add(" ".join(cards.get_text(" ").split()))
        ids = [li["id"] for li in cards.select("li")]
        assert "warning-sign-giant-cell-arteritis" in ids, doc
        assert all(li.select(".bibtex-citation") for li in cards.select("li")), doc
    # The same signs, in the same words, on every page.
    assert len(shown) == 1


def test_no_page_copies_a_warning_sign_by_hand(site):
    # Each sign's first sentence, without its citation, appears in the data only.
    data = yaml.safe_load((site.srcdir / "_data/warning-signs.yaml").read_text())
    firsts = [
        re.sub(r"\s*\{cite:p\}`[^`]*`", "", sign["text"]).split(". ")[0].lower()
        for sign in data["headache"]
    ]
    assert len(firsts) >= 15
    for source in sorted(site.srcdir.rglob("*.md")):
        if "_build" in source.parts:
            continue
        text = " ".join(source.read_text(encoding="utf-8").lower().split())
        copied = [first for first in firsts if first in text]
        assert copied == [], source


def test_every_reference_shows_its_evidence_type(site):
    bibliography = page(site, "bibliography").select(".citation")
    assert len(bibliography) >= 58
    for entry in bibliography:
        assert "Type of source: " in entry.get_text(), entry.get_text()[:80]
