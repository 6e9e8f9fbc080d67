"""Benchmark results: medians, the ratios that matter, a Markdown table and JSON."""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from pathlib import Path

    from timed_build import BuildTiming

#: Each timed variant and what it builds.
VARIANTS = {
    "clean": "clean build, furo + medkb",
    "basic": "clean build, Sphinx's basic theme + medkb",
    "no_checks": "clean build, furo + medkb's citation style and build-speed "
    "modules only: no disclaimer, review box or checks",
    "stock": "clean build, furo without medkb (stock sphinxcontrib-bibtex)",
    "incremental": "rebuild after editing one page's text, furo + medkb",
    "parallel": "clean build with -j 2, furo + medkb",
    "navigation_off": "clean build, furo + medkb with medkb_navigation = 0",
}


@dataclass
class SizeResult:
    """Every run of every variant at one corpus size."""

    pages: int
    #: Pages plus section indexes, glossary, bibliography and the like.
    documents: int
    entries: int
    runs: dict[str, list[BuildTiming]] = field(default_factory=dict)
    #: The corpus's shape (benchmarks/corpus.py SHAPES), or "site (en)" and
    #: the like for the real site in one language.
    shape: str = "sections"
    #: HTML files each incremental build wrote (one page was edited).
    html_rewritten: list[int] = field(default_factory=list)
    #: Why the navigation variant was not built, when it was asked for.
    navigation_skipped: str | None = None

    def median(self, variant: str) -> float | None:
        runs = self.runs.get(variant)
        return statistics.median(r.seconds for r in runs) if runs else None

    def paired_ratio(self, variant: str, other: str) -> float | None:
        """The median of each run's ratio of *variant* to *other*."""
        # A run that stopped half-way has fewer of the later variants.
        pairs = list(
            zip(self.runs.get(variant, []), self.runs.get(other, []), strict=False)
        )
        if not pairs:
            return None
        return statistics.median(a.seconds / b.seconds for a, b in pairs)

    def median_cpu(self, variant: str) -> float | None:
        runs = self.runs.get(variant)
        return statistics.median(r.cpu_seconds for r in runs) if runs else None

    def peak_rss(self, variant: str) -> float | None:
        runs = self.runs.get(variant)
        return max(r.max_rss_mib for r in runs) if runs else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def derived(result: SizeResult) -> dict[str, float | None]:
    """The figures the table shows besides the medians."""
    clean = result.median("clean")
    overhead = _ratio(clean, result.median("no_checks"))
    stock = _ratio(clean, result.median("stock"))
    incremental = _ratio(result.median("incremental"), clean)
    return {
        "ms_per_document": clean * 1000 / result.documents if clean else None,
        "furo_over_basic": _ratio(clean, result.median("basic")),
        "checks_overhead_percent": (overhead - 1) * 100 if overhead else None,
        "medkb_over_stock_percent": (stock - 1) * 100 if stock else None,
        "incremental_percent_of_clean": incremental * 100 if incremental else None,
        "parallel_over_serial": _ratio(result.median("parallel"), clean),
        "peak_rss_mib": result.peak_rss("clean"),
        **cpu_derived(result),
    }


def cpu_derived(result: SizeResult) -> dict[str, float | None]:
    """The ratios from CPU time, and from each run's pair of builds.

    On a busy or throttled machine the same build's time drifts by 15% from
    one minute to the next; builds of one run are minutes apart, so the
    median of each run's ratio is less moved by drift than the ratio of the
    medians.
    """
    clean = result.median_cpu("clean")
    overhead = _ratio(clean, result.median_cpu("no_checks"))
    incremental = _ratio(result.median_cpu("incremental"), clean)
    paired_overhead = result.paired_ratio("clean", "no_checks")
    paired_incremental = result.paired_ratio("incremental", "clean")
    return {
        "paired_parallel_over_serial": result.paired_ratio("parallel", "clean"),
        # Not a target: how much more processor time two processes use.
        "parallel_cpu_over_serial": _ratio(result.median_cpu("parallel"), clean),
        "cpu_furo_over_basic": _ratio(clean, result.median_cpu("basic")),
        "cpu_checks_overhead_percent": (overhead - 1) * 100 if overhead else None,
        "cpu_incremental_percent_of_clean": incremental * 100 if incremental else None,
        "paired_furo_over_basic": result.paired_ratio("clean", "basic"),
        "paired_checks_overhead_percent": (paired_overhead - 1) * 100
        if paired_overhead
        else None,
        "paired_incremental_percent_of_clean": paired_incremental * 100
        if paired_incremental
        else None,
    }


