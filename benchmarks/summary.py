"""Merge benchmark results, print their tables and targets, and plot them.

Usage: python benchmarks/summary.py RESULTS.json [RESULTS.json ...]
       [--plot OUT.svg] [--markdown OUT.md]

Runs of the benchmark can be split (one size or shape at a time, the 10,000
pages alone): this reads the results.json of each, takes every run of the
same shape and size together, and prints the table and the targets as one
run would. ``--plot`` draws clean and one-page rebuild times against the
number of pages, one line per shape (the picture on the performance page);
the SVG is the same for the same results, so it can be kept in the repository.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from report import SizeResult, cpu_table, load_results, markdown_table, targets

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The variants the plot shows, and how each is drawn.
PLOTTED = (
    ("clean", "clean build", "-"),
    ("incremental", "after editing one page", "--"),
)


def merge(paths: Sequence[Path]) -> list[SizeResult]:
    """Every size of every file; runs of the same shape and size join up."""
    merged: dict[tuple[str, int], SizeResult] = {}
    for path in paths:
        for result in load_results(path):
            key = (result.shape, result.pages)
            if key not in merged:
                merged[key] = result
                continue
            kept = merged[key]
            for variant, timings in result.runs.items():
                kept.runs.setdefault(variant, []).extend(timings)
            kept.html_rewritten.extend(result.html_rewritten)
    return sorted(merged.values(), key=lambda r: (r.shape.startswith("site"), r.pages))


def plot(results: Sequence[SizeResult], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # The same results give the same file: no date, fixed ids.
    matplotlib.rcParams["svg.hashsalt"] = "medkb-benchmark"
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text
    figure, axes = plt.subplots(figsize=(7, 4.2), layout="constrained")
    shapes = list(
        dict.fromkeys(r.shape for r in results if not r.shape.startswith("site"))
    )
    colours = ("#1f5fa8", "#b5520b", "#2e7d32", "#6a3d9a")
    for colour, shape in zip(colours, shapes, strict=False):
        sized = sorted((r for r in results if r.shape == shape), key=lambda r: r.pages)
        for variant, label, style in PLOTTED:
            points = [(r.pages, r.median(variant)) for r in sized if r.median(variant)]
            if not points:
                continue
            xs, ys = zip(*points, strict=True)
            axes.plot(
                xs,
                ys,
                style,
                marker="o",
                color=colour,
                label=f"{label} ({shape})",
            )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("pages in the made-up site")
    axes.set_ylabel("seconds (median)")
    axes.set_title("Build time against the number of pages")
    axes.grid(True, which="major", color="#dddddd")
    axes.legend(fontsize="small")
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="+", type=Path, help="results.json files")
    parser.add_argument("--plot", type=Path, help="write the plot to this SVG file")
    parser.add_argument("--markdown", type=Path, help="write the tables here too")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.results if not path.is_file()]
    if missing:
        parser.error(f"no such results file: {', '.join(missing)}")
    results = merge(args.results)
    text = (
        markdown_table(results)
        + "\n## CPU time\n\n"
        + cpu_table(results)
        + "\n## Targets\n\n"
        + targets(results)
    )
    print(text, end="")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    if args.plot:
        plot(results, args.plot)
        print(f"plot written to {args.plot}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
