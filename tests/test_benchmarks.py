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
from summary import merge  # noqa: E402

ENV = {**os.environ, "SOURCE_DATE_EPOCH": REVIEW_DAY_EPOCH}


def sphinx_build(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", str(src), str(out)],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


@pytest.mark.parametrize(
    ("medkb", "shape"),
    [
        ("full", "sections"),
        ("without-checks", "sections"),
        ("none", "sections"),
        ("full", "flat-deep"),
        ("without-checks", "flat-deep"),
    ],
)
def test_each_corpus_builds_without_a_warning(tmp_path, medkb, shape):
    topics = generate(tmp_path / "src", 12, 40, medkb=medkb, shape=shape)
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
    for shape in ("sections", "flat-deep"):
        rows = [
            line
            for line in done.stdout.splitlines()
            if line.startswith(f"| {shape} | 6 |")
        ]
        assert len(rows) == 1
        assert "n/a" not in rows[0]
        # Every target, for every shape, met or not.
        for target in (
            "300 pages: one-page incremental build over clean (at most 8.0 %)",
            "3,000 pages: one-page incremental build over clean (at most 3.0 %)",
            "300 pages: clean -j 2 over serial (at most 0.75)",
            "300 pages: what medkb's disclaimer, review box and checks add",
            "10,000 pages: peak memory of any build (at most 16 GiB",
        ):
            assert f"- {shape}, {target}" in done.stdout
    results = json.loads((tmp_path / "results" / "results.json").read_text())
    assert [size["shape"] for size in results["sizes"]] == ["sections", "flat-deep"]
    for size in results["sizes"]:
        assert set(size["medians"]) == {
            "clean",
            "basic",
            "no_checks",
            "incremental",
            "parallel",
        }
        # The edited page, and the pages whose navigation or lists show it.
        assert 1 <= size["html_rewritten"][0] < size["documents"]
    plot = BeautifulSoup(
        (tmp_path / "results" / "build-time.svg").read_text(), "html.parser"
    )
    assert "Build time against the number of pages" in plot.get_text()
    assert "clean build (flat-deep)" in plot.get_text()
    # Split runs merge: the same file twice is each size with twice the runs.
    merged = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "summary.py"),
            str(tmp_path / "results" / "results.json"),
            str(tmp_path / "results" / "results.json"),
            "--plot",
            str(tmp_path / "merged.svg"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.count("| sections | 6 |") == 2  # wall and CPU tables
    assert "- flat-deep, 300 pages: clean -j 2 over serial" in merged.stdout
    assert (tmp_path / "merged.svg").read_text().startswith("<?xml")
    twice = merge([tmp_path / "results" / "results.json"] * 2)
    assert [(r.shape, len(r.runs["clean"])) for r in twice] == [
        ("sections", 2),
        ("flat-deep", 2),
    ]
