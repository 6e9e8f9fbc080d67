"""Let pages read and publish only the files of their own repository.

Every pull request is built, so a page must not be able to show or publish
a file of the build machine. A file a page names is refused, as an error at
the page's line, when it resolves (symbolic links followed) outside the
repository or into its ``.git`` folder, which can hold credentials. The check
runs before anything opens the file, for every way a page names one:

* ``include`` (MyST's ``{include}`` and ``.. include::``), ``literalinclude``
  (and its ``:diff:`` file), ``csv-table :file:`` and ``raw :file:``;
* images, whatever made them (Markdown, ``image``, ``figure``), and
  ``{download}`` links, Markdown links to files among them: Sphinx copies
  both into the output.

``csv-table`` and ``raw`` with ``:url:`` are refused outright: the build
machine would fetch the address, which could be one only it can reach, or a
file of its own (``file://``).

The repository is the top of the git work tree holding the source folder
(outside git, the source folder itself), or ``medkb_repository_root``.
"""

from __future__ import annotations

import os
from glob import glob
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.request import url2pathname

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.misc import Include as DocutilsInclude
from docutils.parsers.rst.directives.misc import Raw, adapt_path
from docutils.parsers.rst.states import RSTState
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include as SphinxInclude
from sphinx.directives.patches import CSVTable, Figure
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import get_image_filename_for_language, search_image_for_language

from medkb import __version__
from medkb._core import config as _config
from medkb._core.problems import note_problem
from medkb._core.state import BuildCache
from medkb._core.subtypes import Subtype

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils.parsers.rst import Directive
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

_FIX = (
    "Add the file to the repository and give its path from this page "
    "(or from the source folder, starting with '/')."
)


def _check_root(app: Sphinx, value: str) -> str | None:
    if not value:
        return None
    root = Path(app.confdir, value).resolve()
    if root.is_dir() and Path(app.srcdir).resolve().is_relative_to(root):
        return None
    return "'' or a folder, relative to conf.py, that holds the source folder"


OPTIONS = (
    _config.Option(
        "medkb_repository_root",
        "",
        (str,),
        "The folder whose files pages may use, relative to conf.py; '' for the "
        "top of the git work tree holding the source folder (outside git, the "
        "source folder itself).",
        check=_check_root,
    ),
)


def _find_root(srcdir: Path, configured: str, confdir: Path) -> Path:
    if configured:
        return Path(confdir, configured).resolve()
    srcdir = srcdir.resolve()
    for folder in (srcdir, *srcdir.parents):
        if (folder / ".git").exists():  # a folder, or a file in a git worktree
            return folder
    return srcdir


_roots: BuildCache[BuildEnvironment, Path] = BuildCache()


def find_repository_root(app: Sphinx) -> None:
    """Once per build, before any page is read (parallel readers inherit it)."""
    root = _find_root(Path(app.srcdir), app.config.medkb_repository_root, app.confdir)
    _roots.set(app.env, root)


def repository_root(env: BuildEnvironment) -> Path:
    """The folder whose files pages may use, symbolic links resolved."""
    return _roots[env]


def why_refused(env: BuildEnvironment, path: str | Path) -> str | None:
    """Why a page may not use the file at *path* (absolute, or from the
    working folder as the reader takes it), or ``None`` when it may."""
    root = repository_root(env)
    resolved = Path(path).resolve()
    if resolved.is_relative_to(root):
        if ".git" in resolved.relative_to(root).parts:
            return (
                "it is in the repository's .git folder, which holds the "
                "repository's settings and can hold credentials"
            )
        return None
    if Path(os.path.normpath(Path(path).absolute())).is_relative_to(root):
        return "it is a symbolic link to a file outside the repository"
    return "it is outside the repository, and pages may use only its own files"


def _included(env: BuildEnvironment, source: str | None) -> str:
    """A note naming *source* when it is an included file, not the page:
    the line numbers are that file's."""
    if source and Path(source) != Path(env.doc2path(env.docname)):
        return f" (in {Path(source).name}, included by this page)"
    return ""


