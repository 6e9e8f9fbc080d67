"""The build's shortcuts change nothing in what it writes, and pages stay small.

``medkb.sidebar_cache`` renders furo's sidebar from one template per build and
``medkb.indexed_citations`` looks citations up by key. Each case builds the
same sources with both on and with both off (furo and sphinxcontrib-bibtex
doing their own work) and compares every file written, byte for byte.
"""

from __future__ import annotations

import pickle
from collections import deque
from typing import TYPE_CHECKING

import pytest
from sphinx.environment import BuildEnvironment
from sphinx.testing.util import SphinxTestApp

from medkb._upstream.bibtex_domain import IndexedBibtexDomain
from medkb._upstream.citation_ids import CitationIds
from medkb.citations import AuthorYearStyle

if TYPE_CHECKING:
    from pathlib import Path

FALLBACK = "furo computes each sidebar itself"


def build(
    src: Path,
    out: Path,
    builder: str,
    *,
    fast: bool,
    parallel: int = 0,
    fresh: bool = True,
    extensions: list[str] | None = None,
) -> Path:
    overrides: dict[str, object] = {
        "medkb_navigation": fast,
        "medkb_indexed_citations": fast,
    }
    if extensions is not None:
        overrides["extensions"] = extensions
    app = SphinxTestApp(
        builder,
        srcdir=src,
        builddir=out,
        freshenv=fresh,
        confoverrides=overrides,
        parallel=parallel,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0
    if fast:
        # Had the template failed, furo would have drawn every sidebar itself
        # and the comparison would prove nothing.
        assert FALLBACK not in app.status.getvalue()
        if "cite" in app.env.domains:
            assert isinstance(app.env.domains["cite"], IndexedBibtexDomain)
    return app.outdir


def written(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def assert_same_site(fast: Path, slow: Path) -> None:
    fast_files, slow_files = written(fast), written(slow)
    assert sorted(fast_files) == sorted(slow_files)
    differ = [name for name in slow_files if fast_files[name] != slow_files[name]]
    assert differ == []


@pytest.mark.parametrize(
    ("builder", "parallel"), [("html", 0), ("dirhtml", 0), ("html", 2)]
)
def test_captions_hidden_lists_external_links_and_depth_match_furo(
    copy_root, tmp_path, builder, parallel
):
    src = copy_root("navigation")
    fast = build(src, tmp_path / "fast", builder, fast=True, parallel=parallel)
    slow = build(src, tmp_path / "slow", builder, fast=False, parallel=parallel)
    assert_same_site(fast, slow)
    # What the root is made of: a page listed twice, two captions, a link
    # out, three levels.
    page = (
        fast / ("intro.html" if builder == "html" else "intro/index.html")
    ).read_text()
    assert page.count('class="current reference internal"') == 2
    assert page.count('class="caption-text"') == 2
    assert 'href="https://example.org/"' in page
    assert "toctree-l3" in page


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "-j 2"])
@pytest.mark.parametrize("root", ["incremental", "bibliography-lists"])
def test_citations_looked_up_by_key_match_sphinxcontrib_bibtex(
    copy_root, tmp_path, root, parallel
):
    # incremental: per-page reference lists, a :cited: list and citations of
    # one source from several pages. bibliography-lists: the usual filters,
    # answered from the citations, and others, answered by
    # sphinxcontrib-bibtex's visitor; keys listed by hand, key and label
    # prefixes, enumerated and bullet lists, :all: and :notcited:.
    src = copy_root(root)
    fast = build(src, tmp_path / "fast", "html", fast=True, parallel=parallel)
    slow = build(src, tmp_path / "slow", "html", fast=False, parallel=parallel)
    assert_same_site(fast, slow)


# The real site with every shortcut against the stock path: one build in
# tests/test_upstream_gate.py, where every shortcut steps aside.


def holds_environment(doctree: object) -> bool:
    """Whether anything reachable from a pickled doctree is the environment."""
    seen, queue = {id(doctree)}, deque([doctree])
    while queue:
        item = queue.popleft()
        if isinstance(item, BuildEnvironment):
            return True
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, (list, tuple, set)):
            children = list(item)
        else:
            children = list(getattr(item, "__dict__", {}).values())
        for child in children:
            if id(child) not in seen and not isinstance(
                child, (str, bytes, int, float)
            ):
                seen.add(id(child))
                queue.append(child)
    return False


@pytest.mark.sphinx("html", testroot="disclaimer-basic")
def test_a_page_s_cached_doctree_does_not_carry_the_environment(app):
    # The disclaimer box is copied from the parsed snippet; copies kept the
    # snippet's document, and with it the whole environment, in every page's
    # cached doctree (1 MB a page on a 300-page site).
    app.build()
    doctrees = sorted(app.doctreedir.rglob("*.doctree"))
    assert doctrees
    for path in doctrees:
        with path.open("rb") as cached:
            assert not holds_environment(pickle.load(cached)), path.name


def test_an_unchanged_rebuild_formats_no_entry_again(copy_root, tmp_path, monkeypatch):
    # sphinxcontrib-bibtex formats every entry of every list on every build,
    # whatever changed: most of a one-page rebuild of a large site.
    src = copy_root("incremental")
    out = tmp_path / "build"
    build(src, out, "html", fast=True)
    formatted: list[str] = []
    format_entry = AuthorYearStyle.format_entry

    def counting(self, label, entry, *args, **kwargs):
        formatted.append(entry.key)
        return format_entry(self, label, entry, *args, **kwargs)

    monkeypatch.setattr(AuthorYearStyle, "format_entry", counting)
    (src / "alpha.md").write_text(
        (src / "alpha.md").read_text() + "\nA new sentence.\n"
    )
    build(src, out, "html", fast=True, fresh=False)
    assert formatted == []
    # A changed bib file is read again, and its entries formatted again.
    bib = src / "refs.bib"
    bib.write_text(bib.read_text().replace("{Migraine}", "{Migraine in adults}"))
    html = build(src, out, "html", fast=True, fresh=False)
    assert "one2001migraine" in formatted
    assert "Migraine in adults" in (html / "alpha.html").read_text()


