"""Corrections are visible: listed newest first, and noted on the page they changed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest
import yaml

from tests.helpers import build_noting_reads, site_page, soup
from tests.test_bibcheck import stopped_with

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_the_list_shows_each_correction_newest_first_with_its_page(app):
    app.build()
    assert app.warning.getvalue() == ""
    listing = soup(app.outdir / "corrections.html").select_one(".medkb-corrections")
    items = [li.get_text(" ", strip=True) for li in listing.select("li")]
    # Newest first; on one day by page, and in the file's order within a page.
    assert items == [
        "28 November 2026 : Page migraine Corrected the number of people in a study.",
        "28 November 2026 : Page migraine A second correction of the same page on "
        "the same day.",
        "28 November 2026 : Page overuse Added that some medicines must not be "
        "stopped suddenly; see Page migraine .",
        "20 November 2026 : Page migraine Said which guideline the page follows.",
    ]
    # Each has its own anchor, the same in every build.
    ids = [li.select_one("[id]")["id"] for li in listing.select("li")]
    assert ids == [
        "correction-2026-11-28-migraine",
        "correction-2026-11-28-migraine-2",
        "correction-2026-11-28-overuse",
        "correction-2026-11-20-migraine",
    ]


@pytest.mark.sphinx("html", testroot="corrections", freshenv=True)
def test_a_corrected_page_links_its_latest_correction_from_its_review_box(app):
    app.build()
    note = soup(app.outdir / "migraine.html").select_one(
        ".medkb-review .medkb-corrected"
    )
    assert note.get_text(" ", strip=True) == (
        "Corrected: 28 November 2026 (the latest of 3 corrections). See what changed ."
    )
    assert note.a["href"] == "corrections.html#correction-2026-11-28-migraine"
    # A page never corrected says nothing of corrections.
    assert not soup(app.outdir / "cluster.html").select(".medkb-corrected")


def test_a_bad_correction_stops_the_build_at_its_line(capsys, copy_root):
    srcdir = copy_root("corrections-bad")
    data = (srcdir / "_data/corrections.yaml").resolve()
    needs = (
        "each correction needs a date (YYYY-MM-DD), the page it changed (its name, "
        "such as 'headache/migraine') and a change saying what changed. "
        "[medkb.corrections]"
    )
    assert stopped_with(capsys, srcdir) == [
        f"{data}:2: ERROR: this correction has no change; {needs}",
        f"{data}:4: ERROR: 'date: 28 November 2026' is not a date; write it as "
        "YYYY-MM-DD. [medkb.corrections]",
        f"{data}:7: ERROR: 'date: 2027-01-01' is after today (2026-12-02); a "
        "correction is listed once it is made. [medkb.corrections]",
        f"{data}:11: ERROR: 'page: headache/migrane' is not a page of the site; "
        "write the page's name as in its path under the source folder, without "
        "'.md', such as 'headache/migraine'. [medkb.corrections]",
        f"{data}:13: ERROR: this correction has unknown field(s) reviewer; {needs}",
    ]


def test_editing_the_file_rereads_only_the_pages_it_changes(make_app, copy_root):
    srcdir = copy_root("corrections")

    def build() -> tuple[SphinxTestApp, list[str]]:
        return build_noting_reads(make_app, srcdir)

    build()
    data = srcdir / "_data/corrections.yaml"
    data.write_text(
        data.read_text()
        + "  - date: 2026-11-29\n    page: cluster\n    change: A new correction.\n"
    )
    app, read = build()
    assert read == ["cluster", "corrections"]
    note = soup(app.outdir / "cluster.html").select_one(".medkb-corrected")
    assert "29 November 2026" in note.get_text()
    assert build()[1] == []


def test_every_correction_of_the_real_site_is_listed_and_noted_on_its_page(site):
    data = yaml.safe_load((site.srcdir / "_data/corrections.yaml").read_text())
    pages = {c["page"] for c in data["corrections"]}
    assert len(pages) >= 10
    listing = site_page(site.outdir / "reference/corrections.html")
    listed = listing.select(".medkb-corrections li")
    assert len(listed) == len(data["corrections"])
    for page in sorted(pages):
        note = site_page(site.outdir / f"{page}.html").select_one(
            ".medkb-review .medkb-corrected"
        )
        assert note is not None, page
        target = urljoin(f"/{page}.html", note.a["href"])
        assert target.startswith("/reference/corrections.html#correction-"), page
        assert listing.find(id=target.split("#")[1]), page


def test_a_file_without_the_list_says_what_it_must_hold(tmp_path):
    from medkb.corrections import read_corrections

    data = tmp_path / "corrections.yaml"
    data.write_text("corrections: soon\n")
    corrections, problems = read_corrections(data, {"migraine"}, date(2026, 12, 2))
    assert corrections == []
    assert [(p.location, p.message) for p in problems] == [
        (
            f"{data}:1",
            "the corrections file must hold 'corrections:' with a list of "
            "corrections ('corrections: []' while there are none).",
        )
    ]
