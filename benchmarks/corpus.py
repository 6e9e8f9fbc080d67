"""Write a synthetic knowledge base: MyST pages shaped like docs/, for benchmarks.

Usage: python benchmarks/corpus.py OUTDIR --pages N --entries M [--seed S]
       [--shape sections|flat-deep] [--theme furo|basic]
       [--medkb full|without-checks|none]

OUTDIR becomes a complete Sphinx source folder that builds with ``-W``: a
glossary, a bibliography of every source, and a ``refs.bib`` of M entries that
the pages cite between them. Each page has the front matter, summary,
citations, ``{doc}`` and ``{term}`` links and reference list of a real page.
Two shapes, so that no optimisation can favour one:

- ``sections``: about 30 pages per section, every third section with a
  subsection (navigation three levels deep); links go anywhere.
- ``flat-deep``: half the pages in one flat section whose pages link to each
  other (its index lists them all), the other half in a tree five levels
  deep with two branches at each level.

The same seed gives the same pages whatever the theme.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bib_entries import make_entries, render_bibfile
from filler import GLOSSARY_TERMS, Filler

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

PAGES_PER_SECTION = 30
SHAPES = ("sections", "flat-deep")
#: flat-deep: the tree's depth below its own index, and its branching.
DEEP_LEVELS = 4
DEEP_BRANCHES = 2
#: Every how many sections one holds a subsection of its own.
NESTED_EVERY = 3
THEMES = ("furo", "basic")
#: How much of medkb a corpus's conf.py loads. "without-checks" keeps what
#: changes the output's shape or the build's speed (the author-year style,
#: the navigation template and indexed citations) and leaves out the
#: disclaimer, the review box and every check, so a build with and without
#: it shows what those cost. "none" is the stock stack.
MEDKB_MODES = {
    "full": ("medkb",),
    "without-checks": (
        "medkb.citations",
        "medkb.sidebar_cache",
        "medkb.indexed_citations",
    ),
    "none": (),
}
FRONT_MATTER = (
    "reviewed: 2026-11-28\nnext-review: 2027-11-28\nreview-status: sources-checked\n"
)
#: The page each review box links to, as in docs/.
POLICY_PAGE = "reference/how-content-is-reviewed"
REFERENCES_SECTION = """## References

The sources below are the ones this page cites.
All sources used across the knowledge base are listed in the {doc}`/bibliography`.