def _cell(value: float | None, template: str) -> str:
    return "n/a" if value is None else template.format(value)


def per_page_growth(
    results: Sequence[SizeResult],
) -> dict[tuple[str, int], float | None]:
    """ms/doc of each size over that of the smallest size of its shape."""
    growth: dict[tuple[str, int], float | None] = {}
    for shape in shapes_of(results):
        measured = [r for r in results if r.shape == shape and r.median("clean")]
        if not measured:
            continue
        smallest = min(measured, key=lambda r: r.pages)
        base = derived(smallest)["ms_per_document"]
        for r in measured:
            growth[shape, r.pages] = _ratio(derived(r)["ms_per_document"], base)
    return growth


def shapes_of(results: Sequence[SizeResult]) -> list[str]:
    """Each shape measured, in the order first measured."""
    return list(dict.fromkeys(r.shape for r in results))


def markdown_table(results: Sequence[SizeResult]) -> str:
    with_stock = any(r.runs.get("stock") for r in results)
    with_navigation = any(r.runs.get("navigation_off") for r in results)
    growth = per_page_growth(results)
    header = [
        "shape",
        "pages",
        "docs",
        "entries",
        "clean (s)",
        "ms/doc",
        "ms/doc growth",
        "basic (s)",
        "no checks (s)",
        "incremental (s)",
        "-j 2 (s)",
        "furo/basic",
        "checks' cost",
        "incr./clean",
        "-j 2/serial",
        "HTML rewritten",
        "peak RSS (MiB)",
    ]
    if with_stock:
        header += ["stock (s)", "medkb vs stock"]
    if with_navigation:
        header.append("navigation off (s)")
    rows = [header, ["---", *["---:"] * (len(header) - 1)]]
    for result in results:
        figures = derived(result)
        rewritten = result.html_rewritten
        row = [
            result.shape,
            str(result.pages),
            str(result.documents),
            str(result.entries),
            _cell(result.median("clean"), "{:.1f}"),
            _cell(figures["ms_per_document"], "{:.0f}"),
            _cell(growth.get((result.shape, result.pages)), "{:.2f}"),
            _cell(result.median("basic"), "{:.1f}"),
            _cell(result.median("no_checks"), "{:.1f}"),
            _cell(result.median("incremental"), "{:.1f}"),
            _cell(result.median("parallel"), "{:.1f}"),
            _cell(figures["furo_over_basic"], "{:.2f}"),
            _cell(figures["checks_overhead_percent"], "{:+.1f} %"),
            _cell(figures["incremental_percent_of_clean"], "{:.1f} %"),
            _cell(figures["parallel_over_serial"], "{:.2f}"),
            str(max(rewritten)) if rewritten else "n/a",
            _cell(figures["peak_rss_mib"], "{:.0f}"),
        ]
        if with_stock:
            row.append(_cell(result.median("stock"), "{:.1f}"))
            row.append(_cell(figures["medkb_over_stock_percent"], "{:+.0f} %"))
        if with_navigation:
            row.append(_cell(result.median("navigation_off"), "{:.1f}"))
        rows.append(row)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows) + "\n"