def source_line(node: nodes.Node) -> tuple[str | None, int | None]:
    """The file and line of *node*: its own, else its nearest ancestor's.

    Inline nodes such as a Markdown image carry their file but no line (or
    line 0), so ``docutils.utils.get_source_line`` stops at them with none.
    """
    source: str | None = None
    current: nodes.Node | None = node
    while current is not None:
        source = source or current.source
        if current.line:  # lines count from 1
            return current.source or source, current.line
        current = current.parent
    return source, None


def refuse(
    env: BuildEnvironment,
    what: str,
    name: str,
    paths: Iterable[str | Path],
    where: tuple[str | None, int | None],
) -> bool:
    """Report *what* (naming *name*) if any of *paths* may not be used."""
    for path in paths:
        if reason := why_refused(env, path):
            source, line = where
            note_problem(
                env,
                Subtype.FILE_OUTSIDE_REPOSITORY,
                f"{what} {name!r} is not allowed in pages{_included(env, source)}: "
                f"{reason}. {_FIX}",
                line=line,
                is_error=True,
            )
            return True
    return False


def refuse_url(directive: Directive, env: BuildEnvironment) -> bool:
    """Report a ``:url:`` option of *directive*, if it has one."""
    if "url" not in directive.options:
        return False
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    note_problem(
        env,
        Subtype.FETCH_URL,
        f"the {directive.name} directive's :url: option is not allowed in pages"
        f"{_included(env, source)}: the build machine would fetch "
        f"{directive.options['url']!r}, which can be an address only it reaches "
        "or a file of its own. Add the file to the repository and name it with "
        ":file: instead.",
        line=line,
        is_error=True,
    )
    return True


def _page_file(env: BuildEnvironment, name: str) -> str:
    """The file *name* as Sphinx finds it: from the page's folder, or from the
    source folder when it starts with '/' (as ``env.relfn2path``, but with
    links not yet followed, so a refusal can say it went through one)."""
    file = Path(name)
    if file.parts[:1] in {("/",), ("\\",)}:
        return os.fspath(Path(env.srcdir, *file.parts[1:]))
    folder = env.doc2path(env.docname, base=False).parent
    return os.fspath(Path(env.srcdir, folder, file))


