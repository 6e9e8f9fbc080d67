"""The warning a reader must not miss, beside the first mention of a medicine.

A medicine entry (``medkb.medicines``) may hold a ``key-warning`` field: the
one warning that must reach every reader who meets the medicine's name, such
as "valproate must not be used to prevent migraine in pregnancy". Every page
whose first mention of that medicine is a ``{medicine}`` link then shows the
warning in a box right after the paragraph, list or table holding the link,
with its citations and a link to the entry's full safety information.

The warning's text is parsed on each page that shows it, so its citations
are the page's own and appear in the page's reference list, as every claim a
page shows must. Changing the warning re-reads the pages that mention the
entry (``medkb.medicines.refresh_registry``), so an incremental build shows
the new words everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.frontend import get_default_settings
from myst_parser.parsers.sphinx_ import MystParser
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import LoggingReporter, sphinx_domains

from medkb import __version__
from medkb._core.messages import _, use_catalog
from medkb._core.translation import (
    keep_out_of_page_catalogs,
    mark,
    page_domain,
    translate_text,
    translating,
)
from medkb.medicines import Medicine, registry, shown_name

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

WARNING_CLASS = "medkb-medicine-warning"
#: Block-level parents a warning is placed after, rather than inside.
CONTAINERS = (nodes.section, nodes.document)


class ShowKeyWarnings(SphinxTransform):
    """After the block holding each first ``{medicine}`` link, its key warning."""

    # Before the domains collect the page's citations (SphinxDomains, 850),
    # so the warning's sources join the page's own.
    default_priority = 720

    def apply(self, **_kwargs: Any) -> None:
        env = self.env
        reg = registry(env)
        seen: set[str] = set()
        for xref in list(self.document.findall(addnodes.pending_xref)):
            docname = xref.get("medkb_medicine")
            if not docname or docname in seen or docname == env.docname:
                continue
            seen.add(docname)
            medicine = reg.medicines.get(docname)
            if medicine is None or not medicine.key_warning:
                continue
            block = _block_holding(xref)
            parent = block.parent
            if parent is None:
                continue
            box = warning_box(env, medicine)
            box.source, box.line = block.source, block.line
            parent.insert(parent.index(block) + 1, box)


def _block_holding(node: nodes.Node) -> nodes.Element:
    """The outermost block under the section that holds *node*."""
    block = node
    while block.parent is not None and not isinstance(block.parent, CONTAINERS):
        block = block.parent
    return block  # type: ignore[return-value]


def warning_box(env: BuildEnvironment, medicine: Medicine) -> nodes.admonition:
    box = nodes.admonition(classes=["warning", WARNING_CLASS])
    name = shown_name(env, medicine.docname, medicine.name)
    box += nodes.title(text=_("Important: {name}").format(name=name))
    box.extend(_parse(env, medicine))
    more = nodes.paragraph(classes=["medkb-medicine-warning-more"])
    before, _link, after = _("Read the full {link}.").partition("{link}")
    more += nodes.Text(before)
    more += addnodes.pending_xref(
        "",
        nodes.inline(text=_("safety information for {name}").format(name=name)),
        refdomain="std",
        reftype="doc",
        reftarget=f"/{medicine.docname}",
        refexplicit=True,
        refdoc=env.docname,
    )
    more += nodes.Text(after)
    box += more
    return box


def _parse(env: BuildEnvironment, medicine: Medicine) -> list[nodes.Node]:
    """The warning's Markdown as nodes of the page being read.

    The page's own name stays current while parsing, so each citation counts
    as the page's; the source is the entry, where any problem in it lies.
    """
    source = str(Path(env.doc2path(medicine.docname)))
    settings = get_default_settings(MystParser)
    settings.env = env
    document = nodes.document(settings, LoggingReporter(source), source=source)
    document.note_source(source, -1)
    # The entry's own catalog translates it: the warning is a message there,
    # in the entry's safety box, so it is translated once for every page.
    warning = translate_text(
        env, page_domain(env.config, medicine.docname), medicine.key_warning
    )
    try:
        with sphinx_domains(env):
            MystParser().parse(warning.text, document)
    finally:
        # The nodes outlive the parse: keep them from holding the environment.
        settings.env = None
    keep_out_of_page_catalogs(document)
    if translating(env.config):
        mark(document, warning.complete)
    return list(document.children)


def setup(app: Sphinx) -> ExtensionMetadata:
    use_catalog(app)
    app.setup_extension("medkb.medicines")
    app.add_transform(ShowKeyWarnings)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
