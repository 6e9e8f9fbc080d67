"""What medkb keeps between builds, in one domain, and what it keeps for one build.

Sphinx pickles the environment between builds and merges the environments of
parallel readers. Everything medkb must remember lives in the ``medkb``
domain's data, as ``sphinx.ext.todo`` keeps its todos, so Sphinx purges and
merges it as it does its own:

- ``DocumentStore``: a value per document, dropped when its document is read
  again (``clear_doc``) and merged back from each parallel reader
  (``merge_domaindata``);
- ``SiteValue``: one value for the whole site, such as a fingerprint that
  tells the next build what changed; set by the main process only.

``BuildCache`` is the other kind: worked out once per build (and per process
of a parallel build) and never pickled, because it is cheaper to work out
again than to keep in step with the sources.

``KeptFile`` is a third: a value dear to work out that depends on files, not
on pages (the checked bib files, the sidebar's template), kept in a file of
its own in the doctree folder with a fingerprint of what it was made from.
Outside the environment, no parallel reader sends it back with its pages.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar
from weakref import WeakKeyDictionary

from sphinx.domains import Domain

from medkb import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

T = TypeVar("T")
K = TypeVar("K")


class MedkbDomain(Domain):
    """Holds medkb's per-document stores and site values; has no roles of its own."""

    name = "medkb"
    label = "medkb"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {"documents": {}, "site": {}}

    def clear_doc(self, docname: str) -> None:
        for store in self.data["documents"].values():
            store.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name, theirs in otherdata["documents"].items():
            mine = self.data["documents"].setdefault(name, {})
            mine.update((d, theirs[d]) for d in docnames if d in theirs)


def _data(env: BuildEnvironment, part: str) -> dict[str, Any]:
    data: dict[str, Any] = env.get_domain(MedkbDomain.name).data[part]
    return data


class DocumentStore(Generic[T]):
    """A ``{docname: value}`` dict in the medkb domain, named *name*."""

    def __init__(self, name: str) -> None:
        self.name = name

    def get(self, env: BuildEnvironment) -> dict[str, T]:
        store: dict[str, T] = _data(env, "documents").setdefault(self.name, {})
        return store

    def connect(self, app: Sphinx) -> None:
        """Make sure the domain is there; Sphinx then purges and merges the store."""
        app.setup_extension(__name__)


class SiteValue(Generic[T]):
    """One value for the whole site, kept from one build to the next."""

    def __init__(self, name: str) -> None:
        self.name = name

    def get(self, env: BuildEnvironment) -> T | None:
        """The value the last build (or this one) set, or ``None``."""
        value: T | None = _data(env, "site").get(self.name)
        return value

    def set(self, env: BuildEnvironment, value: T) -> T | None:
        """Keep *value*; return the one it replaces."""
        site = _data(env, "site")
        previous: T | None = site.get(self.name)
        site[self.name] = value
        return previous

    def connect(self, app: Sphinx) -> None:
        app.setup_extension(__name__)


class BuildCache(Generic[K, T]):
    """Values worked out once per build, by key (an environment, a doctree ...)."""

    def __init__(self) -> None:
        self._values: WeakKeyDictionary[K, T] = WeakKeyDictionary()

    def get(self, key: K, make: Callable[[], T]) -> T:
        if key not in self._values:
            self._values[key] = make()
        return self._values[key]

    def peek(self, key: K) -> T | None:
        return self._values.get(key)

    def set(self, key: K, value: T) -> None:
        self._values[key] = value

    def forget(self, key: K) -> None:
        self._values.pop(key, None)

    def __contains__(self, key: K) -> bool:
        return key in self._values

    def __getitem__(self, key: K) -> T:
        return self._values[key]

    def __setitem__(self, key: K, value: T) -> None:
        self._values[key] = value


class KeptFile(Generic[T]):
    """A value kept between builds in ``doctreedir/<name>``, under a fingerprint."""

    def __init__(self, name: str) -> None:
        self.name = name

    def load(self, doctreedir: str | Path, fingerprint: object) -> T | None:
        """The kept value, if it was made from what *fingerprint* describes."""
        try:
            with (Path(doctreedir) / self.name).open("rb") as kept:
                stored = pickle.load(kept)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            return None  # none yet, or written by another version: make it again
        if not isinstance(stored, tuple) or len(stored) != 2:
            return None
        value: T | None = stored[1] if stored[0] == fingerprint else None
        return value

    def save(self, doctreedir: str | Path, fingerprint: object, value: T) -> None:
        path = Path(doctreedir) / self.name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a build stopped half-way tears no file,
        # and two processes of one build never write into the same one.
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        with partial.open("wb") as kept:
            pickle.dump((fingerprint, value), kept, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_domain(MedkbDomain)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
