"""Border markers: "mốc 1088/2- 1089" is the range 1088/2-1089, "mốc 1116" one marker.

Marker numbers are written with a slash for sub-markers (1088/2), a dash for a stretch
between two markers, and lists ("các mốc 1090, 1091"); the canonical value drops spaces.
"""

from __future__ import annotations

import re

from .. import gazetteers
from ..document import Document, MarkerHit
from ._match import alternation

__all__ = ["MarkerRecognizer", "canonical_marker"]

_NUM = r"\d{1,4}(?:/\d{1,2})?(?:\(\d\))?"
_ONE = rf"{_NUM}(?:[ \t]*-[ \t]*{_NUM})?"
_INTRO = re.compile(
    r"(?<![\w])(?:cột[ \t]+)?mốc(?:[ \t]+(?:giới|số|biên giới|quốc giới))?[ \t]+(?:số[ \t]+)?",
    re.IGNORECASE)
_ITEM = re.compile(_ONE)
_LIST_SEP = re.compile(r"[ \t]*(?:,|và|;)[ \t]*(?:mốc[ \t]+)?")


def canonical_marker(text: str) -> str:
    return re.sub(r"\s+", "", text)


class MarkerRecognizer:
    """Stage: marker numbers stated after "mốc"."""

    name = "markers"

    def __init__(self) -> None:
        t: gazetteers.GatePhrasesTable = gazetteers.load("gate_phrases")
        self._figurative = re.compile(
            rf"(?<!\w)(?:{alternation(t.marker_not_after)})[ \t]+$", re.IGNORECASE)
        self._unit = re.compile(
            rf"(?:[.,]\d|[ \t]*(?:{alternation(t.marker_not_before)})(?!\w))", re.IGNORECASE)

    def __call__(self, doc: Document) -> None:
        text = doc.text
        hits: list[MarkerHit] = []
        # Item positions already walked: the walk from an item depends only on the text from
        # there on, so a later "mốc" inside a list walked before ("mốc 1, mốc 2, …") stops
        # where the earlier walk passed (one pass over a list, not one per "mốc" in it).
        walked: set[int] = set()
        found: set[int] = set()  # starts of the hits found
        for intro in _INTRO.finditer(text):
            if self._figurative.search(text[max(0, intro.start() - 15): intro.start()]):
                continue  # "vượt mốc 5 tỷ USD": a milestone
            pos = intro.end()
            while pos not in walked:
                walked.add(pos)
                m = _ITEM.match(text, pos)
                if not m or (m.end() < len(text) and (text[m.end()].isalnum()
                                                      or text[m.end()] == "/")):
                    break
                if self._unit.match(text, m.end()):
                    break  # "mốc 10 năm", "mốc 15.000 lượt": a count, not a marker
                if m.start() not in found:
                    found.add(m.start())
                    hits.append(MarkerHit(start=m.start(), end=m.end(),
                                          value=canonical_marker(m.group())))
                sep = _LIST_SEP.match(text, m.end())
                if not sep or not _ITEM.match(text, sep.end()):
                    break
                nxt = _ITEM.match(text, sep.end())
                assert nxt is not None
                # "mốc 1116 và 2025": a year after "và" is not a marker.
                if re.fullmatch(r"(?:19|20)\d\d", nxt.group()):
                    break
                pos = sep.end()
        doc.markers = hits
