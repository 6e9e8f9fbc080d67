"""Report the reading level of each page: its Flesch-Kincaid grade, from its prose.

Usage: python tools/reading_level.py [--max GRADE] [docs | docs/SECTION/PAGE.md]
       python tools/reading_level.py --language es [--min SCORE] [docs | ...]

The grade is measured on what a reader reads: headings, citations, directive
blocks such as toctrees and bibliographies, and link targets are left out. Pages
are written one sentence per line, so each line (and each list item) is one
sentence. A medicine entry's safety box is read too: it is written in the
entry's front matter (``medicine:``), and readers see it on the page. With
``--max``, exits 1 if any page listed is above that grade.

With ``--language es`` the page's translation is measured instead, from its
catalog (``docs/locales/es/LC_MESSAGES/PAGE.po``), with the Fernández-Huerta
score: Flesch's reading ease refitted to Spanish, on the same 0 to 100 scale,
where higher is easier. English grade 9 is where Flesch's "plain English"
band (60 to 70) starts, so a translation at grade 9 or below scores 60 or
more (``--min``). Headings, names and code are left out, as for English.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import textstat
import yaml

# Directive blocks that hold no prose a reader reads as sentences.
SKIPPED_DIRECTIVES = {"bibliography", "toctree", "code-block", "code"}
FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[\w:-]+)\})?")
CITATION = re.compile(r"\s*\{cite(?::\w+)?\}`[^`]*`")
ROLE_WITH_TARGET = re.compile(r"\{[\w:]+\}`([^`<]*?)\s*<[^`>]*>`")
DOC_ROLE = re.compile(r"\{doc\}`/?(?:[\w-]+/)*([\w-]+)`")
ROLE = re.compile(r"\{[\w:]+\}`([^`]*)`")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKUP = re.compile(r"[*_`]+")
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
#: Front-matter fields of a medicine entry that are names, not sentences.
MEDICINE_NAMES = {"name", "aliases"}


@dataclass(frozen=True)
class ReadingLevel:
    page: str
    words: int
    grade: float


def _reader_text(line: str) -> str:
    """A line as a reader sees it: no citations, roles shown as their text."""
    text = CITATION.sub("", line)
    text = ROLE_WITH_TARGET.sub(r"\1", text)
    text = DOC_ROLE.sub(lambda m: m.group(1).replace("-", " "), text)
    text = ROLE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = MARKUP.sub("", LIST_MARK.sub("", text)).strip()
    if not text:
        return ""
    return text if text[-1] in ".?!:;" else text + "."


def safety_box_prose(front_matter: str) -> list[str]:
    """The sentences of a medicine entry's safety box, from its front matter."""
    try:
        data = yaml.safe_load(front_matter)
    except yaml.YAMLError:
        return []  # the build reports broken front matter at its line
    medicine = data.get("medicine") if isinstance(data, dict) else None
    if not isinstance(medicine, dict):
        return []
    sentences = []
    for key, value in medicine.items():
        if key in MEDICINE_NAMES or not isinstance(value, str):
            continue
        for sentence in SENTENCE_END.split(value.strip()):
            if text := _reader_text(sentence):
                sentences.append(text)
    return sentences


def prose(markdown: str) -> str:
    """Return the sentences a reader reads on a page, one per line."""
    lines = markdown.splitlines()
    sentences: list[str] = []
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        sentences += safety_box_prose("\n".join(lines[1:end]))
        lines = lines[end + 1 :]
    fences: list[tuple[str, str]] = []  # (fence, directive name) of each open block
    for line in lines:
        opener = FENCE.match(line.strip())
        if opener and fences and line.strip() == fences[-1][0]:
            fences.pop()
            continue
        if opener:
            fences.append((opener.group("fence"), opener.group("name") or "code"))
            continue
        names = {name for _, name in fences}
        if names & SKIPPED_DIRECTIVES or line.lstrip().startswith(
            ("#", ":", "|", "(", "<!--", "%")
        ):
            continue
        # A glossary's terms are names, not sentences; its definitions are indented.
        if "glossary" in names and not line[:1].isspace():
            continue
        if text := _reader_text(line):
            sentences.append(text)
    return "\n".join(sentences)