:::{bibliography}
:filter: docname in docnames
:::
"""
SNIPPET = """This page gives **general information** only.
It does not replace advice from your doctor or other health professional.
In an emergency, call your local emergency number.
Read the [full medical disclaimer](../disclaimer.md).
"""


@dataclass
class IndexPage:
    """A section's (or subsection's) index page and the pages its toctree lists."""

    docname: str
    children: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """Where every page goes; topic pages are the ones with body text.

    ``link_pools`` names, for a topic page, the pages its links choose from
    (every topic page when it has no entry).
    """

    topics: list[str]
    indexes: list[IndexPage]
    link_pools: dict[str, list[str]] = field(default_factory=dict)

    @property
    def sections(self) -> list[IndexPage]:
        return [i for i in self.indexes if i.docname.count("/") == 1]


def plan_layout(pages: int, shape: str = "sections") -> Layout:
    """Where *pages* topic pages go in a corpus of *shape* (see SHAPES)."""
    if shape == "flat-deep":
        return _flat_deep_layout(pages)
    return _sections_layout(pages)


def _flat_deep_layout(pages: int) -> Layout:
    """One flat section of half the pages, linking among themselves; a deep tree."""
    flat_count = max(1, pages // 2)
    width = max(3, len(str(pages)))
    flat = [f"flat/page-{n + 1:0{width}d}" for n in range(flat_count)]
    indexes = [IndexPage("flat/index", [name.partition("/")[2] for name in flat])]
    # The tree's nodes, breadth first: "deep", "deep/b1", "deep/b2", "deep/b1/b1"...
    deep_count = pages - flat_count
    # Breadth first, as many nodes as there are pages to put in them.
    nodes = ["deep"]
    for node in nodes:
        if node.count("/") < DEEP_LEVELS:
            branches = [f"{node}/b{n + 1}" for n in range(DEEP_BRANCHES)]
            nodes += branches[: max(0, deep_count - len(nodes))]
    topics = list(flat)
    tree: list[IndexPage] = []
    for number, node in enumerate(nodes):
        size = deep_count // len(nodes) + (1 if number < deep_count % len(nodes) else 0)
        names = [f"page-{n + 1:03d}" for n in range(size)]
        topics += [f"{node}/{name}" for name in names]
        children = [
            f"{child.rpartition('/')[2]}/index"
            for child in nodes
            if child.rpartition("/")[0] == node
        ]
        tree.append(IndexPage(f"{node}/index", [*names, *children]))
    # Flat pages link to one another; the tree's pages link anywhere.
    return Layout(topics, indexes + tree, dict.fromkeys(flat, flat))


def _sections_layout(pages: int) -> Layout:
    """*pages* topic pages in sections of about 30, some with a subsection."""
    count = max(1, math.ceil(pages / PAGES_PER_SECTION))
    width = max(3, len(str(count)))
    topics: list[str] = []
    indexes: list[IndexPage] = []
    for number in range(count):
        section = f"topic-{number + 1:0{width}d}"
        size = pages // count + (1 if number < pages % count else 0)
        names = [f"page-{n + 1:03d}" for n in range(size)]
        index = IndexPage(f"{section}/index", list(names))
        indexes.append(index)
        nested = size // 3 if number % NESTED_EVERY == 0 else 0
        if nested:
            index.children = [*names[:-nested], "more/index"]
            sub = IndexPage(f"{section}/more/index", names[-nested:])
            indexes.append(sub)
            topics += [f"{section}/{name}" for name in names[:-nested]]
            topics += [f"{section}/more/{name}" for name in names[-nested:]]
        else:
            topics += [f"{section}/{name}" for name in names]
    return Layout(topics, indexes)


class CitationPlan:
    """Hands out keys to cite so that, by the last page, every key was cited.

    ``medkb.bibcheck`` fails the build on a source no page cites. Keys come
    round-robin from a shuffled cycle; a page takes more than its share only
    when the pages left could not otherwise cite every key still uncited.
    """

    def __init__(self, rng: random.Random, keys: Sequence[str], pages: int) -> None:
        shuffled = list(keys)
        rng.shuffle(shuffled)
        self._cycle: Iterator[str] = itertools.cycle(shuffled)
        self._uncited = len(shuffled)
        self._pages_left = pages
        self._total = len(shuffled)

    def keys_for_page(self, wanted: int) -> list[str]:
        """At least *wanted* distinct keys (fewer if the file has fewer)."""
        needed = math.ceil(self._uncited / max(1, self._pages_left))
        count = min(max(wanted, needed), self._total)
        self._pages_left -= 1
        self._uncited = max(0, self._uncited - count)
        # Consecutive draws from the cycle are distinct while count <= total.
        return [next(self._cycle) for _ in range(count)]


def cite_roles(rng: random.Random, keys: list[str], roles: int) -> list[str]:
    """Spread *keys* over *roles* ``{cite:p}`` roles, each with one key or more."""
    roles = min(roles, len(keys))
    cuts = sorted(rng.sample(range(1, len(keys)), roles - 1)) if roles > 1 else []
    groups = [keys[a:b] for a, b in itertools.pairwise([0, *cuts, len(keys)])]
    return [" {cite:p}`" + ",".join(group) + "`" for group in groups]


def front_matter(description: str, *extra: str) -> str:
    lines = "".join(f"{line}\n" for line in extra)
    return f"---\ndescription: {description}\n{FRONT_MATTER}{lines}---\n\n"


class CorpusWriter:
    """Writes the pages of one corpus; the same seed gives the same pages."""

    def __init__(
        self, outdir: Path, pages: int, entries: int, seed: int, shape: str
    ) -> None:
        self.outdir = outdir
        self.rng = random.Random(seed)
        self.filler = Filler(self.rng)
        self.layout = plan_layout(pages, shape)
        self.entries = make_entries(self.rng, entries)
        cited_pages = len(self.layout.topics) + len(self.layout.indexes)
        keys = [entry.key for entry in self.entries]
        self.citations = CitationPlan(self.rng, keys, cited_pages)
        every_page = [*self.layout.topics, *(i.docname for i in self.layout.indexes)]
        self.titles = {docname: self.filler.title() for docname in every_page}

    def write(self) -> list[Path]:
        """Write pages, snippet and refs.bib; return the topic pages' paths."""
        self._write("refs.bib", render_bibfile(self.entries))
        self._write("_snippets/disclaimer.md", SNIPPET)
        self._write("index.md", self._root())
        for index in self.layout.indexes:
            self._write(f"{index.docname}.md", self._index(index))
        for docname in self.layout.topics:
            self._write(f"{docname}.md", self._topic(docname))
        self._write_reference_pages()
        return [self.outdir / f"{docname}.md" for docname in self.layout.topics]

    def _write(self, name: str, text: str) -> None:
        path = self.outdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def _lines(self, sentences: list[str]) -> str:
        # One sentence per line, as the project's pages are written.
        return "".join(f"{sentence}.\n" for sentence in sentences)

    def _doc_links(self, docname: str, count: int) -> list[str]:
        topics = self.layout.link_pools.get(docname, self.layout.topics)
        others = self.rng.sample(topics, min(count + 1, len(topics)))
        targets = [d for d in others if d != docname][:count]
        return [f"Read more in {{doc}}`/{target}`" for target in targets]

    def _term_links(self, count: int) -> list[str]:
        terms = self.rng.sample(GLOSSARY_TERMS, count)
        return [f"This is called {{term}}`{term}`" for term in terms]

    def _topic(self, docname: str) -> str:
        rng, filler = self.rng, self.filler
        headings = filler.headings(rng.randint(3, 5))
        counts = [rng.randint(2, 4) for _ in headings]
        paragraphs = [filler.paragraph(rng.randint(3, 6)) for _ in range(sum(counts))]
        summary = filler.paragraph(rng.randint(4, 6))
        every = [summary, *paragraphs]
        roles = rng.randint(3, 8)
        for role in cite_roles(rng, self.citations.keys_for_page(roles), roles):
            paragraph = rng.choice(every)
            paragraph[rng.randrange(len(paragraph))] += role
        # A flat section's pages link to more of their neighbours.
        many = docname in self.layout.link_pools
        links = self._doc_links(
            docname, rng.randint(4, 8) if many else rng.randint(2, 4)
        )
        links += self._term_links(rng.randint(1, 3))
        for link in links:
            paragraph = rng.choice(every)
            paragraph.insert(rng.randint(0, len(paragraph)), link)
        body = [f"# {self.titles[docname]}\n", "## Summary\n", self._lines(summary)]
        rest = iter(paragraphs)
        for heading, count in zip(headings, counts, strict=True):
            body.append(f"## {heading}\n")
            body += [self._lines(next(rest)) for _ in range(count)]
        body.append(REFERENCES_SECTION)
        return front_matter(filler.description()) + "\n".join(body)

    def _index(self, index: IndexPage) -> str:
        filler = self.filler
        summary = filler.paragraph(3)
        roles = self.rng.randint(1, 2)
        for n, role in enumerate(
            cite_roles(self.rng, self.citations.keys_for_page(roles), roles)
        ):
            summary[n] += role
        toctree = "".join(f"{child}\n" for child in index.children)
        return (
            front_matter(filler.description())
            + f"# {self.titles[index.docname]}\n\n## Summary\n\n"
            + self._lines(summary)
            + "\n## Pages in this section\n\n"
            + f"```{{toctree}}\n:maxdepth: 1\n\n{toctree}```\n\n"
            + REFERENCES_SECTION
        )

    def _root(self) -> str:
        sections = self.layout.sections
        links = "".join(f"- {{doc}}`/{s.docname}`\n" for s in sections)
        toctree = "".join(f"{s.docname}\n" for s in sections) + "reference/index\n"
        return (
            front_matter("A synthetic knowledge base for benchmark builds.")
            + "# Synthetic knowledge base\n\n"
            + self._lines(self.filler.paragraph(3))
            + f"\n## Choose a topic\n\n{links}\n"
            + f"```{{toctree}}\n:hidden:\n:maxdepth: 2\n\n{toctree}```\n"
        )

    def _write_reference_pages(self) -> None:
        filler = self.filler
        glossary = "".join(
            f"{term}\n  {filler.definition()}\n\n" for term in sorted(GLOSSARY_TERMS)
        )
        pages = {
            "reference/index": (
                "Reference",
                "```{toctree}\n:maxdepth: 1\n\nglossary\n/bibliography\n"
                "how-content-is-reviewed\n/disclaimer\n```\n",
            ),
            "reference/glossary": (
                "Glossary of medical words",
                f"## Words from A to Z\n\n```{{glossary}}\n{glossary}```\n",
            ),
            "bibliography": (
                "Bibliography",
                "## All sources\n\n:::{bibliography}\n:all:\n:keyprefix: all-\n:::\n",
            ),
            POLICY_PAGE: ("How our content is checked", ""),
            "disclaimer": ("Medical disclaimer", ""),
        }
        for docname, (title, body) in pages.items():
            extra = ("disclaimer: false",) if docname == "disclaimer" else ()
            self._write(
                f"{docname}.md",
                front_matter(filler.description(), *extra)
                + f"# {title}\n\n## Summary\n\n"
                + self._lines(filler.paragraph(4))
                + (f"\n{body}" if body else ""),
            )