def test_the_environment_keeps_placeholder_ids_not_nodes(copy_root, tmp_path):
    # An empty node per entry per list, 300,000 at 300 pages and 1,000
    # sources, made the environment 35 MB, read and written on every build.
    src = copy_root("bibliography-lists")
    out = build(src, tmp_path / "build", "html", fast=True)
    with (out.parent / "doctrees" / "environment.pickle").open("rb") as stored:
        env = pickle.load(stored)
    bibliographies = env.domaindata["cite"]["bibliographies"]
    assert len(bibliographies) == 7
    for bibliography in bibliographies.values():
        assert isinstance(bibliography.citation_nodes, CitationIds)
        assert len(bibliography.citation_nodes) == 6
    # Nodes made again from the ids are filled as before.
    assert "Sleep and pain" in (out / "own.html").read_text()  # listed by hand
    assert "BTwo" in (out / "prefixed.html").read_text()
    assert (out / "everything.html").read_text().count("10.1000/") >= 6


def retitle(src: Path) -> None:
    page = src / "guides" / "pacing.md"
    page.write_text(page.read_text().replace("# Pacing", "# Pacing your day", 1))


def list_a_new_page(src: Path) -> None:
    (src / "news" / "autumn.md").write_text("# Autumn\n\nText.\n")
    index = src / "news" / "index.md"
    index.write_text(index.read_text().replace("spring\n", "spring\nautumn\n"))


def edit_text(src: Path) -> None:
    intro = src / "intro.md"
    intro.write_text(intro.read_text() + "\nMore text, and no new heading.\n")


@pytest.mark.parametrize(
    ("edit", "templates_made"),
    [(retitle, 1), (list_a_new_page, 1), (edit_text, 0)],
    ids=["retitle a page", "list a new page", "edit a page's text"],
)
def test_a_kept_sidebar_template_is_remade_only_when_the_navigation_changes(
    copy_root, tmp_path, monkeypatch, edit, templates_made
):
    # The template is kept between builds with a fingerprint of every page's
    # title and table of contents: an edit that changes the navigation makes
    # it again, any other reuses it, and each rebuild writes what furo would
    # (with medkb.exact_rebuilds, which writes every page again when the
    # navigation changes; Sphinx alone would leave other pages' sidebars stale).
    from medkb._upstream import furo_sidebar

    src = copy_root("navigation")
    out = tmp_path / "fast"
    extensions = ["myst_parser", "medkb.sidebar_cache", "medkb.exact_rebuilds"]
    build(src, out, "html", fast=True, extensions=extensions)
    made: list[str] = []
    make_template = furo_sidebar.make_template

    def counting(builder):
        made.append(builder.name)
        return make_template(builder)

    monkeypatch.setattr(furo_sidebar, "make_template", counting)
    edit(src)
    html = build(src, out, "html", fast=True, fresh=False, extensions=extensions)
    assert len(made) == templates_made
    assert (out / "doctrees" / furo_sidebar.KEPT_TEMPLATE).is_file()
    slow = build(src, tmp_path / "slow", "html", fast=False, extensions=extensions)
    assert_same_site(html, slow)


def test_a_build_leaves_the_cycle_collector_as_it_found_it(copy_root, tmp_path):
    # medkb.quick_load pauses the collector while the saved environment loads
    # and hides what it loaded from it until the build ends: afterwards the
    # collector runs, and sees every object again, in a process that builds on.
    import gc

    src = copy_root("incremental")
    extensions = ["myst_parser", "sphinxcontrib.bibtex", "medkb.citations"]
    extensions.append("medkb.indexed_citations")
    extensions.append("medkb.quick_load")
    build(src, tmp_path / "out", "html", fast=True, extensions=extensions)
    (src / "alpha.md").write_text((src / "alpha.md").read_text() + "\nMore.\n")
    build(src, tmp_path / "out", "html", fast=True, fresh=False, extensions=extensions)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_clean_build_parses_the_bib_file_once(copy_root, tmp_path):
    # medkb.bibcheck reads the file with pybtex's parser before
    # sphinxcontrib-bibtex would parse it again: the check hands on its
    # parse, and the site is the same as when upstream parses it itself
    # (test_citations_looked_up_by_key_match_sphinxcontrib_bibtex).
    src = copy_root("bibcheck-clean")
    extensions = [*_extensions_of(src), "medkb.citations", "medkb.indexed_citations"]
    app = SphinxTestApp(
        "html",
        srcdir=src,
        builddir=tmp_path / "out",
        freshenv=True,
        confoverrides={"extensions": extensions},
    )
    try:
        app.build()
    finally:
        app.cleanup()
    log = app.status.getvalue()
    assert "checking bibtex cache... up to date" in log
    assert "parsing bibtex file" not in log
    shared = build(src, tmp_path / "shared", "html", fast=True, extensions=extensions)
    parsed = build(src, tmp_path / "parsed", "html", fast=False, extensions=extensions)
    assert_same_site(shared, parsed)


def _extensions_of(src: Path) -> list[str]:
    namespace: dict[str, object] = {}
    exec((src / "conf.py").read_text(), namespace)
    return [str(name) for name in namespace["extensions"]]  # type: ignore[attr-defined]