def pages(root: Path) -> list[Path]:
    """The site's pages: Markdown files outside ``_build``, ``_snippets`` and such.

    *root* may also be one page, to check it alone.
    """
    if root.is_file():
        return [root]
    return sorted(
        path
        for path in root.rglob("*.md")
        if not any(part.startswith("_") for part in path.relative_to(root).parts)
    )


def measure(path: Path, root: Path) -> ReadingLevel:
    text = prose(path.read_text(encoding="utf-8"))
    return ReadingLevel(
        page=path.relative_to(root).as_posix(),
        words=textstat.lexicon_count(text),
        grade=round(textstat.flesch_kincaid_grade(text), 1) if text else 0.0,
    )


@dataclass(frozen=True)
class SpanishLevel:
    page: str
    words: int
    score: float


#: Fewer words than this is a heading, a name or a link, not a sentence.
SHORTEST_SENTENCE = 4


def translated_prose(catalog: Path) -> str:
    """The sentences of a page's translation, one per line, from its catalog."""
    from babel.messages.pofile import read_po

    with catalog.open("rb") as source:
        messages = [m for m in read_po(source) if m.id and m.string]
    sentences = []
    for message in messages:
        if message.string == message.id:  # code, a name or a link
            continue
        for line in str(message.string).splitlines():
            for sentence in SENTENCE_END.split(line):
                text = _reader_text(sentence)
                if len(text.split()) >= SHORTEST_SENTENCE:
                    sentences.append(text)
    return "\n".join(sentences)


def measure_translation(path: Path, root: Path, language: str) -> SpanishLevel | None:
    page = path.relative_to(root).with_suffix("")
    catalog = root / "locales" / language / "LC_MESSAGES" / page.with_suffix(".po")
    if not catalog.is_file():
        return None
    text = translated_prose(catalog)
    textstat.set_lang(language)
    try:
        score = round(textstat.fernandez_huerta(text), 1) if text else 100.0
        words = textstat.lexicon_count(text)
    finally:
        textstat.set_lang("en")
    return SpanishLevel(page.as_posix() + ".md", words, score)


def main_translation(args: argparse.Namespace) -> int:
    base = args.root.parent if args.root.is_file() else args.root
    found = [
        measure_translation(page, base, args.language) for page in pages(args.root)
    ]
    levels = [level for level in found if level is not None]
    if not levels:
        print(f"no {args.language} catalogs under {base}", file=sys.stderr)
        return 1
    width = max(len(level.page) for level in levels)
    print(f"{'page':<{width}}  words  Fernández-Huerta")
    for level in levels:
        print(f"{level.page:<{width}}  {level.words:>5}  {level.score:>5.1f}")
    scores = [level.score for level in levels]
    print(f"{len(levels)} pages; median score {statistics.median(scores):.1f}")
    too_hard = [lvl for lvl in levels if args.min is not None and lvl.score < args.min]
    for level in too_hard:
        print(f"{level.page}: score {level.score} is below {args.min}", file=sys.stderr)
    return 1 if too_hard else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default="docs", type=Path)
    parser.add_argument("--max", type=float, help="fail if a page is above this grade")
    parser.add_argument(
        "--language", default="en", help="measure this translation (es) instead"
    )
    parser.add_argument(
        "--min", type=float, help="with --language: fail if a page scores below this"
    )
    args = parser.parse_args(argv)
    if args.language != "en":
        return main_translation(args)
    base = args.root.parent if args.root.is_file() else args.root
    levels = [measure(page, base) for page in pages(args.root)]
    width = max(len(level.page) for level in levels)
    print(f"{'page':<{width}}  words  grade")
    for level in levels:
        print(f"{level.page:<{width}}  {level.words:>5}  {level.grade:>5.1f}")
    grades = [level.grade for level in levels]
    print(f"{len(levels)} pages; median grade {statistics.median(grades):.1f}")
    too_hard = [lvl for lvl in levels if args.max is not None and lvl.grade > args.max]
    for level in too_hard:
        print(f"{level.page}: grade {level.grade} is above {args.max}", file=sys.stderr)
    return 1 if too_hard else 0


if __name__ == "__main__":
    sys.exit(main())
