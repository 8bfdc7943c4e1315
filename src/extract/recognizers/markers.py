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

# "62(2)", "62 (2)": a sub-marker of a twin or triple marker
_NUM = r"\d{1,4}(?:/\d{1,2})?(?:[ \t]?\(\d\))?"
_ONE = rf"{_NUM}(?:[ \t]*-[ \t]*{_NUM})?"
_INTRO = re.compile(
    # ("các mốc từ 1088 đến 1090": a stretch named once for all its markers)
    r"(?<![\w])(?:cột[ \t]+)?mốc(?:[ \t]+(?:giới|số|biên giới|quốc giới))?[ \t]+(?:số[ \t]+)?"
    r"(?:từ[ \t]+(?=\d))?",
    re.IGNORECASE)
_ITEM = re.compile(_ONE)
_LIST_SEP = re.compile(r"[ \t]*(?:,|và|;)[ \t]*(?:mốc[ \t]+)?")
# "từ mốc 612 đến mốc 618": a stretch written in words is the range 612-618.
_RANGE_TO = re.compile(
    r"[ \t]+(?:đến|tới)[ \t]+(?:(?:khu vực[ \t]+)?(?:cột[ \t]+)?mốc"
    r"(?:[ \t]+(?:giới|biên giới|quốc giới))?(?:[ \t]+số)?[ \t]+)?", re.IGNORECASE)


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
        covered = 0  # end of the last range: "đến mốc 618" inside it starts no marker
        for intro in _INTRO.finditer(text):
            if intro.start() < covered:
                continue
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
                to = _RANGE_TO.match(text, m.end())
                upper = _ITEM.match(text, to.end()) if to and "-" not in m.group() else None
                if upper and "-" not in upper.group() and not (
                        upper.end() < len(text) and text[upper.end()].isalnum()) \
                        and not self._unit.match(text, upper.end()):
                    value = f"{canonical_marker(m.group())}-{canonical_marker(upper.group())}"
                    start = m.start()
                    m = upper  # the list goes on after the upper end
                else:
                    value, start = canonical_marker(m.group()), m.start()
                if start not in found:
                    found.add(start)
                    hits.append(MarkerHit(start=start, end=m.end(), value=value))
                covered = max(covered, m.end())
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
