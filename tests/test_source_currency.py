"""Pages follow current guidelines and labels (medkb.source_currency)."""

from __future__ import annotations

import pytest

from tests.helpers import plain


@pytest.mark.sphinx("html", testroot="source-superseded", freshenv=True)
def test_a_superseded_source_cited_alone_is_an_error_at_its_line(app):
    app.build()
    assert plain(app.warning.getvalue()).splitlines() == [
        f"{app.srcdir}/old-only.md:4: ERROR: this page cites 'body2012guideline', "
        "which 'body2024guideline' replaces (x-superseded-by in refs.bib); cite "
        "body2024guideline for what the current version says, and keep "
        "body2012guideline only as history beside it, or cite only the new one "
        "[medkb.source-superseded]",
        "ERROR: 1 error(s) above must be fixed before the site can be published. "
        "[medkb.errors]",
    ]
    assert app.statuscode == 1


OVERDUE = (
    "body2012guideline: the guideline was last confirmed current on 2025-11-01, "
    "more than 12 months ago; check whether a newer version replaces it, then "
    "update x-current-checked (and add x-superseded-by and the new entry if one "
    "does) [medkb.source-currency-overdue]"
)


@pytest.mark.sphinx("html", testroot="source-currency", freshenv=True)
def test_a_check_13_months_old_warns_in_a_build(app):
    # The tests build on 2026-12-02: 2025-11-01 is 13 months before.
    app.build()
    bib = app.srcdir / "refs.bib"
    assert plain(app.warning.getvalue()).splitlines() == [
        f"{bib}:1: WARNING: {OVERDUE}"
    ]
    assert app.statuscode == 0


@pytest.mark.sphinx(
    "dummy",
    testroot="source-currency",
    freshenv=True,
    confoverrides={
        "extensions": ["myst_parser", "medkb.review", "medkb.source_currency"],
        "medkb_review_audit": True,
    },
)
def test_an_audit_lists_guidelines_and_labels_and_fails_on_an_old_check(app):
    app.build()
    assert f"{app.srcdir / 'refs.bib'}:1: ERROR: {OVERDUE}" in plain(
        app.warning.getvalue()
    )
    status = plain(app.status.getvalue())
    assert "body2012guideline  2025-11-01  OVERDUE" in status
    assert "maker2020label     2026-11-28  current" in status
    assert "2 guidelines and labels; 1 overdue." in status
    assert "alpha2001trial" not in status
    assert app.statuscode == 1


def test_twelve_months_run_out_on_the_same_day_a_year_later():
    import datetime

    from medkb._bib.evidence import due_after

    assert due_after(datetime.date(2025, 12, 1)) == datetime.date(2026, 12, 1)
    assert due_after(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)
