"""myst-parser's include, run by ``medkb.file_access`` once it has checked the path.

myst-parser reads ``{include}`` itself (``MockIncludeDirective``), so a
directive that replaces ``include`` must hand Markdown includes back to it.
That needs the renderer myst-parser keeps on its state as the private
``_renderer`` (as of myst-parser 5.2). Unlike the build-speed shortcuts this
has no stock path to fall back on, since an include run unchecked is the very
hole ``file_access`` closes: if the name goes, the include is refused with an
error that says so. It can go when myst-parser lets a directive run its include.
Imported only when a Markdown page includes a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from myst_parser.mocking import MockIncludeDirective
from sphinx.directives.other import Include as SphinxInclude

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.util.docutils import SphinxDirective


def markdown_include(directive: SphinxDirective) -> list[nodes.Node]:
    """Run myst-parser's own include, as it would have run without the check."""
    renderer = getattr(directive.state, "_renderer", None)
    if renderer is None:
        raise directive.severe(
            "the include directive cannot be checked with this version of "
            "myst-parser; medkb needs a release it supports."
        )
    include = MockIncludeDirective(
        renderer,
        name=directive.name,
        klass=SphinxInclude,
        arguments=directive.arguments,
        options=directive.options,
        body=list(directive.content),
        lineno=directive.lineno,
    )
    return list(include.run())
