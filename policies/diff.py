"""A readable difference between two policy texts, for people who are not lawyers.

Both markdown texts are rendered, split into blocks (headings, paragraphs, list items), the
blocks are aligned, and changed blocks are compared word by word. The result marks words with
`<ins>`/`<del>` and says "added"/"removed" to screen readers, which ignore those tags.
"""

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.text import render_markdown

BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "td", "th", "dt", "dd"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
# Below this share of equal words, a changed block reads better as removed + added than as a mix.
MIN_SIMILARITY = 0.4
# Equal runs of at most this many words between two changes are folded into one change.
MAX_FOLDED_WORDS = 3


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "item" or "text"
    text: str


class _BlockParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.buffer: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text and self.stack:
            tag = self.stack[-1]
            kind = "heading" if tag in HEADINGS else "item" if tag == "li" else "text"
            self.blocks.append(Block(kind, text))
        self.buffer = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()
            self.stack.append(tag)
        elif tag == "br":
            self.buffer.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS and tag in self.stack:
            self._flush()
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.buffer.append(data)


def blocks_of(markdown_text: str) -> list[Block]:
    """The text blocks of a markdown document, as a reader sees them."""
    parser = _BlockParser()
    parser.feed(str(render_markdown(markdown_text)))
    parser.close()
    return parser.blocks


@dataclass
class DiffBlock:
    """One block of the comparison: unchanged, added, removed, or changed word by word."""

    kind: str
    change: str  # "same", "added", "removed", "changed"
    html: SafeString


@dataclass
class Comparison:
    blocks: list[DiffBlock] = field(default_factory=list)
    added_words: int = 0
    removed_words: int = 0

    @property
    def has_changes(self) -> bool:
        return any(block.change != "same" for block in self.blocks)


def _marked(tag: str, text: str) -> str:
    if tag == "ins":
        start, end = _("[added]"), _("[end of addition]")
    else:
        start, end = _("[removed]"), _("[end of removal]")
    return (
        f'<{tag}><span class="visually-hidden">{escape(start)} </span>{escape(text)}'
        f'<span class="visually-hidden"> {escape(end)}</span></{tag}>'
    )


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _segments(old: str, new: str) -> list[tuple[bool, str, str]]:
    """(changed, before, after) runs of a word-level comparison, small equal runs folded in."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    runs: list[list] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        changed = op != "equal"
        if runs and runs[-1][0] and changed:
            runs[-1][1] += before
            runs[-1][2] += after
        else:
            runs.append([changed, before, after])
    # A short equal run between two changes ("you pass it on" -> "a colleague will contact")
    # reads better as one change; this is diff-match-patch's semantic cleanup, simplified.
    merged = True
    while merged:
        merged = False
        for index in range(1, len(runs) - 1):
            previous, run, following = runs[index - 1], runs[index], runs[index + 1]
            if run[0] or not (previous[0] and following[0]):
                continue
            size = len(run[1])
            if _words(run[1]) > MAX_FOLDED_WORDS:
                continue
            if size <= max(len(previous[1]), len(previous[2])) and size <= max(
                len(following[1]), len(following[2])
            ):
                previous[1] += run[1] + following[1]
                previous[2] += run[2] + following[2]
                del runs[index : index + 2]
                merged = True
                break
    return [tuple(run) for run in runs]


def _change(before: str, after: str, comparison: Comparison) -> str:
    """One change as <del>old</del> <ins>new</ins>, with its surrounding spaces left outside."""
    text = after if after.strip() else before
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    marks = []
    if before.strip():
        marks.append(_marked("del", before.strip()))
        comparison.removed_words += _words(before)
    if after.strip():
        marks.append(_marked("ins", after.strip()))
        comparison.added_words += _words(after)
    return escape(lead) + " ".join(marks) + escape(trail)


def _compare_words(old: str, new: str, comparison: Comparison) -> str:
    return "".join(
        _change(before, after, comparison) if changed else escape(before)
        for changed, before, after in _segments(old, new)
    )


def _whole(block: Block, change: str, comparison: Comparison) -> DiffBlock:
    tag = "ins" if change == "added" else "del"
    if change == "added":
        comparison.added_words += _words(block.text)
    else:
        comparison.removed_words += _words(block.text)
    return DiffBlock(block.kind, change, mark_safe(_marked(tag, block.text)))  # noqa: S308 - escaped


def _similarity(old: Block, new: Block) -> float:
    if old.kind != new.kind:
        return 0.0
    matcher = difflib.SequenceMatcher(
        None, TOKEN.findall(old.text), TOKEN.findall(new.text), autojunk=False
    )
    if matcher.real_quick_ratio() < MIN_SIMILARITY or matcher.quick_ratio() < MIN_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _align(old: list[Block], new: list[Block]) -> list[tuple[Block | None, Block | None]]:
    """Pair the blocks of a changed region so that similar blocks face each other (dynamic
    programming over similarities); unpaired blocks are removed or added."""
    n, m = len(old), len(new)
    if n * m > 2500:  # a rewrite from scratch: pairing by position is good enough
        return [(old[i] if i < n else None, new[i] if i < m else None) for i in range(max(n, m))]
    similarity = [[_similarity(o, b) for b in new] for o in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = (
                similarity[i][j] + best[i + 1][j + 1] if similarity[i][j] >= MIN_SIMILARITY else 0
            )
            best[i][j] = max(best[i + 1][j], best[i][j + 1], pair)
    pairs: list[tuple[Block | None, Block | None]] = []
    i = j = 0
    while i < n and j < m:
        if (
            similarity[i][j] >= MIN_SIMILARITY
            and best[i][j] == similarity[i][j] + best[i + 1][j + 1]
        ):
            pairs.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((old[i], None))
            i += 1
        else:
            pairs.append((None, new[j]))
            j += 1
    pairs += [(o, None) for o in old[i:]] + [(None, b) for b in new[j:]]
    return pairs


def compare(old_text: str, new_text: str) -> Comparison:
    """Compare two markdown texts block by block, then word by word within changed blocks."""
    old_blocks, new_blocks = blocks_of(old_text), blocks_of(new_text)
    comparison = Comparison()
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            comparison.blocks += [
                DiffBlock(b.kind, "same", escape(b.text)) for b in new_blocks[j1:j2]
            ]
            continue
        for old, new in _align(old_blocks[i1:i2], new_blocks[j1:j2]):
            if old is not None and new is not None:
                html = _compare_words(old.text, new.text, comparison)
                comparison.blocks.append(
                    DiffBlock(new.kind, "changed", mark_safe(html))  # noqa: S308 - escaped
                )
            elif old is not None:
                comparison.blocks.append(_whole(old, "removed", comparison))
            else:
                comparison.blocks.append(_whole(new, "added", comparison))
    return comparison
