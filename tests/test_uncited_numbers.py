"""A number about people or outcomes cites its source (medkb.uncited_numbers)."""

from __future__ import annotations

import pytest

from tests.helpers import plain

FIX = (
    "with no citation; cite its source in the same sentence with {cite:p}`key`, "
    "or, if it is not a medical claim (a date, a count of pages), write "
    "{not-a-claim}`"
)


@pytest.mark.sphinx("html", testroot="uncited-numbers", freshenv=True)
def test_each_uncited_number_is_an_error_at_its_line(app):
    app.build()
    src = app.srcdir
    assert plain(app.warning.getvalue()).splitlines() == [
        f"{src}/index.md:8: ERROR: 'About 12% of people have migraine.' states "
        f"'12%' {FIX}12%`. [medkb.uncited-number]",
        f"{src}/index.md:9: ERROR: 'Women get it 3 times more often than men.' "
        f"states '3 times more' {FIX}3 times more`. [medkb.uncited-number]",
        f"{src}/index.md:10: ERROR: 'Roughly one in four people can be offered "
        f"prevention.' states 'one in four' {FIX}one in four`. "
        "[medkb.uncited-number]",
        f"{src}/index.md:11: ERROR: 'about 3 out of 10 had three attacks a month' "
        f"states '3 out of 10' {FIX}3 out of 10`. [medkb.uncited-number]",
        "ERROR: 4 error(s) above must be fixed before the site can be published. "
        "[medkb.errors]",
    ]
    # The marked number is shown as written.
    assert "46%" in (app.outdir / "index.html").read_text(encoding="utf-8")
