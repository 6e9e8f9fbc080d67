"""Each page shows its review dates next to the disclaimer (medkb.review)."""

from __future__ import annotations

import datetime
import json

import pytest
from sphinx.testing.util import SphinxTestApp

from medkb.review import long_date
from tests.helpers import plain, soup

BOX = ".medkb-review"


@pytest.fixture
def on_day(monkeypatch):
    """Fix the build's "today", as SOURCE_DATE_EPOCH does for a release."""

    def set_day(day: str) -> None:
        moment = datetime.datetime.fromisoformat(day).replace(tzinfo=datetime.UTC)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))

    return set_day


@pytest.mark.sphinx("html", testroot="review-basic", freshenv=True)
def test_the_box_sits_under_the_title_with_dates_and_status(app, on_day):
    on_day("2026-12-01")
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app.outdir / "index.html")
    (box,) = page.select(BOX)
    assert page.find("h1").find_next_sibling() is box
    assert box.get_text(" ", strip=True) == (
        "Sources checked 28 November 2026, not by a clinician. "
        "Next review due 28 November 2027."
    )
    doctor = soup(app.outdir / "checked-by-doctor.html").select_one(BOX)
    assert "Clinician-reviewed 1 June 2026 by Dr A. Example, neurologist." in (
        " ".join(doctor.get_text().split())
    )


@pytest.mark.sphinx(
    "html", testroot="review-basic", freshenv=True, confoverrides={"language": "es"}
)
def test_the_dates_are_written_in_the_pages_language(app, on_day):
    on_day("2026-12-01")
    app.build()
    text = " ".join(soup(app.outdir / "index.html").select_one(BOX).get_text().split())
    assert "28 de noviembre de 2026" in text
    assert "28 de noviembre de 2027" in text


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "28 November 2026"),
        (None, "28 November 2026"),
        ("es", "28 de noviembre de 2026"),
        ("pt_BR", "28 de novembro de 2026"),
        ("zz", "28 November 2026"),  # no date data for it: English
    ],
)
def test_a_long_date_comes_from_babel_in_each_language(language, written):
    assert long_date(datetime.date(2026, 11, 28), language) == written


@pytest.mark.sphinx("html", testroot="review-basic", freshenv=True)
def test_the_box_is_not_in_the_search_index(app, on_day):
    on_day("2026-12-01")
    app.build()
    js = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(js[js.index("(") + 1 : js.rindex(")")])
    terms = set(index["terms"]) | set(index["titleterms"])
    # Month names, "due" and "clinician" appear only in the boxes.
    assert {"novemb", "june", "due", "clinician"} & terms == set()
    assert {"migrain", "headach"} <= terms


@pytest.mark.parametrize(
    ("builder", "read"),
    [
        ("text", lambda out: (out / "index.txt").read_text()),
        ("man", lambda out: (out / "review.7").read_text()),
        ("latex", lambda out: (out / "review.tex").read_text()),
        ("singlehtml", lambda out: (out / "index.html").read_text()),
        ("epub", lambda out: (out / "index.xhtml").read_text()),
        ("dirhtml", lambda out: (out / "index.html").read_text()),
    ],
)
def test_every_builder_shows_the_box(rootdir, tmp_path, on_day, builder, read):
    on_day("2026-12-01")
    app = SphinxTestApp(
        builder, srcdir=rootdir / "test-review-basic", builddir=tmp_path
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    assert "28 November 2027" in " ".join(read(app.outdir).split())


@pytest.mark.sphinx("html", testroot="review-basic", freshenv=True)
def test_an_overdue_page_warns_on_every_build(app, on_day):
    on_day("2027-07-01")  # after 2027-06-01, before 2027-11-28
    app.build()
    warning = (
        "checked-by-doctor.md:3: WARNING: page is past its next-review date "
        "(2027-06-01); check it against its sources, then update 'reviewed' and "
        "'next-review' in its front matter. [medkb.review-overdue]"
    )
    assert warning in plain(app.warning.getvalue())
    assert "index.md" not in plain(app.warning.getvalue())
    # Nothing changed, so nothing is read again: the calendar still counts.
    app.warning.truncate(0)
    app.warning.seek(0)
    app.build()
    assert warning in plain(app.warning.getvalue())
    assert app.statuscode == 0


@pytest.mark.sphinx(
    "dummy",
    testroot="review-basic",
    freshenv=True,
    confoverrides={"medkb_review_audit": True},
)
def test_an_audit_lists_every_page_and_fails_on_overdue_ones(app, on_day):
    on_day("2027-07-01")
    app.build()
    log = plain(app.status.getvalue())
    assert "Review dates on 2027-07-01 (today):" in log
    assert "index              2026-11-28  2027-11-28   sources-checked" in log
    assert "checked-by-doctor  2026-06-01  2027-06-01   OVERDUE" in log
    assert "2 pages; 1 past their next-review date." in log
    assert "ERROR: page is past its next-review date" in plain(app.warning.getvalue())
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="review-bad", freshenv=True)
def test_bad_review_front_matter_is_an_error_at_its_line(app):
    app.build()
    log = plain(app.warning.getvalue())
    expected = [
        "backwards.md:3: ERROR: 'next-review: 2026-01-01' must be later than "
        "'reviewed: 2026-11-28'; set it to the date the page must be checked "
        "again, for example a year after it was reviewed. [medkb.review-date]",
        "broken-yaml.md:2: ERROR: the front matter is not valid YAML (mapping "
        "values are not allowed here), so none of it was used; a value holding "
        "': ' must be quoted, as in description: \"Botox: who should not have "
        'it". [medkb.front-matter]',
        "impossible-date.md:2: ERROR: 'reviewed: 2026-13-01' is not a date, so "
        "none of the front matter was used; write it as YYYY-MM-DD, for example "
        "2026-11-28. [medkb.front-matter]",
        "missing-date.md:1: ERROR: the front matter has no 'reviewed' date; add "
        "a line 'reviewed: YYYY-MM-DD' with the date the page was last checked. "
        "[medkb.review-date]",
        "no-reviewer.md:4: ERROR: 'review-status: clinician-reviewed' needs a "
        "'reviewed-by' line naming the clinician and their role; without one, "
        "use 'sources-checked'. [medkb.review-date]",
        "unknown-status.md:4: ERROR: 'review-status: checked' is not a review "
        "status; use sources-checked or clinician-reviewed. [medkb.review-date]",
        "ERROR: 6 error(s) above must be fixed before the site can be published.",
    ]
    for line in expected:
        assert line in log
    assert app.statuscode == 1
    # The good page still gets its box; a bad one gets none rather than a wrong one.
    assert soup(app.outdir / "index.html").select(BOX)
    assert not soup(app.outdir / "backwards.html").select(BOX)
