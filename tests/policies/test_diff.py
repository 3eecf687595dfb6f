"""The word-level comparison reads like the text, marks changes for eyes and screen readers."""

from policies.diff import blocks_of, compare

OLD = """## Speak about the firm

Talk about the firm, never on behalf of it.

- Say who you are
- Be respectful
"""


def html(comparison) -> str:
    return "".join(str(block.html) for block in comparison.blocks)


def test_blocks_are_headings_paragraphs_and_items():
    assert [(b.kind, b.text) for b in blocks_of(OLD)] == [
        ("heading", "Speak about the firm"),
        ("text", "Talk about the firm, never on behalf of it."),
        ("item", "Say who you are"),
        ("item", "Be respectful"),
    ]


def test_the_same_text_has_no_changes():
    comparison = compare(OLD, OLD)
    assert not comparison.has_changes
    assert comparison.added_words == comparison.removed_words == 0


def test_a_changed_word_is_removed_and_added():
    comparison = compare(OLD, OLD.replace("never on behalf", "not on behalf"))
    out = html(comparison)
    assert '<del><span class="visually-hidden">[removed] </span>never' in out
    assert '<ins><span class="visually-hidden">[added] </span>not' in out
    assert (comparison.added_words, comparison.removed_words) == (1, 1)
    assert [b.change for b in comparison.blocks] == ["same", "changed", "same", "same"]


def test_a_new_paragraph_is_added_whole():
    new = OLD.replace(
        "- Say who you are", "Escalate complaints to Client Care.\n\n- Say who you are"
    )
    comparison = compare(OLD, new)
    added = [b for b in comparison.blocks if b.change == "added"]
    assert len(added) == 1 and "Escalate complaints" in added[0].html


def test_a_removed_item_is_removed_whole():
    comparison = compare(OLD, OLD.replace("- Be respectful\n", ""))
    assert [b.change for b in comparison.blocks][-1] == "removed"
    assert comparison.removed_words == 2


def test_a_rewritten_sentence_reads_as_one_change_not_word_soup():
    old = "Reply once, politely, that you pass it on, and send a link."
    new = "Reply once, politely, that a colleague will contact them, and send a link."
    out = html(compare(old, new))
    assert out.count("<del>") == 1 and out.count("<ins>") == 1
    assert "you pass it on" in out and "a colleague will contact them" in out


def test_a_renumbered_heading_stays_in_place():
    old = "## 6. When in doubt\n\nAsk first."
    new = "## 6. Accounts\n\nYours.\n\n## 7. When in doubt\n\nAsk first."
    blocks = compare(old, new).blocks
    assert [b.change for b in blocks] == ["added", "added", "changed", "same"]


def test_markup_in_the_text_is_escaped():
    comparison = compare("Plain.", "Plain. <script>alert(1)</script>")
    assert "<script>" not in html(comparison)
