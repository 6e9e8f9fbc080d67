"""medkb-new-page starts a page that builds, listed in its section's toctree."""

from __future__ import annotations

import datetime

import pytest
from sphinx.testing.util import SphinxTestApp

from medkb.scaffold import a_year_later, main
from tests.helpers import soup

ARGS = ["--title", "Pacing your day", "--description", "How pacing helps."]


@pytest.fixture
def docs(copy_root, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01, UTC
    return copy_root("scaffold")


def test_the_new_page_builds_listed_and_dated(docs, capsys):
    assert main(["topics/pacing", *ARGS, "--docs", str(docs)]) == 0
    assert "created" in capsys.readouterr().out
    page = (docs / "topics/pacing.md").read_text()
    assert page.startswith(
        "---\ndescription: How pacing helps.\nreviewed: 2026-12-01\n"
        "next-review: 2027-12-01\nreview-status: sources-checked\n---\n\n"
        "# Pacing your day\n"
    )
    toctree = (docs / "topics/index.md").read_text()
    assert ":maxdepth: 1\n\nfirst\npacing\n```" in toctree
    app = SphinxTestApp("html", srcdir=docs, builddir=docs / "_build")
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    html = soup(app.outdir / "topics/pacing.html")
    assert html.select_one(".medkb-review")
    assert html.find("h2").get_text(strip=True).startswith("Summary")
    # The notes for the writer stay out of the page.
    assert "notes for you" not in html.get_text()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("nowhere/pacing", "there is no section 'nowhere'; use one of: topics"),
        ("topics/Pacing_Day", "'topics/Pacing_Day' is not a page name"),
        ("pacing", "'pacing' is not a page name; write SECTION/NAME"),
        ("topics/first", "first.md already exists; choose another name"),
    ],
)
def test_a_bad_name_is_refused_with_the_reason(docs, capsys, name, message):
    assert main([name, *ARGS, "--docs", str(docs)]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in (docs / "topics").iterdir()) == [
        "first.md",
        "index.md",
    ]


def test_a_description_with_a_colon_is_refused(docs, capsys):
    args = ["topics/pacing", "--title", "Pacing", "--description", "Pacing: a guide"]
    assert main([*args, "--docs", str(docs)]) == 2
    assert "without ': '" in capsys.readouterr().err


def test_a_year_later_survives_a_leap_day():
    assert a_year_later(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