def cpu_table(results: Sequence[SizeResult]) -> str:
    variants = ("clean", "basic", "no_checks", "incremental", "parallel", "stock")
    shown = [v for v in variants if any(r.runs.get(v) for r in results)]
    header = ["shape", "pages", *(f"{v} (CPU s)" for v in shown)]
    rows = [header, ["---", *["---:"] * (len(header) - 1)]]
    for result in results:
        cells = [_cell(result.median_cpu(v), "{:.1f}") for v in shown]
        rows.append([result.shape, str(result.pages), *cells])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows) + "\n"


def _verdict(value: float | None, limit: float, template: str) -> str:
    if value is None:
        return "not measured"
    return template.format(value) + (" (met)" if value <= limit else " (NOT met)")


def _at(results: Sequence[SizeResult], shape: str, pages: int) -> SizeResult | None:
    return next((r for r in results if r.shape == shape and r.pages == pages), None)


#: The targets, as ``(pages, label, limit, figure, template)``; a figure is
#: a key of derived(), whose cpu_ and paired_ forms are shown beside it.
TARGETS = (
    (300, "furo + medkb over basic + medkb", 1.3, "furo_over_basic", "{:.2f}"),
    (
        300,
        "what medkb's disclaimer, review box and checks add",
        5,
        "checks_overhead_percent",
        "{:+.1f} %",
    ),
    (
        300,
        "one-page incremental build over clean",
        8,
        "incremental_percent_of_clean",
        "{:.1f} %",
    ),
    (
        3000,
        "one-page incremental build over clean",
        3,
        "incremental_percent_of_clean",
        "{:.1f} %",
    ),
    (300, "clean -j 2 over serial", 0.75, "parallel_over_serial", "{:.2f}"),
)
#: Where time per document is compared with the smallest size, and the memory
#: the largest corpus may take.
GROWTH_FROM, GROWTH_LIMIT = 100, 1.5
LARGEST_PAGES, MEMORY_LIMIT_MIB = 10_000, 16 * 1024


def _figure(result: SizeResult | None, name: str, limit: float, template: str) -> str:
    if result is None:
        return "not measured"
    figures = derived(result)
    wall = _verdict(figures.get(name), limit, template)
    extra = []
    if f"cpu_{name}" in figures:
        extra.append("by CPU time " + _verdict(figures[f"cpu_{name}"], limit, template))
    if f"paired_{name}" in figures:
        paired = _verdict(figures[f"paired_{name}"], limit, template)
        extra.append("run by run " + paired)
    return "; ".join([wall, *extra])


def targets(results: Sequence[SizeResult]) -> str:
    """Every target for every corpus shape, each with what was measured (or not)."""
    lines = []
    growth = per_page_growth(results)
    for shape in shapes_of(results):
        if shape.startswith("site"):
            continue
        for pages, label, limit, name, template in TARGETS:
            result = _at(results, shape, pages)
            lines.append(
                f"{shape}, {pages:,} pages: {label} (at most "
                f"{template.format(limit).replace('+', '')}): "
                + _figure(result, name, limit, template)
            )
        sizes = [r.pages for r in results if r.shape == shape and r.median("clean")]
        largest = max(sizes, default=None)
        if GROWTH_FROM in sizes and largest and largest > GROWTH_FROM:
            measured = _verdict(growth.get((shape, largest)), GROWTH_LIMIT, "{:.2f}")
        else:
            measured = f"not measured (needs {GROWTH_FROM} pages and a larger size)"
        lines.append(
            f"{shape}: time per document, largest size over {GROWTH_FROM} pages "
            f"(at most {GROWTH_LIMIT:.2f}): {measured}"
            + (f", largest {largest:,} pages" if largest else "")
        )
        at_largest = _at(results, shape, LARGEST_PAGES)
        rss = None
        if at_largest is not None:
            rss = max(
                (
                    v
                    for v in (at_largest.peak_rss(n) for n in at_largest.runs)
                    if v is not None
                ),
                default=None,
            )
        lines.append(
            f"{shape}, {LARGEST_PAGES:,} pages: peak memory of any build (at most "
            f"16 GiB = {MEMORY_LIMIT_MIB:,} MiB): "
            + (
                _verdict(rss, MEMORY_LIMIT_MIB, "{:,.0f} MiB")
                if rss is not None
                else f"not measured (run with --pages {LARGEST_PAGES})"
            )
        )
    return "".join(f"- {line}\n" for line in lines)


