from types import SimpleNamespace

from core.trees import in_tree_order, subtree_ids


def node(id, name, parent_id=None):
    return SimpleNamespace(id=id, name=name, parent_id=parent_id)


FIRM = [
    node(1, "Firm"),
    node(2, "Tax", 1),
    node(3, "Advisory", 1),
    node(4, "Risk", 3),
    node(5, "Cyber", 3),
]


def test_parents_come_before_children_and_siblings_sort_by_name():
    names = [(n.name, depth) for n, depth in in_tree_order(FIRM)]
    assert names == [("Firm", 0), ("Advisory", 1), ("Cyber", 2), ("Risk", 2), ("Tax", 1)]


def test_a_node_whose_parent_is_not_shown_is_a_root():
    names = [(n.name, depth) for n, depth in in_tree_order(FIRM[2:])]
    assert names == [("Advisory", 0), ("Cyber", 1), ("Risk", 1)]


def test_a_subtree_holds_the_node_and_everything_below_it():
    tree = in_tree_order(FIRM)
    assert subtree_ids(tree, 3) == {3, 4, 5}
    assert subtree_ids(tree, 2) == {2}