def conf_py(theme: str, medkb: str) -> str:
    """conf.py with the settings of docs/conf.py that change what a build costs."""
    extensions = ["myst_parser", "sphinxcontrib.bibtex", *MEDKB_MODES[medkb]]
    with_medkb = medkb == "full"
    excluded = ["_build"]
    if not with_medkb:
        # medkb keeps the disclaimer snippet from becoming a page of its own.
        excluded.append("_snippets")
    lines = [
        '"""Sphinx configuration of a synthetic knowledge base (benchmarks)."""',
        "",
        'project = "Synthetic knowledge base"',
        'author = "the benchmark"',
        'language = "en"',
        f"extensions = {extensions!r}",
        f"exclude_patterns = {excluded!r}",
        "nitpicky = True",
        'myst_enable_extensions = ["colon_fence", "deflist"]',
        "myst_heading_anchors = 3",
        'bibtex_bibfiles = ["refs.bib"]',
        # "medkb" is registered by medkb.citations.
        f"bibtex_default_style = {'alpha' if medkb == 'none' else 'medkb'!r}",
        'bibtex_reference_style = "author_year"',
    ]
    if medkb != "none":
        lines.append('suppress_warnings = ["bibtex.duplicate_citation"]')
    if with_medkb:
        lines += [
            'medkb_disclaimer_snippet = "_snippets/disclaimer.md"',
            'medkb_disclaimer_style = "caution"',
            'medkb_disclaimer_title = "Medical disclaimer"',
            'medkb_disclaimer_exempt = ["disclaimer"]',
            f"medkb_review_policy_page = {POLICY_PAGE!r}",
        ]
    if medkb == "none":
        # alpha labels are initials and a year, which clash across the
        # pages' reference lists; the author-year labels of medkb do not.
        lines.append(
            'suppress_warnings = ["bibtex.duplicate_citation", '
            '"bibtex.duplicate_label"]'
        )
    lines.append(f"html_theme = {theme!r}")
    lines.append('html_title = "Synthetic knowledge base"')
    return "\n".join(lines) + "\n"


