"""Benchmark Sphinx builds of synthetic knowledge bases, from 100 to 3,000 pages.

For each size and each corpus shape (``--shapes``; benchmarks/corpus.py
SHAPES) a corpus is generated into a temporary folder and built, each build
in a fresh process, ``--repeat`` times:

- clean, with furo and medkb, as the site is built;
- clean, with Sphinx's basic theme and medkb;
- clean, with furo and only medkb's citation style and build-speed modules
  (no disclaimer, review box or checks), to show what those cost;
- again after editing one page's text (the incremental build);
- clean with ``-j 2``, furo and medkb;
- with ``--compare-navigation``: clean with ``medkb_navigation = 0``;
- with ``--stock``: clean with furo and stock sphinxcontrib-bibtex, no medkb.

With ``--site`` the real site (docs/) is built the same way in each of its
languages (clean, incremental, ``-j 2``), into the temporary folder.

The medians go to a Markdown table on stdout and, with every run's numbers, to
``results.md`` and ``results.json``; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus import SHAPES, generate
from report import SizeResult, markdown_table, targets, write_reports
from summary import plot
from timed_build import BuildFailed, run_build, sphinx_command

if TYPE_CHECKING:
    from collections.abc import Sequence

DEFAULT_PAGES = (100, 300, 1000, 3000)
QUICK_PAGES = (30, 100)
DEFAULT_OUT = Path(__file__).resolve().parent / "results"
#: The plot of build time against pages, written beside the results.
PLOT_NAME = "build-time.svg"
DOCS = Path(__file__).resolve().parent.parent / "docs"
#: The real site's languages, and the page its incremental build edits.
SITE_LANGUAGES = ("en", "es")
SITE_EDITED_PAGE = "fibromyalgia/symptoms.md"
#: 2026-11-28, the corpus's review date: "today" for every build, so its pages
#: never fall past their next-review date however old the benchmark gets.
REVIEW_DAY_EPOCH = "1795824000"
NAVIGATION_OFF = "medkb_navigation=0"
SKIPPABLE = ("incremental", "basic", "no_checks", "parallel")
PACKAGES = ("sphinx", "furo", "myst-parser", "sphinxcontrib-bibtex", "medkb")


def num2words(number: int) -> str:
    """*number* in words, as the edited sentence gives the run."""
    ones = ("one", "two", "three", "four", "five")
    ones += ("six", "seven", "eight", "nine", "ten")
    return ones[number - 1] if number <= len(ones) else "after ten"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    """What the numbers depend on: cores, load, Python, the packages' versions."""
    about: dict[str, Any] = {
        "cores": os.cpu_count(),
        # Other work on the machine slows builds down: a load near the number
        # of cores or above it means the numbers are not to be trusted.
        "load_average": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "system": platform.system(),
    }
    about["ext"] = extension_source()
    for name in PACKAGES:
        try:
            about[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            about[name] = "not installed"
    return about


def extension_source() -> str:
    """The commit of ext/ measured, and whether it had uncommitted changes."""
    repo = Path(__file__).resolve().parent.parent
    # Without optional locks git status leaves the index alone.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        changes = git("status", "--porcelain", "--", "ext")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{commit} with uncommitted changes" if changes else commit


def html_mtimes(outdir: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in outdir.rglob("*.html")}


class SizeBenchmark:
    """Every variant, ``repeat`` times, on one generated corpus."""

    def __init__(
        self,
        workdir: Path,
        args: argparse.Namespace,
        pages: int,
        shape: str,
        env: dict[str, str],
    ) -> None:
        self.workdir = workdir
        self.args = args
        self.env = env
        self.overrides: list[str] = list(args.extra_conf)
        self.label = f"[{pages} pages, {shape}]"
        started = time.perf_counter()
        corpus = workdir / "src"
        seed, entries = args.seed, args.entries
        topics = generate(corpus / "furo", pages, entries, seed, shape=shape)
        generate(corpus / "basic", pages, entries, seed, theme="basic", shape=shape)
        self.sources = {"furo": corpus / "furo", "basic": corpus / "basic"}
        for name, medkb in (("no_checks", "without-checks"), ("stock", "none")):
            if name == "stock" and not args.stock:
                continue
            self.sources[name] = corpus / name
            generate(corpus / name, pages, entries, seed, medkb=medkb, shape=shape)
        # A page in the middle of the site, neither first nor last anywhere
        # (in flat-deep, a page of the large flat section).
        self.edited = topics[
            len(topics) // 4 if shape == "flat-deep" else len(topics) // 2
        ]
        documents = sum(1 for _ in (corpus / "furo").rglob("*.md")) - 1  # snippet
        self.result = SizeResult(pages, documents, args.entries, shape=shape)
        log(
            f"{self.label} corpus of {documents} documents and {args.entries} "
            f"sources written in {time.perf_counter() - started:.1f} s"
        )

    def run(self) -> SizeResult:
        navigation = self.args.compare_navigation
        skip = set(self.args.skip)
        for repeat in range(1, self.args.repeat + 1):
            progress = f"{self.label} run {repeat}/{self.args.repeat}:"
            self._clean_then_incremental(progress, repeat, "incremental" not in skip)
            if "basic" not in skip:
                self._clean(progress, "basic", "basic", self.overrides)
            if "no_checks" not in skip:
                self._clean(progress, "no_checks", "no_checks", [])
            if "parallel" not in skip:
                self._clean(progress, "parallel", "furo", self.overrides, jobs=2)
            if navigation and self.result.navigation_skipped is None:
                self._navigation_off(progress)
            if self.args.stock:
                self._clean(progress, "stock", "stock", [])
        return self.result

    def _time(
        self,
        progress: str,
        variant: str,
        source: str,
        overrides: Sequence[str],
        build: Path,
        *,
        jobs: int = 1,
    ) -> None:
        """Build *source* into *build*, keeping what is there already."""
        command = sphinx_command(
            self.sources[source],
            build / "html",
            build / "doctrees",
            jobs=jobs,
            overrides=overrides,
        )
        log_file = self.workdir / f"{variant}.log"
        timing = run_build(variant, command, log_file, self.env)
        self.result.runs.setdefault(variant, []).append(timing)
        seconds, mib = timing.seconds, timing.max_rss_mib
        log(f"{progress} {variant}: {seconds:.1f} s, {mib:.0f} MiB")

    def _clean(
        self,
        progress: str,
        variant: str,
        source: str,
        overrides: Sequence[str],
        *,
        jobs: int = 1,
    ) -> None:
        build = self.workdir / "build"
        shutil.rmtree(build, ignore_errors=True)
        try:
            self._time(progress, variant, source, overrides, build, jobs=jobs)
        finally:
            # A 3,000-page furo site takes gigabytes: keep one build at a time.
            shutil.rmtree(build, ignore_errors=True)

    def _clean_then_incremental(
        self, progress: str, repeat: int, incremental: bool
    ) -> None:
        """The clean build, then a rebuild after one page's text changed."""
        build = self.workdir / "build"
        shutil.rmtree(build, ignore_errors=True)
        try:
            self._time(progress, "clean", "furo", self.overrides, build)
            if incremental:
                self._incremental(progress, repeat, build)
        finally:
            shutil.rmtree(build, ignore_errors=True)

    def _incremental(self, progress: str, repeat: int, build: Path) -> None:
        html = build / "html"
        before = html_mtimes(html)
        original = self.edited.read_text(encoding="utf-8")
        # In words: a number without a source would be an error on the site.
        added = f"This sentence is new in run {num2words(repeat)}."
        if "## Summary\n\n" not in original:
            raise RuntimeError(f"{self.edited} has no '## Summary' section to edit")
        self.edited.write_text(
            original.replace("## Summary\n\n", f"## Summary\n\n{added}\n", 1),
            encoding="utf-8",
        )
        try:
            self._time(progress, "incremental", "furo", self.overrides, build)
        finally:
            self.edited.write_text(original, encoding="utf-8")
        page = html / self.edited.relative_to(self.sources["furo"]).with_suffix(".html")
        if added not in page.read_text(encoding="utf-8"):
            raise RuntimeError(f"the incremental build did not rewrite {page.name}")
        after = html_mtimes(html)
        self.result.html_rewritten.append(
            sum(1 for path, mtime in after.items() if before.get(path) != mtime)
        )

    def _navigation_off(self, progress: str) -> None:
        overrides = [*self.overrides, NAVIGATION_OFF]
        try:
            self._clean(progress, "navigation_off", "furo", overrides)
        except BuildFailed as error:
            name = NAVIGATION_OFF.partition("=")[0]
            if f"unknown config value {name!r}" not in error.output:
                raise
            # An older medkb: Sphinx warns of an unknown setting, and -W stops it.
            self.result.navigation_skipped = f"this medkb has no {name}"
            log(f"{progress} navigation_off: skipped, {self.result.navigation_skipped}")


class SiteBenchmark(SizeBenchmark):
    """The real site (docs/) in one language: clean, incremental and -j 2."""

    def __init__(
        self,
        workdir: Path,
        args: argparse.Namespace,
        language: str,
        env: dict[str, str],
    ) -> None:
        self.workdir = workdir
        self.args = args
        self.env = env
        self.overrides = [f"language={language}"]
        self.label = f"[site, {language}]"
        self.sources = {"furo": DOCS}
        self.edited = DOCS / SITE_EDITED_PAGE
        # The count of documents is known once a clean build has read them.
        self.result = SizeResult(0, 0, 0, shape=f"site ({language})")

    def run(self) -> SizeResult:
        skip = set(self.args.skip)
        for repeat in range(1, self.args.repeat + 1):
            progress = f"{self.label} run {repeat}/{self.args.repeat}:"
            self._clean_then_incremental(progress, repeat, "incremental" not in skip)
            if "parallel" not in skip:
                self._clean(progress, "parallel", "furo", self.overrides, jobs=2)
        return self.result

    def _time(
        self,
        progress: str,
        variant: str,
        source: str,
        overrides: Sequence[str],
        build: Path,
        *,
        jobs: int = 1,
    ) -> None:
        super()._time(progress, variant, source, overrides, build, jobs=jobs)
        if variant == "clean" and not self.result.documents:
            read = sum(1 for _ in (build / "doctrees").rglob("*.doctree"))
            self.result.documents = self.result.pages = read


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument(
        "--pages",
        type=int,
        nargs="+",
        help=f"corpus sizes in pages (default: {' '.join(map(str, DEFAULT_PAGES))})",
    )
    parser.add_argument(
        "--shapes",
        nargs="+",
        choices=SHAPES,
        default=list(SHAPES),
        help="corpus shapes to build (default: all)",
    )
    parser.add_argument(
        "--site",
        action="store_true",
        help="also build the real site (docs/) in each language: "
        "clean, incremental and -j 2",
    )
    parser.add_argument(
        "--no-corpus",
        action="store_true",
        help="build no synthetic corpus (with --site: the real site only)",
    )
    parser.add_argument("--entries", type=int, default=1000, help="refs.bib size")
    parser.add_argument("--repeat", type=int, help="runs per variant (default: 3)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="folder for results.md/.json"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: --pages 30 100 --repeat 1, unless given",
    )
    parser.add_argument(
        "--extra-conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="passed as -D KEY=VALUE to every build with medkb (repeatable)",
    )
    parser.add_argument(
        "--compare-navigation",
        action="store_true",
        help=f"also time furo + medkb with -D {NAVIGATION_OFF}",
    )
    parser.add_argument(
        "--stock",
        action="store_true",
        help="also time furo without medkb; stock sphinxcontrib-bibtex grows "
        "with the square of the pages (9 minutes at 300; larger sizes not run)",
    )
    parser.add_argument(
        "--skip", nargs="+", default=[], choices=SKIPPABLE, help="variants to leave out"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="where corpora and builds go (default: a temporary folder)",
    )
    args = parser.parse_args(argv)
    if args.pages is None:
        args.pages = list(QUICK_PAGES if args.quick else DEFAULT_PAGES)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    if args.repeat < 1 or min(args.pages) < 1 or args.entries < 1:
        parser.error("--pages, --entries and --repeat must be at least 1")
    for setting in args.extra_conf:
        if "=" not in setting:
            parser.error(f"--extra-conf {setting!r}: write it as KEY=VALUE")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = {**os.environ, "SOURCE_DATE_EPOCH": REVIEW_DAY_EPOCH}
    # The real site is built as on the day: its pages' dates are real ones.
    site_env = dict(os.environ)
    settings = {
        "pages": args.pages,
        "entries": args.entries,
        "repeat": args.repeat,
        "seed": args.seed,
        "extra_conf": args.extra_conf,
        "compare_navigation": args.compare_navigation,
        "skip": args.skip,
        "stock": args.stock,
        "shapes": args.shapes,
        "site": args.site,
    }
    about = machine()
    results: list[SizeResult] = []
    started = time.perf_counter()
    plan: list[tuple[str, int | str, str]] = []
    if not args.no_corpus:
        plan += [
            ("corpus", pages, shape) for pages in args.pages for shape in args.shapes
        ]
    if args.site:
        plan += [("site", language, "") for language in SITE_LANGUAGES]
    for kind, size, shape in plan:
        with tempfile.TemporaryDirectory(
            prefix=f"medkb-bench-{size}-", dir=args.workdir
        ) as workdir:
            try:
                if kind == "site":
                    site = SiteBenchmark(Path(workdir), args, str(size), site_env)
                    results.append(site.run())
                else:
                    corpus = SizeBenchmark(Path(workdir), args, int(size), shape, env)
                    results.append(corpus.run())
            except BuildFailed as error:
                log(f"[{size} {shape}] a build failed: {error}")
                return 1
        # Written after each size, so a long run that stops keeps what it has.
        write_reports(args.out, results, settings, about)
        plot(results, args.out / PLOT_NAME)
    minutes = (time.perf_counter() - started) / 60
    log(f"done in {minutes:.1f} min; results in {args.out}")
    print(markdown_table(results) + "\n" + targets(results), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
