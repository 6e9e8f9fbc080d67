"""A parallel build writes the same pages as a serial one."""

from __future__ import annotations

import pytest

from tests.helpers import disclaimers, plain, soup


@pytest.fixture
def serial_and_parallel(make_app, copy_root, tmp_path):
    srcdir = copy_root("disclaimer-parallel")
    apps = {}
    for jobs in (1, 2):
        app = make_app(
            "html", srcdir=srcdir, builddir=tmp_path / f"j{jobs}", parallel=jobs
        )
        app.build()
        assert app.warning.getvalue() == ""
        app.cleanup()
        apps[jobs] = app
    return apps


def reading_lines(app) -> list[str]:
    return [
        line
        for line in plain(app.status.getvalue()).splitlines()
        if line.startswith("reading sources...")
    ]


def test_pages_are_read_in_parallel(serial_and_parallel):
    # Parallel reading reports chunks of documents ("index .. pages/page3").
    assert all(" .. " in line for line in reading_lines(serial_and_parallel[2]))
    assert not any(" .. " in line for line in reading_lines(serial_and_parallel[1]))


def test_same_pages_as_a_serial_build(serial_and_parallel):
    serial, parallel = serial_and_parallel[1].outdir, serial_and_parallel[2].outdir
    pages = sorted(p.relative_to(serial) for p in serial.rglob("*.html"))
    assert len(pages) == 12  # 10 documents, genindex and search
    assert pages == sorted(p.relative_to(parallel) for p in parallel.rglob("*.html"))
    for page in pages:
        assert (serial / page).read_bytes() == (parallel / page).read_bytes(), page


def test_every_page_has_its_disclaimer(serial_and_parallel):
    app = serial_and_parallel[2]
    sources = sorted(p.stem for p in (app.srcdir / "pages").glob("*.md"))
    written = sorted(p.stem for p in (app.outdir / "pages").glob("*.html"))
    assert written == sources
    assert len(written) == 8
    for name in written:
        assert len(disclaimers(soup(app.outdir / f"pages/{name}.html"))) == 1, name
    outdir = app.outdir
    assert disclaimers(soup(outdir / "legal.html")) == []