def generate(
    outdir: Path,
    pages: int,
    entries: int,
    seed: int = 1,
    *,
    theme: str = "furo",
    medkb: str = "full",
    shape: str = "sections",
) -> list[Path]:
    """Write a corpus into *outdir*; return the paths of its topic pages.

    *medkb* is how much of the extension its conf.py loads: see MEDKB_MODES;
    *shape* is how its pages are laid out: see SHAPES.
    """
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}, not {shape!r}")
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, not {theme!r}")
    if medkb not in MEDKB_MODES:
        raise ValueError(
            f"medkb must be one of {', '.join(MEDKB_MODES)}, not {medkb!r}"
        )
    if outdir.exists() and any(outdir.iterdir()):
        # Pages left from a larger corpus would be in no toctree.
        raise ValueError(f"{outdir} is not empty: give a new or empty folder")
    outdir.mkdir(parents=True, exist_ok=True)
    topics = CorpusWriter(outdir, pages, entries, seed, shape).write()
    (outdir / "conf.py").write_text(conf_py(theme, medkb), encoding="utf-8")
    return topics


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path, help="folder to write the corpus into")
    parser.add_argument("--pages", type=int, required=True, help="topic pages")
    parser.add_argument("--entries", type=int, required=True, help="refs.bib size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=SHAPES, default="sections")
    parser.add_argument("--theme", choices=THEMES, default="furo")
    parser.add_argument(
        "--medkb",
        choices=MEDKB_MODES,
        default="full",
        help="how much of medkb conf.py loads (default: full)",
    )
    args = parser.parse_args(argv)
    try:
        topics = generate(
            args.outdir,
            args.pages,
            args.entries,
            args.seed,
            theme=args.theme,
            medkb=args.medkb,
            shape=args.shape,
        )
    except ValueError as error:
        parser.error(str(error))
    print(f"wrote {len(topics)} topic pages and {args.entries} sources")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
