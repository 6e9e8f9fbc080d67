"""Every page can be reached from the site's navigation.

Sphinx builds a page that no toctree lists, and only warns; readers then find
it through search at best. Here it is an error that says where to list it,
checked on every build, since adding the page to a toctree elsewhere fixes it.
A page meant to be reached only through links says ``orphan: true``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from medkb import __version__
from medkb._core.problems import WARNING_TYPE, report_build_errors
from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)


def check_every_page_is_listed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    listed = {app.config.root_doc}
    for children in env.toctree_includes.values():
        listed.update(children)
    unlisted = [
        docname
        for docname in sorted(env.found_docs - listed)
        if "orphan" not in env.metadata.get(docname, {})
    ]
    for docname in unlisted:
        # A section's own index page belongs in the section above it.
        section = docname.removesuffix("/index").rpartition("/")[0]
        index = f"{section}/index.md" if section else f"{app.config.root_doc}.md"
        logger.error(
            "page %r is in no toctree, so readers cannot reach it from the "
            "navigation; add '%s' to the toctree in %s.",
            docname,
            docname.removeprefix(f"{section}/") if section else docname,
            index,
            location=(docname, 1),
            type=WARNING_TYPE,
            subtype=Subtype.UNREACHABLE,
        )
    report_build_errors(env, "unreachable", len(unlisted))
    return []


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("medkb._core.problems")
    app.connect("env-updated", check_every_page_is_listed)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