class IncludeInRepository(SphinxDirective):
    """``include``, for files of the repository only.

    Not a subclass of docutils' ``Include``: myst-parser runs those through
    its own reader (``MockIncludeDirective``), which would never call this
    ``run``. So this checks the path first and then hands the directive to the
    reader that would have run it.
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        **(DocutilsInclude.option_spec or {}),
        # The options myst-parser adds for Markdown includes.
        "relative-images": directives.flag,
        "relative-docs": directives.path,
        "heading-offset": directives.nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        name = "".join(part.strip() for part in self.arguments[0].splitlines())
        where = self.get_source_info()
        if name.startswith("<") and name.endswith(">"):
            # docutils' own files (such as <isonum.txt>), but only those.
            standard = DocutilsInclude.standard_include_path.resolve()
            path = (standard / name[1:-1]).resolve()
            if not path.is_relative_to(standard):
                refuse(self.env, "the include directive's file", name, [path], where)
                return []
        elif refuse(
            self.env,
            "the include directive's file",
            name,
            [_page_file(self.env, self.arguments[0])],
            where,
        ):
            return []
        return self._include()

    def _include(self) -> list[nodes.Node]:
        args = (self.name, self.arguments, self.options, self.content, self.lineno)
        rest = (self.content_offset, self.block_text, self.state, self.state_machine)
        if isinstance(self.state, RSTState):
            return list(SphinxInclude(*args, *rest).run())
        from medkb._upstream.myst_include import markdown_include

        return markdown_include(self)


class LiteralIncludeInRepository(LiteralInclude):
    """``literalinclude``, and its ``:diff:`` file, from the repository only."""

    def run(self) -> list[nodes.Node]:
        where = self.get_source_info()
        names = [self.arguments[0]]
        if "diff" in self.options:
            names.append(self.options["diff"])
        for name in names:
            path = _page_file(self.env, name)
            if refuse(
                self.env, "the literalinclude directive's file", name, [path], where
            ):
                return []
        return super().run()


def _read_path(directive: Directive, name: str) -> str:
    """Where docutils reads a ``:file:`` option of csv-table or raw."""
    document = directive.state.document
    source = document.current_source or ""
    return adapt_path(name, source, document.settings.root_prefix)


class CSVTableInRepository(CSVTable):
    """``csv-table``: ``:file:`` from the repository only, and no ``:url:``."""

    # Sphinx's csv-table returns list[Node]; docutils' stubs say tables only.
    def run(self) -> list[nodes.Node]:  # type: ignore[override]
        env: BuildEnvironment = self.state.document.settings.env
        if refuse_url(self, env):
            return []
        if "file" in self.options:
            name = self.options["file"]
            read = name
            # As Sphinx's csv-table takes it: an absolute path that does not
            # exist is one from the source folder.
            if name.startswith(("/", os.sep)) and not Path(name).exists():
                folder = env.doc2path(env.docname).parent
                read = os.path.relpath(Path(env.srcdir, name[1:]), folder)
            path = _read_path(self, read)
            where = self.state_machine.get_source_and_line(self.lineno)
            if refuse(env, "the csv-table directive's file", name, [path], where):
                return []
        return list(super().run())


class RawInRepository(Raw):
    """``raw``: ``:file:`` from the repository only, and no ``:url:``.

    ``medkb.content_policy`` refuses ``raw`` altogether; this is for sites
    that allow it.
    """

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        if refuse_url(self, env):
            return []
        if "file" in self.options:
            name = self.options["file"]
            where = self.state_machine.get_source_and_line(self.lineno)
            path = _read_path(self, name)
            if refuse(env, "the raw directive's file", name, [path], where):
                return []
        return list(super().run())


class FigureInRepository(Figure):
    """``figure``: with ``:figwidth: image`` docutils opens the image itself
    (with Pillow, from the working folder) while the directive runs."""

    def run(self) -> list[nodes.Node]:
        if self.options.get("figwidth") == "image":
            env: BuildEnvironment = self.state.document.settings.env
            uri = directives.uri(self.arguments[0])
            paths = [url2pathname(uri), *_image_files(env, uri)]
            where = self.state_machine.get_source_and_line(self.lineno)
            if refuse(env, "the image", uri, paths, where):
                return []
        return super().run()


def _image_files(env: BuildEnvironment, uri: str) -> list[str]:
    """Every file Sphinx may read or copy for an image at *uri*, as its image
    collector finds them: language variants and ``.*`` candidates too."""
    if uri.startswith("data:") or "://" in uri:
        return []
    if uri.endswith(os.extsep + "*"):
        patterns = [uri, get_image_filename_for_language(uri, env)]
        full = [_page_file(env, pattern) for pattern in patterns]
        # Each match too: any of them may be a link leading elsewhere.
        matches = [match for pattern in full for match in glob(pattern)]  # noqa: PTH207
        return full + matches
    return [_page_file(env, uri), _page_file(env, search_image_for_language(uri, env))]


class RefuseOutsideFiles(SphinxTransform):
    """Remove images and download links to files outside the repository.

    A transform, so it runs before Sphinx's collectors, at doctree-read,
    note the files that the builder then copies into the output.
    """

    default_priority = 100

    def apply(self, **_kwargs: Any) -> None:
        env = self.env
        for image in list(self.document.findall(nodes.image)):
            uri = image["uri"]
            where = source_line(image)
            if refuse(env, "the image", uri, _image_files(env, uri), where):
                image.parent.remove(image)
        for link in list(self.document.findall(addnodes.download_reference)):
            target = link["reftarget"]
            if "://" in target:
                continue
            where = source_line(link)
            if refuse(
                env, "the download link to", target, [_page_file(env, target)], where
            ):
                link.replace_self(link.children)  # its text stays


def validate_config(app: Sphinx, _config_: Config) -> None:
    _config.validate(app, OPTIONS)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("medkb._core.problems")
    _config.declare(app, OPTIONS)
    app.connect("config-inited", validate_config)
    app.connect("builder-inited", find_repository_root)
    app.add_directive("include", IncludeInRepository, override=True)
    app.add_directive("literalinclude", LiteralIncludeInRepository, override=True)
    app.add_directive("csv-table", CSVTableInRepository, override=True)
    app.add_directive("raw", RawInRepository, override=True)
    app.add_directive("figure", FigureInRepository, override=True)
    app.add_transform(RefuseOutsideFiles)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