def load_results(path: Path) -> list[SizeResult]:
    """The sizes of a results.json, as the run that wrote it measured them."""
    from timed_build import BuildTiming

    document = json.loads(path.read_text(encoding="utf-8"))
    results = []
    for raw in document["sizes"]:
        runs = {
            variant: [BuildTiming(**timing) for timing in timings]
            for variant, timings in raw["runs"].items()
        }
        results.append(
            SizeResult(
                pages=raw["pages"],
                documents=raw["documents"],
                entries=raw["entries"],
                runs=runs,
                shape=raw.get("shape", "sections"),
                html_rewritten=raw.get("html_rewritten", []),
                navigation_skipped=raw.get("navigation_skipped"),
            )
        )
    return results


LEGEND = """\
Times are medians of {repeat} run(s), in seconds of wall time, each build in a
fresh `python -m sphinx -b html -q -W` process; "clean" is furo with medkb, as
the site is built. ms/doc divides the clean build by every document built
(pages, section indexes, glossary, bibliography), and its growth is over the
smallest size measured. "no checks" builds the same corpus with only medkb's
citation style and build-speed modules (no disclaimer, review box or checks),
so "checks' cost" is what those add. incr./clean is a rebuild after editing
one page's text; HTML rewritten counts the HTML files that rebuild wrote.
"stock" (with `--stock`) is furo and stock sphinxcontrib-bibtex, without
medkb. Peak RSS is the largest resident memory of a clean build's process.
"""


def markdown_report(
    results: Sequence[SizeResult], repeat: int, machine: Mapping[str, Any]
) -> str:
    about = ", ".join(
        f"{key.replace('_', ' ')} {value}" for key, value in machine.items()
    )
    skipped = [
        f"- {r.shape}, {r.pages} pages: navigation variant not built: "
        f"{r.navigation_skipped}\n"
        for r in results
        if r.navigation_skipped
    ]
    notes = "\n" + "".join(skipped) if skipped else ""
    return (
        "# Build benchmark\n\n"
        + f"{about}.\n\n"
        + markdown_table(results)
        + "\n"
        + LEGEND.format(repeat=repeat)
        + notes
        + "\n## CPU time\n\n"
        + cpu_table(results)
        + "\nMedians of the user and system seconds of each build's processes.\n"
        + "\n## Targets\n\n"
        + targets(results)
    )


def json_report(
    results: Sequence[SizeResult],
    settings: Mapping[str, Any],
    machine: Mapping[str, Any],
) -> str:
    sizes = []
    for result in results:
        raw = asdict(result)
        raw["medians"] = {v: result.median(v) for v in VARIANTS if result.runs.get(v)}
        raw["cpu_medians"] = {
            v: result.median_cpu(v) for v in VARIANTS if result.runs.get(v)
        }
        raw["derived"] = derived(result)
        raw["derived"]["ms_per_document_growth"] = per_page_growth(results).get(
            (result.shape, result.pages)
        )
        sizes.append(raw)
    document = {
        "variants": VARIANTS,
        "settings": dict(settings),
        "machine": dict(machine),
        "sizes": sizes,
    }
    return json.dumps(document, indent=2) + "\n"


def write_reports(
    outdir: Path,
    results: Sequence[SizeResult],
    settings: Mapping[str, Any],
    machine: Mapping[str, Any],
) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    repeat = int(settings["repeat"])
    markdown = markdown_report(results, repeat, machine)
    (outdir / "results.md").write_text(markdown, encoding="utf-8")
    (outdir / "results.json").write_text(
        json_report(results, settings, machine), encoding="utf-8"
    )
