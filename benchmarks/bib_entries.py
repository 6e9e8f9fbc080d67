"""Synthetic BibTeX entries that pass the project's bibliography checks.

Each key follows ``medkb.bibcheck``'s convention (surname, year, word) and each
entry has a DOI of its own. No two entries share a first author and a year, so
no two get the same author-year label: sphinxcontrib-bibtex warns when one
label stands for two entries anywhere in the site.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

# Surnames are a stem and an ending; stems differ in their first three letters,
# so even three-letter "alpha" labels of single authors stay distinct.
_CONSONANTS = "bcdfghklmnprstvw"
_VOWELS = "aeiou"
_ENDINGS = ("ton", "ley", "well", "son", "field", "ford", "man", "er", "by", "ham")
YEARS = range(1990, 2026)
KEY_WORDS = (
    "pain",
    "sleep",
    "migraine",
    "fatigue",
    "exercise",
    "headache",
    "trial",
    "review",
    "cohort",
    "survey",
)
JOURNALS = (
    "Journal of Pain Research",
    "Headache Medicine",
    "Clinical Rheumatology Reports",
    "Sleep and Health",
    "Pain Practice Today",
    "Journal of Chronic Illness",
    "Family Medicine Review",
    "Neurology in Practice",
    "Public Health Notes",
    "Rehabilitation Science",
)
TITLE_WORDS = (
    "pain",
    "sleep",
    "quality",
    "of",
    "life",
    "in",
    "adults",
    "with",
    "chronic",
    "migraine",
    "fibromyalgia",
    "a",
    "randomised",
    "trial",
    "cohort",
    "study",
    "and",
    "exercise",
    "treatment",
    "outcomes",
    "women",
    "men",
    "primary",
    "care",
)


@dataclass(frozen=True)
class BibEntry:
    """One ``@article`` entry of the synthetic ``refs.bib``."""

    key: str
    authors: tuple[str, ...]
    title: str
    journal: str
    year: int
    volume: int
    first_page: int
    last_page: int
    doi: str

    def to_bibtex(self) -> str:
        return (
            f"@article{{{self.key},\n"
            f"  author  = {{{' and '.join(self.authors)}}},\n"
            f"  title   = {{{self.title}}},\n"
            f"  journal = {{{self.journal}}},\n"
            f"  year    = {{{self.year}}},\n"
            f"  volume  = {{{self.volume}}},\n"
            f"  pages   = {{{self.first_page}--{self.last_page}}},\n"
            f"  doi     = {{{self.doi}}},\n"
            "  x-evidence = {trial}\n"
            "}\n"
        )


def surnames() -> list[str]:
    """Every synthetic surname, each with a stem (first three letters) of its own."""
    stems = (
        f"{first.upper()}{vowel}{last}"
        for first, vowel, last in itertools.product(_CONSONANTS, _VOWELS, _CONSONANTS)
    )
    return [stem + _ENDINGS[n % len(_ENDINGS)] for n, stem in enumerate(stems)]


def make_entries(rng: random.Random, count: int) -> list[BibEntry]:
    """*count* entries with distinct keys, DOIs and first-author-and-year pairs."""
    names = surnames()
    pairs = list(itertools.product(range(len(names)), YEARS))
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} entries have distinct labels")
    entries = []
    for number, (name, year) in enumerate(rng.sample(pairs, count), start=1):
        first = names[name]
        coauthors = rng.sample(names, rng.randint(0, 5))
        authors = tuple(
            f"{surname}, {rng.choice(_CONSONANTS).upper()}."
            for surname in (first, *coauthors)
        )
        words = rng.sample(TITLE_WORDS, rng.randint(6, 12))
        title = " ".join(words)
        first_page = rng.randint(1, 900)
        entries.append(
            BibEntry(
                key=f"{first.lower()}{year}{rng.choice(KEY_WORDS)}{number}",
                authors=authors,
                title=title[0].upper() + title[1:],
                journal=rng.choice(JOURNALS),
                year=year,
                volume=rng.randint(1, 60),
                first_page=first_page,
                last_page=first_page + rng.randint(3, 15),
                doi=f"10.5555/kb.{number:06d}",
            )
        )
    return entries


def render_bibfile(entries: list[BibEntry]) -> str:
    header = "% Synthetic sources for benchmark builds; every page cites some.\n\n"
    return header + "\n".join(entry.to_bibtex() for entry in entries)
