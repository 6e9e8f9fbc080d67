"""Every warning and error subtype medkb reports, with what it means and how to fix it.

Each message medkb prints ends with ``[medkb.SUBTYPE]``; ``suppress_warnings
= ["medkb.SUBTYPE"]`` in conf.py silences one (errors still fail the build).
The reference page of the options and subtypes is generated from ``EXPLAINED``
(``{medkb-reference}``), and a test fails if a subtype is missing from it.
"""

from __future__ import annotations

from enum import StrEnum


class Subtype(StrEnum):
    """The part after ``medkb.`` in a message's ``[medkb.SUBTYPE]``."""

    CONFIG = "config"
    ERRORS = "errors"
    BIB_SYNTAX = "bib-syntax"
    BIB_DUPLICATE = "bib-duplicate"
    BIB_KEY = "bib-key"
    BIB_IDENTIFIER = "bib-identifier"
    BIB_URL = "bib-url"
    BIB_EVIDENCE = "bib-evidence"
    BIB_CURRENCY = "bib-currency"
    BIB_SUPERSEDED = "bib-superseded"
    BIB_UNUSED = "bib-unused"
    BIB_UNKNOWN_KEY = "bib-unknown-key"
    SOURCE_SUPERSEDED = "source-superseded"
    SOURCE_CURRENCY_OVERDUE = "source-currency-overdue"
    DISCLAIMER_SNIPPET = "disclaimer-snippet"
    DISCLAIMER_FRONTMATTER = "disclaimer-frontmatter"
    DISCLAIMER_OPTOUT = "disclaimer-optout"
    DISCLAIMER_MISSING = "disclaimer-missing"
    DISCLAIMER_DUPLICATE = "disclaimer-duplicate"
    FRONT_MATTER = "front-matter"
    REVIEW_DATE = "review-date"
    REVIEW_OVERDUE = "review-overdue"
    REVIEWERS = "reviewers"
    CORRECTIONS = "corrections"
    MEDICINE_ENTRY = "medicine-entry"
    MEDICINE_UNKNOWN = "medicine-unknown"
    MEDICINE_UNLINKED = "medicine-unlinked"
    WARNING_SIGNS = "warning-signs"
    WARNING_SIGNS_MISSING = "warning-signs-missing"
    UNCITED_NUMBER = "uncited-number"
    UNREACHABLE = "unreachable"
    MOVED_PAGE = "moved-page"
    STRUCTURED_DATA = "structured-data"
    SEARCH_SYNONYMS = "search-synonyms"
    TRANSLATION = "translation"
    RAW_HTML = "raw-html"
    RAW_DIRECTIVE = "raw-directive"
    SCRIPT = "script"
    IFRAME = "iframe"
    UNSAFE_LINK = "unsafe-link"
    IMAGE_ALT = "image-alt"
    FILE_OUTSIDE_REPOSITORY = "file-outside-repository"
    FETCH_URL = "fetch-url"


