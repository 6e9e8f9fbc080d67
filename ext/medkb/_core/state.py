"""Per-document data kept on the build environment, safe for -j and rebuilds.

Sphinx pickles the environment between builds and merges the environments of
parallel readers; data keyed by document must be purged when its document is
read again and merged back from each reader. ``DocumentStore`` does both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

T = TypeVar("T")


class DocumentStore(Generic[T]):
    """A ``{docname: value}`` dict stored on the environment as *attribute*."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def get(self, env: BuildEnvironment) -> dict[str, T]:
        if not hasattr(env, self.attribute):
            setattr(env, self.attribute, {})
        store: dict[str, T] = getattr(env, self.attribute)
        return store

    def connect(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self._purge)
        app.connect("env-merge-info", self._merge)

    def _purge(self, _app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.get(env).pop(docname, None)

    def _merge(
        self,
        _app: Sphinx,
        env: BuildEnvironment,
        docnames: Set[str],
        other: BuildEnvironment,
    ) -> None:
        theirs = self.get(other)
        self.get(env).update((d, theirs[d]) for d in docnames if d in theirs)
