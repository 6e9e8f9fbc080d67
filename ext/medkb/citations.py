"""Author-year labels for reference lists, as a pybtex style plugin.

sphinxcontrib-bibtex labels entries with pybtex's numeric or alpha labels
(``[1]``, ``[CHGLRV06]``), which mean nothing to a reader. This registers the
formatting style ``medkb``: pybtex's ``plain`` style with labels such as
``Calandre et al. 2006`` (or an entry's ``shortauthor``, such as ``NICE 2021``),
sorted by those labels; each entry links its DOI and its PubMed record (field
``pmid``), and says in plain words what kind of evidence it is (``x-evidence``:
"Guideline", "Single trial", "Conference abstract, not a full paper" ...).
Select it with
``bibtex_default_style = "medkb"``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from pybtex.plugin import register_plugin
from pybtex.richtext import Tag, Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, href, join, optional, sentence

from medkb import __version__, _upstream
from medkb._bib.evidence import evidence_type, plain_words
from medkb._core.messages import _, use_catalog

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pybtex.database import Entry, Person
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

STYLE_NAME = "medkb"
# The longest author part of a label, in characters.
MAX_NAMES = 40


def _surname(person: Person) -> str:
    # Corporate authors are braced whole names, such as {GBD 2016 Collaborators}.
    return " ".join(str(Text.from_latex(part)) for part in person.last_names)


def _names(entry: Entry) -> str:
    # biblatex's shortauthor gives a group's short name, such as {NICE}.
    if "shortauthor" in entry.fields:
        return str(Text.from_latex(entry.fields["shortauthor"]))
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    if not people:
        fallback = entry.fields.get("organization") or entry.fields.get("publisher")
        return str(Text.from_latex(fallback)) if fallback else entry.key
    # BibTeX's "and others" stands for authors not listed.
    if len(people) == 1 or (len(people) == 2 and str(people[1]) == "others"):
        return _surname(people[0]) + (" et al." if len(people) == 2 else "")
    if len(people) == 2:
        return f"{_surname(people[0])} and {_surname(people[1])}"
    return f"{_surname(people[0])} et al."


def _shortened(names: str) -> str:
    # A label is a handle, not a full name: the text builder cannot even lay
    # out labels wider than its page.
    if len(names) <= MAX_NAMES:
        return names
    return names[: names.rfind(" ", 0, MAX_NAMES)] + " …"


def author_year(entry: Entry) -> str:
    """The label a reader recognises: ``Wolfe et al. 2010``."""
    return f"{_shortened(_names(entry))} {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabelStyle(BaseLabelStyle):  # type: ignore[misc]
    """Author-year labels, with a, b, ... added where two entries would clash."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        labels = [author_year(entry) for entry in sorted_entries]
        total = Counter(labels)
        seen: Counter[str] = Counter()
        for label in labels:
            if total[label] == 1:
                yield label
            else:
                yield label + chr(ord("a") + seen[label])
                seen[label] += 1


class AuthorYearSortingStyle(BaseSortingStyle):  # type: ignore[misc]
    """Sorts entries as a reader scans the list: by their labels, then titles."""

    def sorting_key(self, entry: Entry) -> tuple[str, str]:
        return author_year(entry).casefold(), entry.fields.get("title", "").casefold()


class AuthorYearStyle(PlainStyle):  # type: ignore[misc]
    """pybtex's plain style with author-year labels."""

    default_label_style = f"{STYLE_NAME}-author-year"
    default_sorting_style = f"{STYLE_NAME}-author-year"

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> Any:
        formatted = super().format_entry(label, entry, bib_data)
        # Readers see what kind of evidence each source is; a congress
        # abstract must not pass for a peer-reviewed paper.
        words = plain_words(evidence_type(dict(entry.fields)))
        if words is None:
            return formatted
        kind = Tag("em", _("Type of source: {kind}.").format(kind=words))
        formatted.text = Text(formatted.text, " ", kind)
        return formatted

    def format_web_refs(self, e: Entry) -> Any:
        return sentence[
            optional[self.format_url(e)],
            optional[self.format_doi(e)],
            optional[self.format_pubmed(e)],
        ]

    def format_doi(self, e: Entry) -> Any:
        url = join["https://doi.org/", field("doi", raw=True)]
        return href(url)[join["DOI: ", field("doi", raw=True)]]

    def format_pubmed(self, e: Entry) -> Any:
        # Our entries name the field pmid; plain's template reads "pubmed".
        url = join["https://pubmed.ncbi.nlm.nih.gov/", field("pmid", raw=True), "/"]
        return href(url)[join["PubMed: ", field("pmid", raw=True)]]

    def format_title(self, e: Entry, which_field: str, as_sentence: bool = True) -> Any:
        # Titles as published: plain lowercases them ("The american headache ...").
        title = field(which_field)
        return sentence[title] if as_sentence else title


#: The style's parts, as pybtex's plugin groups name them.
STYLE_PLUGINS = (
    ("pybtex.style.labels", f"{STYLE_NAME}-author-year", AuthorYearLabelStyle),
    ("pybtex.style.sorting", f"{STYLE_NAME}-author-year", AuthorYearSortingStyle),
    ("pybtex.style.formatting", STYLE_NAME, AuthorYearStyle),
)


def register_styles() -> None:
    """Make the style known to pybtex, which sphinxcontrib-bibtex asks by name."""
    if (shortcut := _upstream.load("pybtex_plugins")) is not None:
        shortcut.register(STYLE_PLUGINS)
        shortcut.remember_installed_plugins()
        return
    for group, name, plugin in STYLE_PLUGINS:
        register_plugin(group, name, plugin, force=True)


def setup(app: Sphinx) -> ExtensionMetadata:
    use_catalog(app)
    register_styles()
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
