"""Things with a parent (units) listed in tree order, each with its depth."""

from collections.abc import Callable, Iterable
from typing import TypeVar

Node = TypeVar("Node")


def in_tree_order(
    nodes: Iterable[Node], *, key: Callable[[Node], object] = lambda node: node.name
) -> list[tuple[Node, int]]:
    """`nodes` (with `id` and `parent_id`) parent first, siblings sorted by `key`, with depth.

    A node whose parent is not among `nodes` is a root, so a subset (the units a lead sees)
    still forms a tree.
    """
    nodes = list(nodes)
    ids = {node.id for node in nodes}
    children: dict[object, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent_id if node.parent_id in ids else None, []).append(node)
    ordered: list[tuple[Node, int]] = []
    stack = [(node, 0) for node in reversed(sorted(children.get(None, []), key=key))]
    while stack:
        node, depth = stack.pop()
        ordered.append((node, depth))
        below = sorted(children.get(node.id, []), key=key)
        stack.extend((child, depth + 1) for child in reversed(below))
    return ordered


def subtree_ids(tree: Iterable[tuple[Node, int]], root_id) -> set:
    """The ids of `root_id` and everything below it, from a list in tree order."""
    ids: set = set()
    for node, _depth in tree:
        if node.id == root_id or node.parent_id in ids:
            ids.add(node.id)
    return ids
