"""Rewrite the pages an edit elsewhere changed, so incremental builds equal clean ones.

Sphinx writes again only the pages it read again. Two kinds of page output
depend on other pages, and go stale in an incremental build:

- a bibliography: a ``:cited:`` list changes when another page starts or stops
  citing a source (sphinxcontrib-bibtex 2.7 reports no page to rewrite), and
  every citation shows its entry's label;
- navigation: every page's sidebar and previous/next links show the whole
  table of contents, which changes when a page is added, removed or renamed.

After reading, each page's dependence on these is summed up in a fingerprint;
a page whose fingerprint differs from the last build's is written again.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING, cast

from medkb import __version__
from medkb._core.state import SiteValue

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: Attribute of the environment holding the last build's fingerprints.
#: What each page's output depended on in the last build.
_fingerprints: SiteValue[dict[str, str]] = SiteValue("output-fingerprints")
NAVIGATION = "\0navigation"


def _digest(parts: Iterable[object]) -> str:
    return hashlib.sha256(repr(sorted(map(repr, parts))).encode()).hexdigest()


def bibliography_fingerprints(env: BuildEnvironment) -> dict[str, str]:
    """What each page shows of the bibliography: its lists and its citations."""
    if "cite" not in env.domains:
        return {}
    domain = cast("BibtexDomain", env.get_domain("cite"))
    parts: dict[str, list[object]] = defaultdict(list)
    shown: dict[str, list[object]] = defaultdict(list)
    # Lists share formatted entries: each one's text is worked out once.
    texts: dict[int, str] = {}
    for citation in domain.citations:
        formatted = citation.formatted_entry
        if id(formatted) not in texts:
            texts[id(formatted)] = str(formatted.text)  # its plain text
        entry = (
            citation.bibliography_key,
            citation.citation_id,
            formatted.label,
            texts[id(formatted)],
        )
        parts[citation.bibliography_key.docname].append(entry)
        shown[citation.key].append(entry)
    # What every list shows of a key, summed up once per key, not once for
    # each citation of it: at 3,000 pages that took a sixth of a rebuild.
    shown_digest: dict[str, str] = {}
    for ref in domain.citation_refs:
        for target in ref.targets:
            if target.key not in shown_digest:
                shown_digest[target.key] = _digest(shown.get(target.key, ()))
            parts[ref.docname].append((target.key, shown_digest[target.key]))
    return {docname: _digest(entries) for docname, entries in parts.items()}


def navigation_fingerprint(env: BuildEnvironment) -> str:
    """The table of contents every page's navigation shows."""
    return _digest(
        [
            *(
                (doc, tuple(env.toctree_includes.get(doc, ())))
                for doc in env.found_docs
            ),
            *((doc, title.astext()) for doc, title in env.titles.items()),
        ]
    )


def pages_to_rewrite(_app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Compare with the last build; return the pages whose output is stale."""
    current = bibliography_fingerprints(env)
    current[NAVIGATION] = navigation_fingerprint(env)
    previous = _fingerprints.set(env, current)
    if previous is None:  # a fresh environment: every page is written anyway
        return []
    if previous.get(NAVIGATION) != current[NAVIGATION]:
        return sorted(env.found_docs)
    changed = {
        doc
        for doc in set(previous) | set(current)
        if previous.get(doc) != current.get(doc) and doc in env.found_docs
    }
    return sorted(changed)


def setup(app: Sphinx) -> ExtensionMetadata:
    _fingerprints.connect(app)
    # After sphinxcontrib-bibtex (500) has worked out every bibliography.
    app.connect("env-updated", pages_to_rewrite, priority=900)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