#: What each subtype means, and how to fix it: (meaning, fix).
EXPLAINED: dict[Subtype, tuple[str, str]] = {
    Subtype.CONFIG: (
        "A ``medkb_*`` option in conf.py has a value that is not allowed; the "
        "build stops before any page is read.",
        "Set the option to what the message says is allowed (see the options "
        "table above).",
    ),
    Subtype.ERRORS: (
        "The last line of a build that found errors: how many there were.",
        "Fix the errors listed above it; the build exits with status 1 until then.",
    ),
    Subtype.BIB_SYNTAX: (
        "A bib file cannot be read or parsed (an unbalanced brace, a missing "
        "comma); the build stops.",
        "Fix the entry at the line named, as the message says.",
    ),
    Subtype.BIB_DUPLICATE: (
        "Two entries share a key, or a DOI.",
        "Keep one entry and cite its key everywhere.",
    ),
    Subtype.BIB_KEY: (
        "An entry's key does not follow the convention: the first author's "
        "surname in lowercase, a 4-digit year and a lowercase word.",
        "Rename the key (and its citations), for example ``calandre2006trigger``.",
    ),
    Subtype.BIB_IDENTIFIER: (
        "An entry has no ``doi``, ``pmid`` or ``url`` field (books and "
        "congress abstracts need none).",
        "Add the DOI, PMID or address you saw in the public record.",
    ),
    Subtype.BIB_URL: (
        "An entry's ``url`` is not an http(s) address.",
        "Use the https address of the record.",
    ),
    Subtype.BIB_EVIDENCE: (
        "An entry's ``x-evidence`` is missing or not a known evidence type.",
        "Set ``x-evidence`` to one of the types the message lists.",
    ),
    Subtype.BIB_CURRENCY: (
        "A guideline or label lacks ``x-current-checked``, or its date is malformed.",
        "Add ``x-current-checked = {YYYY-MM-DD}``: the day you confirmed it is "
        "the current version.",
    ),
    Subtype.BIB_SUPERSEDED: (
        "``x-superseded-by`` names no entry of the bib files.",
        "Name the key of the newer entry, or add that entry.",
    ),
    Subtype.BIB_UNUSED: (
        "An entry no page cites.",
        "Cite it where it supports a claim, or remove it.",
    ),
    Subtype.BIB_UNKNOWN_KEY: (
        "A page cites a key the bib file does not hold.",
        "Fix the key's spelling, or add the entry.",
    ),
    Subtype.SOURCE_SUPERSEDED: (
        "A page cites a source that a newer one replaces, without the newer one.",
        "Cite the newer source (``x-superseded-by``) beside or instead of it.",
    ),
    Subtype.SOURCE_CURRENCY_OVERDUE: (
        "A guideline or label was last confirmed current over 12 months ago "
        "(a warning in builds, an error in ``tox -e audit``).",
        "Check for a newer version; update the entry and ``x-current-checked``.",
    ),
    Subtype.DISCLAIMER_SNIPPET: (
        "The disclaimer snippet file is missing, empty or not one paragraph; "
        "the build stops.",
        "Fix the snippet at the line named.",
    ),
    Subtype.DISCLAIMER_FRONTMATTER: (
        "A page's ``disclaimer`` front-matter key has a value that is not allowed.",
        "Remove the key, or use one of the values the message lists.",
    ),
    Subtype.DISCLAIMER_OPTOUT: (
        "A page turns the disclaimer off but is not in ``medkb_disclaimer_optout``.",
        "Remove the opt-out; only the pages conf.py lists may leave it out.",
    ),
    Subtype.DISCLAIMER_MISSING: (
        "A written page has no medical disclaimer: something removed it after "
        "medkb added it.",
        "Check the extensions in conf.py.",
    ),
    Subtype.DISCLAIMER_DUPLICATE: (
        "A written page shows the disclaimer more than once.",
        "Remove the hand-written copy; medkb adds the box.",
    ),
    Subtype.FRONT_MATTER: (
        "A front-matter value that is not a date, so none of the page's front "
        "matter was used.",
        "Write the date as YYYY-MM-DD, for example 2026-11-28.",
    ),
    Subtype.REVIEW_DATE: (
        "A page's review fields (``reviewed``, ``next-review``, "
        "``review-status``, ``reviewed-by``) are missing, malformed or "
        "inconsistent, or name an unregistered reviewer.",
        "Add or fix the field as the message says; without a registered "
        "reviewer use ``review-status: sources-checked``.",
    ),
    Subtype.REVIEW_OVERDUE: (
        "A page is past its ``next-review`` date (an error in ``tox -e audit``).",
        "Review the page, then move ``reviewed`` and ``next-review`` on.",
    ),
    Subtype.REVIEWERS: (
        "The reviewer registry file has a missing or unknown field.",
        "Fix the entry at the line named.",
    ),
    Subtype.CORRECTIONS: (
        "The corrections file has a missing field, a bad or future date, an "
        "unknown page or an unknown field; the build stops.",
        "Fix the correction at the line named.",
    ),
    Subtype.MEDICINE_ENTRY: (
        "A medicine entry lacks a required safety field, a field's citation, "
        "or its safety box.",
        "Add the field with a citation, as the message says.",
    ),
    Subtype.MEDICINE_UNKNOWN: (
        "``{medicine}`` names no medicine entry.",
        "Use a name or alias of an entry in ``docs/medicines/``, or add one.",
    ),
    Subtype.MEDICINE_UNLINKED: (
        "The first mention of a medicine on a page is plain text.",
        "Write it as ``{medicine}`NAME``` there.",
    ),
    Subtype.WARNING_SIGNS: (
        "The warning-signs file has a bad sign, or a page asks for a list it "
        "does not hold.",
        "Fix the sign at the line named, or use a list the file defines.",
    ),
    Subtype.WARNING_SIGNS_MISSING: (
        "A page that must show the warning signs does not.",
        "Add a 'When to get medical help' section holding ``{warning-signs}``.",
    ),
    Subtype.UNCITED_NUMBER: (
        "A sentence states a number or percentage without a citation.",
        "Cite its source in the same sentence, or mark a non-medical number "
        "with ``{not-a-claim}``.",
    ),
    Subtype.UNREACHABLE: (
        "A page no toctree lists, so readers cannot reach it from the navigation.",
        "Add it to the toctree of its section's index page.",
    ),
    Subtype.MOVED_PAGE: (
        "A page the last release published (``medkb_published_pages_file``) is "
        "gone with no redirect; or a redirect leads to no page, or starts at a "
        "page that still exists; or the list of published pages cannot be read.",
        'Add ``"old/name": "../new/name.html"`` to ``redirects`` in conf.py '
        "(relative to the old page's folder), fix the redirect, or remove the "
        "line of a page never meant to stay.",
    ),
    Subtype.STRUCTURED_DATA: (
        "A page's ``about`` front-matter key, the condition its structured "
        "data names, is empty or not plain words.",
        "Write the condition in plain words, several separated by ';', such as "
        "``about: Fibromyalgia; Migraine``, or remove the line.",
    ),
    Subtype.SEARCH_SYNONYMS: (
        "A line of the search synonym list (``medkb_search_synonyms_file``) is "
        "malformed, repeats a word listed above it, or leads to words no page "
        "uses, so searching for it would find nothing.",
        "Write what readers type, ``=``, then the words the pages use, separated "
        "by commas, under a language line such as ``[en]``; name each word once.",
    ),
    Subtype.TRANSLATION: (
        "The record of translations (``medkb_translations_file``) is malformed, "
        "lacks a translated page, names a page the site does not have, a review "
        "later than the English page's or an unregistered reviewer; or, in a "
        "strict audit, a translation is partial or behind the English review.",
        "Give each page its ``english-review`` and ``checked`` dates (YYYY-MM-DD) "
        "under its language; run ``python3 -m tox -e translations`` and "
        "translate the empty and fuzzy messages of the page's catalog.",
    ),
    Subtype.RAW_HTML: (
        "A page holds raw HTML other than a comment.",
        "Write it in Markdown or with a directive.",
    ),
    Subtype.RAW_DIRECTIVE: (
        "A page uses the ``raw`` directive.",
        "Write it in Markdown or with a directive.",
    ),
    Subtype.SCRIPT: (
        "A page or bib entry holds a ``<script>`` element.",
        "Remove it: pages carry no scripts of their own.",
    ),
    Subtype.IFRAME: (
        "A page or bib entry holds an ``<iframe>``, which would show another "
        "site inside this one.",
        "Link to the other page instead.",
    ),
    Subtype.UNSAFE_LINK: (
        "A link uses a scheme that runs code or hides content (``javascript:``, "
        "``vbscript:``, ``data:``), including a Markdown link that markdown-it "
        "refused and left as plain text, and the ``url`` of a cited bib entry.",
        "Link to an https address or a page of the site.",
    ),
    Subtype.IMAGE_ALT: (
        "An image has no alt text, so a reader who cannot see it learns nothing.",
        "Say what it shows: ``![what it shows](file.png)``, or ``:alt:`` in the "
        "image or figure directive.",
    ),
    Subtype.FILE_OUTSIDE_REPOSITORY: (
        "An include, literalinclude, csv-table, raw file, image or download "
        "link names a file outside the repository (or in its ``.git`` folder, "
        "or through a symbolic link leading out), which would publish a file "
        "of the build machine.",
        "Add the file to the repository and name it from the page, or from the "
        "source folder with a leading ``/``; ``medkb_repository_root`` sets "
        "where the repository ends.",
    ),
    Subtype.FETCH_URL: (
        "A csv-table or raw directive has a ``:url:`` option, which makes the "
        "build machine fetch an address that may be one only it can reach.",
        "Add the file to the repository and name it with ``:file:``.",
    ),
}
