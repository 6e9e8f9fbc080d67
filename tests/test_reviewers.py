"""Only a registered reviewer makes a page clinician-reviewed (medkb.reviewers)."""

from __future__ import annotations

import pytest

from tests.helpers import plain, soup


@pytest.mark.sphinx("html", testroot="reviewers", freshenv=True)
def test_an_unregistered_reviewer_is_an_error_naming_the_page(app):
    app.build()
    assert plain(app.warning.getvalue()).splitlines() == [
        f"{app.srcdir}/unknown.md:5: ERROR: 'reviewed-by: Dr Nobody, neurologist' "
        "is not a registered reviewer (registered: Dr Test Person); a page is "
        "clinician-reviewed only by a reviewer on record in reviewers.yaml, with "
        "their qualification and declared conflicts. Until then, use "
        "'review-status: sources-checked'. [medkb.review-date]",
        "ERROR: 1 error(s) above must be fixed before the site can be published. "
        "[medkb.errors]",
    ]
    assert app.statuscode == 1
    # The page is not shown as clinician-reviewed.
    assert not soup(app.outdir / "unknown.html").select(".medkb-review")


@pytest.mark.sphinx("html", testroot="reviewers", freshenv=True)
def test_the_review_box_links_the_reviewer_to_their_entry(app):
    app.build()
    box = soup(app.outdir / "reviewed.html").select_one(".medkb-review")
    (link,) = [a for a in box.select("a") if "Dr Test Person" in a.get_text()]
    assert link["href"] == "reviewers.html#reviewer-dr-test-person"
    assert link.get_text() == "Dr Test Person, Test neurologist"
    registry = soup(app.outdir / "reviewers.html").select_one(".medkb-reviewers")
    assert registry.select_one("#reviewer-dr-test-person") is not None
    assert "Declared conflicts of interest: None declared." in registry.get_text()
