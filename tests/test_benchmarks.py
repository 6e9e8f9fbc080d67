"""The benchmark's corpora build cleanly, and its runner prints its table.

A benchmark of a corpus that warns, or that fails half-way, measures nothing:
each corpus builds with ``-W`` as the benchmark builds it, and a small run of
``benchmarks/run.py`` goes through every variant.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from corpus import generate  # noqa: E402
from run import REVIEW_DAY_EPOCH  # noqa: E402

ENV = {**os.environ, "SOURCE_DATE_EPOCH": REVIEW_DAY_EPOCH}


def sphinx_build(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", str(src), str(out)],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


@pytest.mark.parametrize("medkb", ["full", "without-checks", "none"])
def test_each_corpus_builds_without_a_warning(tmp_path, medkb):
    topics = generate(tmp_path / "src", 12, 40, medkb=medkb)
    done = sphinx_build(tmp_path / "src", tmp_path / "html")
    assert done.returncode == 0, done.stderr
    page = topics[0].relative_to(tmp_path / "src").with_suffix(".html")
    html = BeautifulSoup((tmp_path / "html" / page).read_text(), "html.parser")
    boxes = html.select(".medkb-disclaimer")
    assert len(boxes) == (1 if medkb == "full" else 0)
    # Every page cites and lists its sources, with or without medkb.
    assert html.select(".citation")


def test_the_same_seed_gives_the_same_pages(tmp_path):
    generate(tmp_path / "a", 12, 40, seed=3)
    generate(tmp_path / "b", 12, 40, seed=3, theme="basic")
    pages_a = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md")
    )
    pages_b = sorted(
        p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.md")
    )
    assert pages_a == pages_b
    assert len(pages_a) >= 12
    for page in pages_a:
        assert (tmp_path / "a" / page).read_bytes() == (
            tmp_path / "b" / page
        ).read_bytes()
    # And the seed is what decides: another one writes other pages.
    generate(tmp_path / "c", 12, 40, seed=4)
    assert any(
        (tmp_path / "a" / page).read_bytes() != (tmp_path / "c" / page).read_bytes()
        for page in pages_a
    )


def test_a_small_run_prints_the_table_and_the_targets(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--pages",
            "6",
            "--entries",
            "30",
            "--repeat",
            "1",
            "--out",
            str(tmp_path / "results"),
            "--workdir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 6 |")]
    assert len(rows) == 1
    assert "n/a" not in rows[0]
    assert "incremental build after one edit" in done.stdout
    results = json.loads((tmp_path / "results" / "results.json").read_text())
    (size,) = results["sizes"]
    assert set(size["medians"]) == {
        "clean",
        "basic",
        "no_checks",
        "incremental",
        "parallel",
    }
    # The edited page, and the pages whose navigation or lists show it.
    assert 1 <= size["html_rewritten"][0] < size["documents"]
