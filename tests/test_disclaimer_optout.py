"""A page not listed in conf.py cannot turn the disclaimer off."""

from __future__ import annotations

import pytest

from tests.helpers import build_twice, disclaimers, plain, soup


@pytest.mark.parametrize("jobs", [1, 2])
def test_unlisted_opt_out_is_an_error_naming_the_page(make_app, copy_root, jobs):
    app = make_app("html", srcdir=copy_root("disclaimer-optout"), parallel=jobs)
    app.build()
    log = plain(app.warning.getvalue())
    assert "sneaky.md:3: ERROR: page 'sneaky' turns the medical disclaimer off" in log
    assert "add 'sneaky' to medkb_disclaimer_exempt" in log
    assert "[medkb.disclaimer-optout]" in log
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="disclaimer-optout", freshenv=True)
def test_the_disclaimer_is_kept(app):
    app.build()
    assert len(disclaimers(soup(app.outdir / "sneaky.html"))) == 1


@pytest.mark.sphinx("html", testroot="disclaimer-optout", freshenv=True)
def test_a_value_that_is_not_a_boolean_is_an_error(app):
    app.build()
    log = plain(app.warning.getvalue())
    assert "unsure.md:2: ERROR: front matter 'disclaimer: maybe' must be true" in log
    assert len(disclaimers(soup(app.outdir / "unsure.html"))) == 1


def test_the_error_is_repeated_until_fixed(make_app, copy_root):
    """An incremental build that reads nothing still fails."""
    srcdir = copy_root("disclaimer-optout")
    again = build_twice(make_app, srcdir)
    assert "sneaky.md:3: ERROR" in plain(again.warning.getvalue())
    assert again.statuscode == 1

    page = srcdir / "sneaky.md"
    page.write_text(page.read_text().replace("disclaimer: false\n", ""))
    (srcdir / "unsure.md").write_text("# Unsure page\n\nText.\n")
    fixed = make_app("html", srcdir=srcdir)
    fixed.build()
    assert fixed.warning.getvalue() == ""
    assert fixed.statuscode == 0


@pytest.mark.sphinx(
    "html",
    testroot="disclaimer-optout",
    freshenv=True,
    confoverrides={"medkb_disclaimer_exempt": ["sneaky", "unsure"]},
)
def test_listed_page_may_opt_out(app):
    app.build()
    assert disclaimers(soup(app.outdir / "sneaky.html")) == []
    assert "sneaky" not in app.warning.getvalue()
