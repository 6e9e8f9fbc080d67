"""Two clean builds of the real site write the same bytes.

A reader, a reviewer or a mirror can then rebuild a release from its sources
and check that what is served is what the sources say, file by file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import DOCS, build_root

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


def written(outdir: Path) -> dict[str, bytes]:
    """Every file a build wrote, by its path in the output folder."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


def other_hash_seed() -> str:
    """A string hash seed other than this process's, so set orders differ."""
    return "1" if os.environ.get("PYTHONHASHSEED") == "0" else "0"


@pytest.mark.long
def test_two_clean_builds_of_the_site_write_the_same_files(
    site: SphinxTestApp, tmp_path: Path
):
    # The first build is the session's `site`; the second runs as a user runs
    # it, in a process of its own with another hash seed, so an output that
    # follows the order of a set differs as it would between two machines.
    # Both build on conftest's SOURCE_DATE_EPOCH, which the child inherits.
    assert os.environ["SOURCE_DATE_EPOCH"]
    outdir = tmp_path / "html"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-j",
            "1",
            "-d",
            str(tmp_path / "doctrees"),
            str(DOCS),
            str(outdir),
        ],
        env={**os.environ, "PYTHONHASHSEED": other_hash_seed()},
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    first, second = written(site.outdir), written(outdir)
    assert sorted(second) == sorted(first)
    # .buildinfo and the search index are compared too: both are written
    # from the configuration and sorted data, so they are the same as well.
    assert [name for name in first if first[name] != second[name]] == []


def test_where_medkb_is_installed_does_not_change_what_a_build_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # tox -e docs and tox -e browser build the same site from two virtual
    # environments: the second must find the first's pages up to date.
    import medkb.review

    def buildinfo(name: str) -> str:
        app = build_root("review-basic", tmp_path / name)
        assert (app.outdir / "_static" / "medkb.css").is_file()
        return (app.outdir / ".buildinfo").read_text(encoding="utf-8")

    here = buildinfo("here")
    elsewhere = tmp_path / "elsewhere" / "medkb"
    shutil.copytree(Path(medkb.review.__file__).parent / "static", elsewhere / "static")
    monkeypatch.setattr(medkb.review, "__file__", str(elsewhere / "review.py"))
    assert buildinfo("there") == here
