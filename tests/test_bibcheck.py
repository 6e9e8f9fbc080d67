"""The bibliography files are checked in every build (medkb.bibcheck)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from tests.helpers import plain

SYNTAX_HINT = (
    "check that every { has a matching }, that each field reads name = {value} "
    "with a comma between fields, and that the entry ends with }"
)
IDENTIFIER_HINT = (
    "add one so readers can find the source (a @book needs none, nor a congress "
    "abstract marked x-evidence = {abstract})"
)
KEY_RULE = (
    "the first author's surname in lowercase letters, a 4-digit year and a "
    "lowercase word, such as calandre2006trigger"
)


def bibfile(app) -> Path:
    # As sphinxcontrib-bibtex names it: resolved against the conf.py folder.
    return Path(app.confdir, "refs.bib").resolve()


def errors(app) -> list[str]:
    """The build's warnings and errors, one a line, without colour codes."""
    return plain(app.warning.getvalue()).splitlines()


def summary(count: int) -> str:
    return (
        f"ERROR: {count} error(s) above must be fixed before the site can be "
        "published. [medkb.errors]"
    )


def stopped_with(capsys, srcdir: Path) -> list[str]:
    """Run sphinx-build as a user would; return the lines it printed to stderr."""
    argv = ["-q", "-b", "html", str(srcdir), str(srcdir / "_build")]
    with pytest.raises(SystemExit) as stopped:
        build_main(argv)
    assert stopped.value.code == 2
    err = plain(capsys.readouterr().err)
    assert "Traceback" not in err
    return err.splitlines()


@pytest.mark.sphinx("html", testroot="bibcheck-clean", freshenv=True)
def test_clean_bibliography_builds_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert app.statuscode == 0


def test_unbalanced_brace_stops_the_build(capsys, copy_root):
    srcdir = copy_root("bibcheck-unbalanced-brace")
    assert stopped_with(capsys, srcdir) == [
        f"{(srcdir / 'refs.bib').resolve()}:9: ERROR: beta2002review: syntax error: "
        f"'}}' expected (pybtex noticed it at line 17); {SYNTAX_HINT} "
        "[medkb.bib-syntax]"
    ]


def test_duplicate_key_stops_the_build(capsys, copy_root):
    # pybtex would drop every entry after the second one.
    srcdir = copy_root("bibcheck-duplicate-key")
    path = (srcdir / "refs.bib").resolve()
    assert stopped_with(capsys, srcdir) == [
        f"{path}:9: ERROR: alpha2001trial: duplicate key: the entry at {path}:1 "
        "has the key alpha2001trial too; give one of them another key "
        "[medkb.bib-duplicate]"
    ]


@pytest.mark.sphinx("html", testroot="bibcheck-duplicate-doi", freshenv=True)
def test_duplicate_doi_fails_the_build(app):
    app.build()
    path = bibfile(app)
    assert errors(app) == [
        f"{path}:9: ERROR: alpha2001copy: duplicate DOI 10.1000/alpha.x: the entry "
        f"alpha2001trial at {path}:1 has it too; keep one entry for the work, or "
        "correct the wrong DOI [medkb.bib-duplicate]",
        summary(1),
    ]
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="bibcheck-missing-identifier", freshenv=True)
def test_entry_without_identifier_fails_the_build(app):
    app.build()
    assert errors(app) == [
        f"{bibfile(app)}:9: ERROR: beta2002review: no doi, pmid or url field: "
        f"{IDENTIFIER_HINT} [medkb.bib-identifier]",
        summary(1),
    ]
    assert app.statuscode == 1


def test_a_rebuild_reports_what_the_unchanged_files_still_hold(copy_root, tmp_path):
    # Unchanged bib files are not read again: their problems are kept in the
    # doctree folder and reported on every build until they are fixed.
    from sphinx.testing.util import SphinxTestApp

    src = copy_root("bibcheck-missing-identifier")

    def build() -> SphinxTestApp:
        app = SphinxTestApp("html", srcdir=src, builddir=tmp_path / "out")
        try:
            app.build()
        finally:
            app.cleanup()
        return app

    first = build()
    assert (first.doctreedir / "medkb-bibcheck.pickle").is_file()
    page = src / "index.md"
    page.write_text(page.read_text() + "\nA new sentence.\n")
    again = build()
    assert errors(again) == errors(first)
    assert any("beta2002review: no doi, pmid or url field" in e for e in errors(again))
    assert again.statuscode == 1
    # Fixed in the file, the problem is gone on the next build.
    bib = src / "refs.bib"
    text = bib.read_text()
    start = text.index("beta2002review")
    end = text.index("\n}", start)
    bib.write_text(text[:end] + ",\n  pmid = {12345678}" + text[end:])
    assert not any("beta2002review" in e for e in errors(build()))


