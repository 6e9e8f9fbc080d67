"""How big the site's search is, and how fast it answers, in Chromium.

Usage: python benchmarks/search.py [--pages 300] [--repeat 5] [--workdir DIR]

Builds the real site (docs/) and a synthetic corpus of --pages pages
(benchmarks/corpus.py), then for each prints the bytes of what the search
page loads for search (Sphinx's searchindex.js, medkb's word list and its
script; gzip-compressed as a server sends them, too) and how long
``MedkbSearch.results`` takes in Chromium (/usr/bin/chromium, or $CHROMIUM)
for each question of tests/browser/test_patient_questions.py: the first search
after the index loads (which also reads the index once), then the median and
slowest of --repeat more. A benchmark, not a test: the target (an answer
within 100 ms of the index loading) is printed as met or not.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timed_build import run_build, sphinx_command  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.browser.site_server import serve  # noqa: E402
from tests.browser.test_patient_questions import QUESTIONS  # noqa: E402

#: What the search page loads for search, beside the theme's own files.
FILES = (
    "searchindex.js",
    "_static/medkb-search-data-*.js",
    "_static/medkb-search.js",
    "_static/searchtools.js",
)
TARGET_MS = 100
REVIEW_DATE = "1796169600"  # the corpus's and the site's review date


def build(name: str, srcdir: Path, work: Path) -> Path:
    """Build *srcdir* as HTML into *work*/NAME, as the build benchmark does."""
    outdir = work / name
    env = {**os.environ, "SOURCE_DATE_EPOCH": REVIEW_DATE}
    command = sphinx_command(srcdir, outdir, work / f"{name}-doctrees")
    run_build(name, command, work / f"{name}.log", env)
    return outdir


def sizes(site: Path) -> dict[str, tuple[int, int]]:
    """Each file's bytes, and its bytes gzip-compressed."""
    found = {}
    for name in FILES:
        (path,) = site.glob(name)
        data = path.read_bytes()
        found[name] = (len(data), len(gzip.compress(data, mtime=0)))
    return found


def timings(site: Path, repeat: int) -> dict[str, tuple[float, float, float]]:
    """For each question: the first search's milliseconds, then the median and
    slowest of *repeat* more."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    served = serve(site, "/")
    base = next(served)
    found = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            for question in QUESTIONS:
                # A fresh page for each, so the first search reads the index anew.
                page.goto(f"{base}search.html")
                page.wait_for_function(
                    "() => typeof MedkbSearch === 'object' && Search.hasIndex()"
                )
                times = page.evaluate(
                    """([query, repeat]) => {
                      const times = [];
                      for (let n = 0; n <= repeat; n++) {
                        const start = performance.now();
                        MedkbSearch.results(query);
                        times.push(performance.now() - start);
                      }
                      return times;
                    }""",
                    [question.query, repeat],
                )
                later = times[1:]
                found[question.query] = (times[0], statistics.median(later), max(later))
            browser.close()
    finally:
        served.close()
    return found


def report(name: str, site: Path, repeat: int) -> bool:
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"\n## {name} ({pages} HTML files)\n")
    print("| file | bytes | gzip bytes |\n|---|---:|---:|")
    for file, (raw, packed) in sizes(site).items():
        print(f"| {file} | {raw:,} | {packed:,} |")
    times = timings(site, repeat)
    print(
        f"\n| question | first search (ms) | median of {repeat} (ms) | slowest (ms) |"
    )
    print("|---|---:|---:|---:|")
    for query, (first, median, slowest) in times.items():
        print(f"| {query} | {first:.1f} | {median:.1f} | {slowest:.1f} |")
    firsts = [first for first, _, _ in times.values()]
    worst = max(firsts)
    met = worst <= TARGET_MS
    median = statistics.median(firsts)
    print(
        f"\nFirst search after the index loads: median {median:.1f} ms, slowest "
        f"{worst:.1f} ms; target {TARGET_MS} ms: {'met' if met else 'NOT met'}."
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = args.workdir or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        site = build("site", ROOT / "docs", work)
        corpus = work / f"corpus-{args.pages}"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "corpus.py"),
                str(corpus),
                "--pages",
                str(args.pages),
                "--entries",
                str(args.entries),
            ],
            check=True,
        )
        built = build(f"corpus-{args.pages}-html", corpus, work)
        met = report("The real site", site, args.repeat)
        met &= report(f"A synthetic corpus of {args.pages} pages", built, args.repeat)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
