"""Only the snippet and the config make every page be read again."""

from __future__ import annotations

import pytest

from tests.helpers import disclaimers, soup

WITH_DISCLAIMER = ["index", "one", "three", "two"]


@pytest.fixture
def build(make_app, copy_root):
    srcdir = copy_root("disclaimer-rebuild")

    def build_once(**confoverrides):
        read: list[str] = []
        app = make_app("html", srcdir=srcdir, confoverrides=confoverrides)
        app.connect("env-before-read-docs", lambda _a, _e, names: read.extend(names))
        app.build()
        assert app.warning.getvalue() == ""
        app.cleanup()
        return app, sorted(read)

    build_once.srcdir = srcdir
    return build_once


def test_nothing_changed_reads_nothing(build):
    assert build()[1] == ["index", "legal", "one", "three", "two"]
    assert build()[1] == []


def test_editing_one_page_reads_only_that_page(build):
    build()
    page = build.srcdir / "two.md"
    page.write_text(page.read_text() + "\nA new line.\n")
    assert build()[1] == ["two"]


def test_editing_the_snippet_reads_every_page_that_shows_it(build):
    build()
    (build.srcdir / "notice.md").write_text("New wording of the notice.\n")
    app, read = build()
    assert read == WITH_DISCLAIMER
    for docname in WITH_DISCLAIMER:
        (box,) = disclaimers(soup(app.outdir / f"{docname}.html"))
        assert "New wording of the notice." in box.text


def test_changing_the_config_reads_every_page(build):
    build()
    app, read = build(medkb_disclaimer_title="Please read")
    assert read == ["index", "legal", "one", "three", "two"]
    (box,) = disclaimers(soup(app.outdir / "one.html"))
    assert box.select_one(".admonition-title").text == "Please read"
