"""sphinxcontrib-bibtex's placeholder citation nodes, kept as their ids.

The bibliography directive cannot know which entries a list will show, so it
makes an empty citation node, with its own id, for every entry of the bib
files, and keeps them in the environment. With a reference list on every
page that is pages x entries nodes: 300,000 at 300 pages and 1,000 entries,
20 MB of pickle read and written again on every build, however little
changed. Only a node's id is ever read before the transform fills the nodes
of the entries a list shows, so a list's nodes can be kept as one id each
and made again, empty, when asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Callable

#: An id docutils numbered itself: "id" and a counter, as in ``id12``.
NUMBERED = re.compile(r"(.*?)(\d+)")
#: The attributes of an empty node; a node with more is not replaced.
EMPTY_NODE_ATTRIBUTES = {"ids", "classes", "names", "dupnames", "backrefs"}


class CitationIds(Mapping[str, nodes.Element]):
    """A bibliography's ``citation_nodes``: each key gives a new empty node."""

    def __init__(
        self,
        node_class: type[nodes.Element],
        keys: tuple[str, ...],
        ids: tuple[str, ...] | tuple[str, int],
        numbered: bool,
    ) -> None:
        self._node_class = node_class
        self._keys = keys
        # Numbered ids follow each other, so a prefix and the first number do.
        self._ids = ids
        self._numbered = numbered
        self._places: dict[str, int] | None = None

    def id_of(self, place: int) -> str:
        if self._numbered:
            prefix, first = self._ids
            return f"{prefix}{int(first) + place}"
        return str(self._ids[place])

    def __getitem__(self, key: str) -> nodes.Element:
        if self._places is None:
            self._places = _places_of(self._keys)
        return self._node_class(ids=[self.id_of(self._places[key])])

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def share_keys(self, shared_keys: dict[tuple[str, ...], tuple[str, ...]]) -> None:
        self._keys = shared_keys.setdefault(self._keys, self._keys)

    def __reduce__(self) -> tuple[Callable[..., CitationIds], tuple[Any, ...]]:
        # The lookup table is made again after loading, not pickled.
        return CitationIds, (self._node_class, self._keys, self._ids, self._numbered)


#: Each shared tuple of keys, and where each key is in it: lists of the same
#: bib files share both (3,000 lists of 1,000 keys each made a table of their
#: own, a tenth of a one-page rebuild at 3,000 pages).
_shared_places: dict[int, tuple[tuple[str, ...], dict[str, int]]] = {}


def _places_of(keys: tuple[str, ...]) -> dict[str, int]:
    kept = _shared_places.get(id(keys))
    if kept is None or kept[0] is not keys:
        kept = (keys, {key: place for place, key in enumerate(keys)})
        _shared_places[id(keys)] = kept
    return kept[1]


def compact_citation_nodes(
    citation_nodes: Mapping[str, nodes.Element],
    shared_keys: dict[tuple[str, ...], tuple[str, ...]],
) -> CitationIds | None:
    """The same nodes as ids, or None when a node is more than an empty id.

    *shared_keys* holds the key tuples made so far: lists of the same bib
    files share one, and pickle writes a shared tuple once.
    """
    if isinstance(citation_nodes, CitationIds):
        # Read by separate processes (-j) or builds: share the keys again.
        citation_nodes.share_keys(shared_keys)
        return None
    if not citation_nodes:
        return None
    classes = {type(node) for node in citation_nodes.values()}
    if len(classes) != 1:
        return None
    node_class = classes.pop()
    ids: list[str] = []
    for node in citation_nodes.values():
        if node.children or set(node.attributes) - EMPTY_NODE_ATTRIBUTES:
            return None
        if len(node["ids"]) != 1 or any(
            node.get(name) for name in ("classes", "names", "dupnames", "backrefs")
        ):
            return None
        ids.append(node["ids"][0])
    keys = tuple(citation_nodes)
    keys = shared_keys.setdefault(keys, keys)
    numbered = NUMBERED.fullmatch(ids[0])
    if numbered and not numbered.group(2).startswith("0"):
        prefix, first = numbered.group(1), int(numbered.group(2))
        if all(id_ == f"{prefix}{first + place}" for place, id_ in enumerate(ids)):
            return CitationIds(node_class, keys, (prefix, first), numbered=True)
    return CitationIds(node_class, keys, tuple(ids), numbered=False)