@pytest.mark.sphinx("html", testroot="bibcheck-exempt", freshenv=True)
def test_books_and_marked_abstracts_need_no_identifier(app):
    # The book (line 1) and the abstract (line 8) pass; a trial needs one.
    app.build()
    assert errors(app) == [
        f"{bibfile(app)}:16: ERROR: poster2007talk: no doi, pmid or url field: "
        f"{IDENTIFIER_HINT} [medkb.bib-identifier]",
        summary(1),
    ]


@pytest.mark.sphinx("html", testroot="bibcheck-bad-key", freshenv=True)
def test_keys_outside_the_convention_fail_the_build(app):
    app.build()
    path = bibfile(app)
    assert errors(app) == [
        f"{path}:{line}: ERROR: {key}: key does not follow the convention: "
        f"{KEY_RULE} [medkb.bib-key]"
        for line, key in [(1, "Smith2020"), (9, "smith"), (17, "paper-1")]
    ] + [summary(3)]
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="bibcheck-unused", freshenv=True)
def test_entry_listed_only_by_an_all_bibliography_is_unused(app):
    app.build()
    assert errors(app) == [
        f"{bibfile(app)}:9: ERROR: beta2002review: no page cites this entry (an "
        ":all: bibliography does not count): cite it with "
        "{cite:p}`beta2002review` or remove it [medkb.bib-unused]",
        summary(1),
    ]
    assert app.statuscode == 1


def test_unused_entry_is_reported_on_every_build(app_params, make_app, copy_root):
    # The second build reads no page again, and must still fail.
    srcdir = copy_root("bibcheck-unused")
    args, kwargs = app_params
    for _build in range(2):
        app = make_app(*args, **{**kwargs, "srcdir": srcdir, "freshenv": False})
        app.build()
        assert "[medkb.bib-unused]" in app.warning.getvalue()
        assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="bibcheck-javascript-url", freshenv=True)
def test_url_that_is_not_a_web_link_fails_the_build(app):
    app.build()
    assert errors(app) == [
        f"{bibfile(app)}:8: ERROR: evil2022link: url 'javascript:alert(1)' is not "
        "a web link: only http:// and https:// links are allowed [medkb.bib-url]",
        summary(1),
    ]
    assert app.statuscode == 1


EVIDENCE_TYPES = (
    "guideline, systematic-review, trial, observational, consensus, "
    "narrative-review, label, abstract, book, other"
)


@pytest.mark.sphinx("html", testroot="bibcheck-evidence", freshenv=True)
def test_evidence_type_currency_and_successor_are_checked(app):
    app.build()
    path = bibfile(app)
    assert errors(app) == [
        f"{path}:1: ERROR: alpha2001trial: no x-evidence field: add x-evidence = "
        "{...} with the kind of evidence the source is, one of: "
        f"{EVIDENCE_TYPES} [medkb.bib-evidence]",
        f"{path}:9: ERROR: beta2002review: x-evidence = {{review}} is not an "
        f"evidence type; use one of: {EVIDENCE_TYPES} [medkb.bib-evidence]",
        f"{path}:18: ERROR: body2012guideline: a guideline is replaced by newer "
        "versions: add x-current-checked = {YYYY-MM-DD}, the day you confirmed it "
        "is the current version, and say where in x-checked [medkb.bib-currency]",
        f"{path}:18: ERROR: body2012guideline: x-superseded-by = "
        "{body2024guidelines} names no other entry; give the key of the entry "
        "that replaces this one, and add that entry first [medkb.bib-superseded]",
        f"{path}:27: ERROR: maker2020label: x-current-checked = {{1 December "
        "2026} is not a date; write it as YYYY-MM-DD, for example 2026-12-01 "
        "[medkb.bib-currency]",
        f"{path}:36: ERROR: gamma2006poster: no x-evidence field: add x-evidence "
        "= {...} with the kind of evidence the source is, one of: "
        f"{EVIDENCE_TYPES} [medkb.bib-evidence]",
        f"{path}:36: ERROR: gamma2006poster: x-abstract is replaced by "
        "x-evidence: write x-evidence = {abstract} instead [medkb.bib-evidence]",
        f"{path}:36: ERROR: gamma2006poster: no doi, pmid or url field: "
        f"{IDENTIFIER_HINT} [medkb.bib-identifier]",
        summary(8),
    ]
    assert app.statuscode == 1
