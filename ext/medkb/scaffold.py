"""Start a new page: front matter filled in, listed in its section's toctree.

Usage::

    medkb-new-page fibromyalgia/pacing --title "Pacing" \\
        --description "How pacing helps people with fibromyalgia plan their day."

(or ``python3 -m tox -e new-page -- fibromyalgia/pacing --title ...``). The page
gets today's review date, a next-review date a year later and the status
``sources-checked``; "today" is the date of ``SOURCE_DATE_EPOCH`` when set.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from medkb.review import today

if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TOCTREE_START = re.compile(r"^(?P<fence>`{3,}|:{3,})\{toctree\}\s*$")

TEMPLATE = """\
---
description: {description}
reviewed: {reviewed}
next-review: {next_review}
review-status: sources-checked
---

# {title}

% Lines starting with % are notes for you; readers do not see them.
% Write one sentence per line, in plain words.
% Cite every medical claim with {{cite:p}}`key`, using a key from docs/refs.bib.

## Summary

% Three to six short sentences: what it is, who it affects and what helps.

% Add your sections here, each with a "## " heading.
{warning_signs}
## Related pages

% Link at least two other pages, and ask for a link from a related page back here.

- {{doc}}`/{section}/index`

## References

The sources below are the ones this page cites.
All sources used across the knowledge base are listed in the {{doc}}`/bibliography`.

:::{{bibliography}}
:filter: docname in docnames
:::
"""


#: Every headache page shows the site's one list of warning signs.
WARNING_SIGNS = """
## When to get medical help

The signs below can mean that a headache needs care quickly.

```{warning-signs} headache
```

See {doc}`/headache/when-to-get-help` for where this list comes from.
"""


class ScaffoldError(Exception):
    """A reason the page cannot be made, phrased for the person making it."""


def a_year_later(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def sections(docs: Path) -> list[str]:
    return sorted(p.parent.name for p in docs.glob("*/index.md"))


def add_to_toctree(index: Path, entry: str) -> None:
    """Add *entry* as the last line of the first toctree in *index*."""
    lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
    for start, line in enumerate(lines):
        match = TOCTREE_START.match(line.strip())
        if not match:
            continue
        for end in range(start + 1, len(lines)):
            if lines[end].strip() == match.group("fence"):
                lines.insert(end, f"{entry}\n")
                index.write_text("".join(lines), encoding="utf-8")
                return
    raise ScaffoldError(f"{index} has no toctree to add the page to; add one first")


def new_page(
    docs: Path, name: str, title: str, description: str, day: datetime.date
) -> Path:
    section, _, slug = name.removesuffix(".md").rpartition("/")
    if not section or not SLUG.fullmatch(slug):
        raise ScaffoldError(
            f"{name!r} is not a page name; write SECTION/NAME with NAME in lowercase "
            "words joined by hyphens, such as fibromyalgia/pacing"
        )
    index = docs / section / "index.md"
    if not index.is_file():
        known = ", ".join(sections(docs))
        raise ScaffoldError(f"there is no section {section!r}; use one of: {known}")
    page = docs / section / f"{slug}.md"
    if page.exists():
        raise ScaffoldError(f"{page} already exists; choose another name")
    if not title.strip() or not description.strip():
        raise ScaffoldError("give the page a --title and a one-sentence --description")
    if ": " in description or ": " in title:
        raise ScaffoldError(
            "write the description and title without ': ' (YAML reads it as a key)"
        )
    page.write_text(
        TEMPLATE.format(
            description=description.strip(),
            reviewed=day.isoformat(),
            next_review=a_year_later(day).isoformat(),
            title=title.strip(),
            section=section,
            warning_signs=WARNING_SIGNS if section == "headache" else "",
        ),
        encoding="utf-8",
    )
    add_to_toctree(index, slug)
    return page


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="medkb-new-page", description=__doc__.splitlines()[0]
    )
    parser.add_argument("name", help="SECTION/NAME, such as fibromyalgia/pacing")
    parser.add_argument("--title", required=True, help="the heading readers search for")
    parser.add_argument(
        "--description", required=True, help="one plain sentence on what it covers"
    )
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="source folder")
    args = parser.parse_args(argv)
    try:
        page = new_page(args.docs, args.name, args.title, args.description, today())
    except ScaffoldError as error:
        print(f"medkb-new-page: {error}", file=sys.stderr)
        return 2
    print(f"created {page}, listed in {page.parent / 'index.md'}")
    print("next: write it, cite its sources, link it, then run python3 -m tox")
    return 0


if __name__ == "__main__":
    sys.exit(main())
