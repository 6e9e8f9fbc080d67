"""Shared fixtures: real Sphinx builds of the test roots in ``tests/roots``."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from filelock import FileLock
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from collections.abc import Iterator

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
DOCS = Path(__file__).parent.parent / "docs"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A long test started last keeps one process busy after the other has
    # finished; started first, the other process takes the short ones meanwhile.
    # Tests of the real site come next, in the first process's share, which
    # builds the site for both (see `site`); the second process takes the
    # rest, and the real site's tests it takes over later find it built.
    items.sort(
        key=lambda item: (
            item.get_closest_marker("long") is None,
            "site" not in getattr(item, "fixturenames", ()),
        )
    )


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def copy_root(tmp_path: Path):
    """Copy a test root to a fresh folder, for tests that edit or rebuild it."""

    def copy(name: str) -> Path:
        srcdir = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", srcdir)
        return srcdir

    return copy


def build(
    srcdir: Path, builddir: Path, builder: str = "html", **confoverrides: object
) -> SphinxTestApp:
    """Build *srcdir* from scratch into *builddir*; nothing is written to *srcdir*."""
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        freshenv=True,
        confoverrides=confoverrides,
    )
    try:
        app.build()
    finally:
        # Sphinx keeps docutils state globally: release it before the next app.
        app.cleanup()
    return app


def build_site(builder: str, builddir: Path) -> SphinxTestApp:
    """Build the real site in ``docs/`` from scratch with one builder."""
    return build(DOCS, builddir, builder)


def build_root(
    name: str, builddir: Path, builder: str = "html", **confoverrides: object
) -> SphinxTestApp:
    """Build ``tests/roots/test-NAME`` once, for a module-scoped fixture shared
    by the tests that only read what one build wrote."""
    return build(ROOTS / f"test-{name}", builddir, builder, **confoverrides)


@pytest.fixture(scope="session", autouse=True)
def build_date() -> Iterator[None]:
    """Build on the pages' review date: a test must not fail as the calendar moves.

    ``tox -e docs`` and ``tox -e audit`` use the real date, so they still fail
    once a page is past its next-review date.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1796169600")  # 2026-12-02, UTC
        yield


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> SphinxTestApp:
    """The real site, built once as HTML for every test that reads it."""
    return shared_build("site", tmp_path_factory, worker_id)


@pytest.fixture(scope="session")
def spanish_site(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> SphinxTestApp:
    """The real site's Spanish edition, built once as HTML."""
    return shared_build("site-es", tmp_path_factory, worker_id, language="es")


def shared_build(
    name: str,
    tmp_path_factory: pytest.TempPathFactory,
    worker_id: str,
    **confoverrides: object,
) -> SphinxTestApp:
    """Build the real site once per run.

    With two test processes, the first to need it builds it and the other
    loads that build (its pickled environment and what it printed) instead of
    spending a quarter of a minute on the same build.
    """
    if worker_id == "master":  # one process: nothing to share
        return build(DOCS, tmp_path_factory.mktemp(name), "html", **confoverrides)
    shared = tmp_path_factory.getbasetemp().parent / name
    record = shared / "build.json"
    with FileLock(f"{shared}.lock"):
        if not record.is_file():
            app = build(DOCS, shared, "html", **confoverrides)
            printed = {"warning": app.warning.getvalue(), "status": app.statuscode}
            record.write_text(json.dumps(printed), encoding="utf-8")
            return app
    printed = json.loads(record.read_text(encoding="utf-8"))
    loaded = SphinxTestApp(
        "html",
        srcdir=DOCS,
        builddir=shared,
        freshenv=False,
        confoverrides=confoverrides,
        warning=StringIO(printed["warning"]),
    )
    loaded.cleanup()
    loaded.statuscode = printed["status"]
    return loaded


@pytest.fixture(autouse=True)
def _forget_translations() -> Iterator[None]:
    """Sphinx keeps each catalog's translator for the whole process and only
    adds to it: a Spanish build would leave the next test's English build
    with Spanish labels."""
    yield
    from sphinx import locale

    locale.translators.clear()
