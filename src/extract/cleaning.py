"""Cleaning: normalize for matching and blank site furniture, keeping offsets.

The article is found inside what the portal wraps around it: lines of site furniture (skip
links, accessibility bars, image file names …) are blanked wherever they stand; everything
from a comment box or a related-articles heading on is blanked; before the headline, the
masthead (portal names, slogans, the portal's own current-date display) is blanked except
for byline and dateline lines.  Blanking replaces characters by spaces, so positions stay
valid and nothing blanked can be extracted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from . import gazetteers
from .document import Document
from .text import LOWER, UPPER, normalize, strip_span

__all__ = ["Cleaner", "Layout", "author_names", "is_dateline"]

_WORD = re.compile(r"\w+", re.UNICODE)
_CAP_SYL = rf"[{UPPER}][{LOWER}]*"
_UPPER_SYL = rf"[{UPPER}]{{1,8}}"
_INITIAL = r"[A-ZĐ]\.\s?"
_NAME = rf"(?:{_INITIAL})?(?:{_CAP_SYL}|{_UPPER_SYL})(?:\s+(?:{_CAP_SYL}|{_UPPER_SYL})){{0,3}}"
_AUTHOR_LABEL = (
    r"(?:(?:Bài(?: và ảnh| và Ảnh|, ảnh)?|Tin(?: và ảnh|, ảnh)?|Tác giả|Nhóm PV|PV|Bài viết)"
    r"\s*[:.]\s*)"
)
# A byline: names, optionally labelled ("Bài và ảnh:"), optionally followed by the author's
# unit after a dash ("Hoàng Hà Vy - Phòng Quản lý doanh nghiệp") or a note in brackets.
_UNIT = (r"(?:Phòng|Ban|Văn phòng|Trung tâm|Báo|Đài|TTXVN|Sở|Cục|Chi cục|Đồn|Hội|Tạp chí|"
         r"Cổng|Trang|Bộ|Ủy ban|UBND|BQL|Thông tấn xã)")
_AUTHOR_LINE = re.compile(
    rf"^{_AUTHOR_LABEL}?(?P<names>{_NAME}(?:\s*(?:,|và|-)\s*{_NAME})*)"
    rf"(?:\s*[-–]\s*{_UNIT}[^\n:]{{0,60}}|\s*\([^)\n]{{1,40}}\))?\s*$"
)
_LOWER_WORD = re.compile(rf"\b[{LOWER}]")
_DATE_NUM = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?"
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"


# Source attributions and captions look like names but are not bylines ("Theo TTXVN").
_NOT_BYLINE = re.compile(r"^(?:Theo|Nguồn|Ảnh|Video|Clip|Tags?|Xem|Đọc|Chia sẻ|Tin liên quan)\b",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Layout:
    """Positions (in the normalized text) of the parts the cleaner found."""

    headline: tuple[int, int] | None
    dateline: tuple[int, int] | None
    authors: list[tuple[int, int]]


def author_names(line: str) -> list[str] | None:
    """The author names in a byline line, Title Case, or None if it is not a byline."""
    line = line.strip()
    if not line or len(line) > 90:
        return None
    if _NOT_BYLINE.match(line):
        return None
    m = _AUTHOR_LINE.match(line)
    if not m:
        return None
    names_part = m.group("names")
    parts = re.split(r"\s*(?:,|\bvà\b|\s-\s)\s*", names_part)
    out: list[str] = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if _LOWER_WORD.search(p):
            return None
        out.append(_title_case(p))
    return out or None


def _title_case(name: str) -> str:
    def cap(w: str) -> str:
        if "." in w:
            return ".".join(x[:1].upper() + x[1:].lower() if len(x) > 1 else x.upper()
                            for x in w.split("."))
        return w[:1].upper() + w[1:].lower()

    return " ".join(cap(w) for w in name.split())


def is_dateline(line: str, labels: list[str], weekdays: list[str]) -> bool:
    """A byline date-time: weekday and date, a labelled date, or a scraped ISO date."""
    s = line.strip()
    if not s or len(s) > 80:
        return False
    wd = "|".join(re.escape(w) for w in sorted(weekdays, key=len, reverse=True))
    lab = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    pats = [
        rf"^(?:{wd})\s*,?\s*(?:ngày\s*)?{_DATE_NUM}(?:\s*[-,|]?\s*{_TIME})?(?:\s*\(?GMT[+-]\d+\)?)?$",
        rf"^(?:{_TIME}\s*,?\s*)?(?:{wd})?\s*,?\s*{_DATE_NUM}\s*[-,|]?\s*{_TIME}(?:\s*\(?GMT[+-]\d+\)?)?$",
        rf"^(?:{lab})\s*:?\s*(?:{_TIME}\s*[-,|]?\s*)?(?:(?:{wd})\s*,?\s*)?(?:{_DATE_NUM}|{_ISO})"
        rf"(?:\s*[-,|]?\s*{_TIME})?(?:\s*\(?GMT[+-]\d+\)?)?$",
    ]
    return any(re.match(p, s, re.IGNORECASE) for p in pats)


class Cleaner:
    """Stage: normalize the source and blank site furniture."""

    name = "clean"

    @cached_property
    def _tables(self) -> tuple[list[re.Pattern[str]], ...]:
        t = gazetteers.load("furniture")
        comp = [[re.compile(p, re.IGNORECASE) for p in group]
                for group in (t.line, t.cut, t.masthead, t.inline)]
        return tuple(comp)

    @cached_property
    def _dates(self) -> gazetteers.DatesTable:
        table: gazetteers.DatesTable = gazetteers.load("dates")
        return table

    def classify(self, line: str) -> str | None:
        """Which furniture group a stripped line belongs to ('line', 'cut', 'masthead')."""
        line_p, cut_p, mast_p, _ = self._tables
        s = line.strip()
        if any(p.match(s) for p in cut_p):
            return "cut"
        if any(p.match(s) for p in line_p):
            return "line"
        if any(p.match(s) for p in mast_p):
            return "masthead"
        return None

    def __call__(self, doc: Document) -> None:
        doc.norm = normalize(doc.source)
        chars = list(doc.norm.text)
        layout = self._layout(doc.norm.text, chars)
        doc.text = "".join(chars)
        doc.headline = layout.headline
        doc.dateline = layout.dateline
        doc.author_spans = layout.authors

    def _layout(self, text: str, chars: list[str]) -> Layout:
        line_p, cut_p, mast_p, inline_p = self._tables
        dates = self._dates
        lines: list[tuple[int, int]] = []
        pos = 0
        for raw in text.split("\n"):
            lines.append((pos, pos + len(raw)))
            pos += len(raw) + 1

        def blank(s: int, e: int) -> None:
            for i in range(s, e):
                if chars[i] != "\n":
                    chars[i] = " "

        live: list[int] = []  # indexes of lines that are not furniture
        for i, (s, e) in enumerate(lines):
            content = text[s:e].strip()
            if not content:
                continue
            if any(p.match(content) for p in cut_p):
                blank(s, len(text))
                break
            if any(p.match(content) for p in line_p):
                blank(s, e)
                continue
            live.append(i)

        # The body starts at the first paragraph-like line; what stands before is masthead.
        body_i = next((i for i in live if self._is_paragraph(text[slice(*lines[i])])), None)
        headline: tuple[int, int] | None = None
        dateline: tuple[int, int] | None = None
        authors: list[tuple[int, int]] = []
        if body_i is not None:
            mast = [i for i in live if i < body_i]
            title_i = None
            for i in mast:
                content = text[slice(*lines[i])].strip()
                if (self._is_titlelike(content)
                        and not any(p.match(content) for p in mast_p)
                        and not is_dateline(content, dates.published_label, dates.weekday)):
                    title_i = i
            for i in mast:
                s, e = lines[i]
                content = text[s:e].strip()
                if i == title_i:
                    headline = strip_span(text, s, e)
                elif is_dateline(content, dates.published_label, dates.weekday) and (
                        title_i is None or i > title_i or re.search(r"\d[:h]\d\d", content)):
                    dateline = dateline or strip_span(text, s, e)
                elif author_names(content) is not None and (
                        (title_i is not None and i > title_i)
                        or self._near_dateline(text, lines, mast, i, dates)):
                    authors.append(strip_span(text, s, e))
                else:
                    blank(s, e)
            live = [i for i in live if i >= body_i]
        # Datelines inside the body region (some portals put them after the lead or at the end).
        for i in live:
            s, e = lines[i]
            if dateline is None and is_dateline(text[s:e], dates.published_label, dates.weekday):
                dateline = strip_span(text, s, e)
        # A byline at the end: the last live lines if they look like author names (a
        # dateline may stand after it: "Tin, ảnh: Quang Minh / Ngày đăng: 18/04/2025").
        for i in reversed(live):
            s, e = lines[i]
            content = "".join(chars[s:e]).strip()
            if not content:
                continue
            if is_dateline(content, dates.published_label, dates.weekday):
                continue
            if author_names(content) is not None and not self._is_paragraph(content):
                authors.append(strip_span(text, s, e))
                continue
            break
        for s, e in authors:
            # Only the names: a unit after the dash ("- Phòng Quản lý doanh nghiệp") is text.
            m = _AUTHOR_LINE.match(text[s:e])
            blank(s, s + m.end("names") if m else e)
        for i in live:
            s, e = lines[i]
            line_text = "".join(chars[s:e])
            for p in inline_p:
                for m in p.finditer(line_text):
                    blank(s + m.start(), s + m.end())
        return Layout(headline=headline, dateline=dateline, authors=sorted(authors))

    @staticmethod
    def _is_paragraph(line: str) -> bool:
        words = len(_WORD.findall(line))
        s = line.strip()
        ends = s[-1:] in ".!?…:;\"'"
        return words >= 40 or (words >= 10 and ends)

    @staticmethod
    def _is_titlelike(line: str) -> bool:
        words = len(_WORD.findall(line))
        return 4 <= words <= 60 and line[-1:] not in ":" and author_names(line) is None

    @staticmethod
    def _near_dateline(text: str, lines: list[tuple[int, int]], mast: list[int], i: int,
                       dates: gazetteers.DatesTable) -> bool:
        pos = mast.index(i)
        for j in mast[max(0, pos - 1): pos + 2]:
            if j != i and is_dateline(text[slice(*lines[j])], dates.published_label,
                                      dates.weekday):
                return True
        return False

