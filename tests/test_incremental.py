"""An incremental build writes what a clean build writes (medkb.exact_rebuilds)."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from sphinx.testing.util import SphinxTestApp

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_citation(src: Path) -> None:
    # A source no page cited before: the :cited: list on another page grows.
    replace(
        src / "alpha.md",
        "Migraine is common {cite:p}`one2001migraine`.",
        "Migraine is common {cite:p}`one2001migraine`.\n"
        "Sleep matters {cite:p}`four2004sleep`.",
    )


def remove_citation(src: Path) -> None:
    replace(
        src / "beta.md", "Cluster headache is rare {cite:p}`three2003cluster`.\n", ""
    )


def add_page(src: Path) -> None:
    (src / "gamma.md").write_text(
        "# Gamma\n\nSleep and pain {cite:p}`four2004sleep,one2001migraine`.\n\n"
        "```{bibliography}\n:filter: docname in docnames\n```\n",
        encoding="utf-8",
    )
    replace(src / "index.md", "beta\n", "beta\ngamma\n")


def rename_key(src: Path) -> None:
    for name in ("refs.bib", "beta.md"):
        replace(src / name, "two2002tension", "two2002tensiontype")


def edit_bib_file(src: Path) -> None:
    replace(src / "refs.bib", "title   = {Migraine}", "title   = {Migraine in adults}")


def edit_medicine(src: Path) -> None:
    replace(src / "medicines/triptans.md", "Heart attack", "Heart attack and stroke")


def add_medicine_alias(src: Path) -> None:
    # A new name: beta's plain "Cluster" is not one, but the entry's list of
    # names on the index page changes.
    replace(
        src / "medicines/triptans.md",
        "[sumatriptan, triptan]",
        "[sumatriptan, triptan, Imitrex]",
    )


def stop_mentioning_medicine(src: Path) -> None:
    replace(
        src / "alpha.md", "A {medicine}`triptan` can stop an attack", "Rest can help"
    )


def edit_warning_signs(src: Path) -> None:
    replace(
        src / "_data/warning-signs.yaml",
        "very bad headache",
        "very bad headache, the worst ever",
    )


EDITS: dict[str, Callable[[Path], None]] = {
    "add a citation": add_citation,
    "remove a citation": remove_citation,
    "add a page": add_page,
    "rename a bib key": rename_key,
    "edit refs.bib": edit_bib_file,
    "edit a medicine entry": edit_medicine,
    "add a medicine alias": add_medicine_alias,
    "stop mentioning a medicine": stop_mentioning_medicine,
    "edit the warning signs": edit_warning_signs,
}


def build(src: Path, out: Path, parallel: int) -> None:
    app = SphinxTestApp("html", srcdir=src, builddir=out, parallel=parallel)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""


def pages(out: Path) -> dict[str, str]:
    """Every page a build wrote, and its sitemap."""
    html = out / "html"
    return {
        p.relative_to(html).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted([*html.rglob("*.html"), html / "sitemap.xml"])
    }


@pytest.mark.parametrize("parallel", [1, 2], ids=["serial", "-j 2"])
@pytest.mark.parametrize("edit", EDITS)
def test_an_incremental_build_equals_a_clean_one(copy_root, tmp_path, edit, parallel):
    src = copy_root("incremental")
    build(src, tmp_path / "incremental", parallel)
    EDITS[edit](src)
    build(src, tmp_path / "incremental", parallel)
    clean_src = tmp_path / "clean-src"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    build(clean_src, tmp_path / "clean", parallel)
    incremental, clean = pages(tmp_path / "incremental"), pages(tmp_path / "clean")
    assert sorted(incremental) == sorted(clean)
    stale = [page for page in clean if incremental[page] != clean[page]]
    assert stale == [], f"stale after '{edit}'"
