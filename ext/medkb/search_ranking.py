"""Site search that answers questions as patients ask them.

Sphinx's search needs every word spelt as the pages spell it, finds nothing
when one word of a question is on no page, and ranks a word in any heading as
high as one in the page's title. On the search page, ``static/medkb-search.js``
answers instead, from Sphinx's own index and a small file this module writes
for each build (``_static/medkb-search-data-HASH.js``):

- the words the pages use (``medkb.search_words``), to match a misspelt word to
  the nearest of them, accents aside, and say so;
- the synonyms (``medkb.search_synonyms``), to find "pain medicine" for
  "painkillers" as well as "painkillers";
- each page's front matter description, which ranks below the title and above
  the headings;
- the messages it shows, through medkb's message catalog.

A page whose title holds every word comes first (the page that names the most
of its title first, then a section's own page), then one whose description
does, then its headings, then its text. When no page holds every word, the
pages holding the most of them are listed, and the results say so. Sphinx's
stop words never count. The boxes with the ``no-search`` class (disclaimer,
review) are in neither index. ``/`` moves to the site's search box on every
page, before Read the Docs' search can take the key (``static/medkb-search-key.js``).

``static/search-scorer.js`` stays Sphinx's scorer: it keeps title-first
ranking wherever the new script does not run.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from medkb import __version__
from medkb._core.messages import N_, _, use_catalog
from medkb._core.state import BuildCache
from medkb._core.static import add_static_folder, writes_web_pages
from medkb.search_synonyms import site_synonyms
from medkb.search_words import reference_lists, site_words, words_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata


#: The name of this build's data file, once written.
_data_files: BuildCache[BuildEnvironment, str] = BuildCache()

SCORER = Path(__file__).parent / "static" / "search-scorer.js"
SCRIPT = "medkb-search.js"
KEY_SCRIPT = "medkb-search-key.js"
DATA_STEM = "medkb-search-data"

#: What the search page tells a reader, by the English text medkb-search.js uses.
MESSAGES = (
    N_("Showing results for {words}."),
    N_("Search instead for {words}"),
    N_("Also searching for: {words}."),
    N_("No page holds all of these words; the pages below hold the most of them."),
    N_("The first {count} pages hold all of these words; the others hold all but one."),
)


def use_scorer(_app: Sphinx, config: Config) -> None:
    # A project's own scorer wins.
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def searches(builder: Builder) -> bool:
    """Whether *builder* writes a search page (not singlehtml, EPUB or others)."""
    return writes_web_pages(builder) and bool(getattr(builder, "search", False))


def add_scripts(app: Sphinx) -> None:
    if not searches(app.builder):
        return
    add_static_folder(app)
    app.add_js_file(KEY_SCRIPT, loading_method="defer")


def search_data(app: Sphinx) -> str:
    """The words, descriptions, synonyms and messages of this build, as a script."""
    env = app.env
    synonyms = site_synonyms(app, env)
    # Words a reader may misspell: the pages' own, and the single words a
    # synonym leads from, such as "tylenol".
    words = set(site_words(env))
    words.update(word for word in synonyms if " " not in word and len(word) >= 4)
    descriptions = {}
    for docname in sorted(env.found_docs):
        description = str(env.metadata.get(docname, {}).get("description", ""))
        if description:
            descriptions[docname] = " ".join(sorted(words_of(description)))
    data = {
        "words": sorted(words),
        "descriptions": descriptions,
        "lists": reference_lists(env),
        "synonyms": synonyms,
        "messages": {message: str(_(message)) for message in MESSAGES},
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.medkbSearchData = {text};\n"


def write_search_data(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    """Write the data before Sphinx writes the search page (html-collect-pages
    comes first), under a name made from its content.

    Sphinx adds ``?v=`` with a hash of a script to its address, but keeps that
    hash for as long as its process runs: a second build in one process (tests,
    sphinx-autobuild) would link new data with the old hash, and a browser could
    keep the old data. A name of its own for each content cannot go stale.
    """
    if searches(app.builder):
        text = search_data(app)
        name = f"{DATA_STEM}-{zlib.crc32(text.encode('utf-8')):08x}.js"
        static = Path(app.builder.outdir, "_static")
        static.mkdir(parents=True, exist_ok=True)
        for old in static.glob(f"{DATA_STEM}-*.js"):
            if old.name != name:
                old.unlink()
        path = static / name
        if not path.is_file():
            path.write_text(text, encoding="utf-8")
        _data_files[app.env] = name
    return []


def link_search_page_scripts(
    app: Sphinx,
    pagename: str,
    _templatename: str,
    _context: dict[str, object],
    _doctree: object,
) -> None:
    if pagename == "search" and app.env in _data_files:
        # Deferred scripts run in order, after searchtools.js and the index.
        app.add_js_file(_data_files[app.env], loading_method="defer")
        app.add_js_file(SCRIPT, loading_method="defer")


def setup(app: Sphinx) -> ExtensionMetadata:
    use_catalog(app)
    app.setup_extension("medkb.search_scope")
    app.setup_extension("medkb.search_words")
    app.setup_extension("medkb.search_synonyms")
    app.connect("config-inited", use_scorer)
    app.connect("builder-inited", add_scripts)
    app.connect("html-collect-pages", write_search_data)
    app.connect("html-page-context", link_search_page_scripts)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
