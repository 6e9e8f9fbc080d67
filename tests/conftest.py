"""Shared fixtures: real Sphinx builds of the test roots in ``tests/roots``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
DOCS = Path(__file__).parent.parent / "docs"


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
