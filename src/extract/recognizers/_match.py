"""Shared matching machinery: a compiled phrase matcher and small text helpers.

Gazetteer phrases are compiled once into an Aho-Corasick automaton (pyahocorasick) over
lower-cased text, so finding every gate, head word or title in an article is one pass,
whatever the size of the gazetteer.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

import ahocorasick

from ..text import alternation

T = TypeVar("T")

__all__ = ["COUNTRY_AFTER", "COUNTRY_BEFORE", "PhraseMatcher", "SpanIndex", "alternation",
           "envoy_post", "lower_same_length", "word_boundary"]

# A country in brackets after a place or body: "Châu Đại Lý (Trung Quốc)", "Bí thư Tỉnh ủy
# Vân Nam (Trung Quốc) Vương Ninh".
_COUNTRY = r"[ \t]*\((?:Trung Quốc|Việt Nam)\)"
COUNTRY_AFTER = re.compile(_COUNTRY)
COUNTRY_BEFORE = re.compile(_COUNTRY + "$")


def envoy_post(countries: list[str]) -> str:
    """The pattern of an envoy's country and post between a title and what follows it:
    "Đại sứ (của) Trung Quốc tại Việt Nam …"."""
    return rf"(?:của[ \t]+)?(?:{alternation(countries)})[ \t]+tại[ \t]+"


class SpanIndex:
    """Which of many [start, end) spans hold a position, in O(log n) (long articles have
    thousands of mentions; a scan per candidate would make the cost quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]
        self._max_end: list[int] = []
        top = -1
        for _, e in self.spans:
            top = max(top, e)
            self._max_end.append(top)

    def holds(self, pos: int) -> bool:
        """True when some span has start <= pos < end."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._max_end[i] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) starts or ends inside some span."""
        return self.holds(start) or (end > start and self.holds(end - 1))

    def within(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The spans starting in [lo, hi)."""
        return self.spans[bisect.bisect_left(self._starts, lo): bisect.bisect_left(
            self._starts, hi)]





def lower_same_length(text: str) -> str:
    """Lower-case ``text`` keeping one character per character (positions stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def word_boundary(text: str, start: int, end: int) -> bool:
    """True when [start, end) is not glued to letters or digits on either side."""
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return False
    return not (end < len(text) and text[end].isalnum() and text[end - 1].isalnum())


class PhraseMatcher(Generic[T]):
    """Find gazetteer phrases in text, case-insensitively, at word boundaries."""

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._auto = ahocorasick.Automaton()
        grouped: dict[str, list[T]] = {}
        for phrase, payload in phrases:
            key = lower_same_length(phrase.strip())
            if key:
                grouped.setdefault(key, []).append(payload)
        for key, payloads in grouped.items():
            self._auto.add_word(key, (len(key), payloads))
        self._empty = not grouped
        if not self._empty:
            self._auto.make_automaton()

    def iter(self, low: str) -> Iterator[tuple[int, int, list[T]]]:
        """All matches in lower-cased text ``low`` as (start, end, payloads)."""
        if self._empty:
            return
        for end_idx, (length, payloads) in self._auto.iter(low):
            end = end_idx + 1
            start = end - length
            if word_boundary(low, start, end):
                yield start, end, payloads

    def longest(self, low: str) -> list[tuple[int, int, list[T]]]:
        """Leftmost-longest non-overlapping matches."""
        hits = sorted(self.iter(low), key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, list[T]]] = []
        last_end = -1
        for h in hits:
            if h[0] >= last_end:
                out.append(h)
                last_end = h[1]
        return out

    def at(self, low: str, pos: int) -> tuple[int, list[T]] | None:
        """The longest phrase starting exactly at ``pos``: (end, payloads)."""
        best: tuple[int, list[T]] | None = None
        for start, end, payloads in self.iter(low[pos: pos + 120]):
            if start == 0 and word_boundary(low, pos, pos + end) and (
                    best is None or pos + end > best[0]):
                best = (pos + end, payloads)
        return best


_SPACE = re.compile(r"[ \t]*")


def skip_spaces(text: str, pos: int) -> int:
    m = _SPACE.match(text, pos)
    return m.end() if m else pos
