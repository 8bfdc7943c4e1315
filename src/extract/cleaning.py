"""Cleaning: normalize for matching and blank site furniture, keeping offsets.

The article is found inside what the portal wraps around it: lines of site furniture (skip
links, accessibility bars, image file names …) are blanked wherever they stand; everything
from a comment box or a related-articles heading on is blanked; before the headline, the
masthead (portal names, slogans, the portal's own current-date display) is blanked except
for byline and dateline lines.  Blanking replaces characters by spaces, so positions stay
valid and nothing blanked can be extracted.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cached_property

from . import gazetteers
from .document import Document
from .text import LOWER, UPPER, alternation, normalize, one_syllable, strip_span

__all__ = ["Cleaner", "Layout", "MetaLine", "MetaParser", "author_names"]

_WORD = re.compile(r"\w+", re.UNICODE)
_CAP_SYL = rf"[{UPPER}][{LOWER}]*"
_UPPER_SYL = rf"[{UPPER}]{{1,8}}"
_INITIAL = r"[A-ZĐ]\.\s?"
_NAME = rf"(?:{_INITIAL})?(?:{_CAP_SYL}|{_UPPER_SYL})(?:\s+(?:{_CAP_SYL}|{_UPPER_SYL})){{0,3}}"
_LOWER_WORD = re.compile(rf"\b[{LOWER}]")
_OUTLET_TAG = re.compile(r"\s+[A-Z]{2,5}$")
_LEAD_DATELINE = re.compile(
    r"[ \t]*(?:[^\n–.]{2,40}?[ \t]+[–-][ \t]+){1,2}(?P<d>(?:[Nn]gày[ \t]+)?\d{1,2}/\d{1,2}/\d{4})"
    r"[ \t]+[–-][ \t]+")
# "Hà Nội (TTXVN 1/12/2000)": a wire's place, then its tag and date in brackets.
_WIRE_DATELINE = re.compile(
    r"\([ \t]*[A-ZĐ][A-Za-zĐđ.]{1,11}[ \t,]+(?P<d>\d{1,2}/\d{1,2}/\d{4})[ \t]*\)")
_NAME_TIME = re.compile(r"(.+?)[ \t]+\d{1,2}[:h]\d{2}")
# "Lê Hà, 12/03/2024 10:20", "Quang Sơn 26/05/2021 12:22": the byline, then its date-time
_NAME_THEN_DATE = re.compile(r"[ \t]*([^\d,\n]{3,40}?)(?:,[ \t]*|[ \t]+)(?=\d{1,2}[/.-]\d)")
_DMY_ANY = re.compile(r"(\d{1,2})(?:[/.-]|\s+[Tt]háng\s+)(\d{1,2})(?:[/.-]|\s*(?:năm|,)?\s*)"
                      r"(\d{4})|(\d{4})-(\d{2})-(\d{2})")


def _ymd(line: str) -> tuple[int, int, int] | None:
    """The first date written in a line, as (year, month, day)."""
    m = _DMY_ANY.search(line)
    if m is None:
        return None
    if m.group(1):
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    return int(m.group(4)), int(m.group(5)), int(m.group(6))


# "Khắc Kiên/VOV Tây Bắc", "Hà Vân / baolaichau.vn": the outlet after a slash
_OUTLET_AFTER_SLASH = re.compile(r"/\s*(?:[A-ZĐ]{2,}|[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org)\b)")
_DATE_NUM = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
_DATE_WORDS = r"\d{1,2}\s+tháng\s+\d{1,2}\s*(?:năm|,)?\s*\d{4}"
_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?"
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"






@dataclass(frozen=True)
class _Byline:
    """The byline grammar, built once from the furniture table's words."""

    line: re.Pattern[str]  # names, a label before, the author's unit or a note after
    not_byline: re.Pattern[str]
    outlet_words: frozenset[str]
    outlet_after_dash: re.Pattern[str]


@functools.cache
def _byline() -> _Byline:
    t: gazetteers.FurnitureTable = gazetteers.load("furniture")
    label = rf"(?:(?:{alternation(t.author_label)})\s*[:.]\s*)"
    unit = rf"(?:{alternation(t.author_unit)})"
    return _Byline(
        # A byline: names, optionally labelled ("Bài và ảnh:"), optionally followed by the
        # author's unit after a dash ("Hoàng Hà Vy - Phòng Quản lý doanh nghiệp") or a note
        # in brackets (or a bracket left open: a text cut inside the unit, "Kim Khánh (Đồ").
        line=re.compile(
            rf"^{label}?(?P<names>{_NAME}(?:\s*(?:,|và|-)\s*{_NAME})*)"
            rf"(?:\s*[-–]\s*{unit}[^\n:]{{0,60}}|\s*\([^)\n]{{1,40}}\)|\s*\([^)\n]{{0,40}}$)?"
            rf"\s*$"),
        not_byline=re.compile(rf"^(?:{alternation(t.not_byline)})\b", re.IGNORECASE)
        if t.not_byline else re.compile("(?!)"),
        outlet_words=frozenset(w.lower() for w in t.outlet_word),
        # ("Minh Anh - Báo Cao Bằng", "Đức Anh/Báo Lạng Sơn")
        outlet_after_dash=re.compile(
            rf"(?:\s[-–]\s*|\s*/\s*)(?:{alternation(t.outlet_after_dash)})\b.*$")
        if t.outlet_after_dash else re.compile("(?!)"),
    )


@dataclass(frozen=True)
class Layout:
    """Positions (in the normalized text) of the parts the cleaner found."""

    headline: tuple[int, int] | None
    dateline: tuple[int, int] | None
    authors: list[tuple[int, int]]
    masthead_date: tuple[int, int] | None = None


def author_names(line: str) -> list[str] | None:
    """The author names in a byline line, Title Case, or None if it is not a byline."""
    # "Nguyễn Duy Chiến |": a bar after the name separates it from fields left empty.
    b = _byline()
    line = line.strip().strip("|").strip()
    if "/" in line and _OUTLET_AFTER_SLASH.search(line):
        line = line.split("/", 1)[0].strip()  # "Khắc Kiên/VOV Tây Bắc": the outlet after
    outlet = b.outlet_after_dash.search(line)
    if outlet is not None:
        line = line[:outlet.start()].strip()  # "Minh Anh - Báo Cao Bằng": the outlet after
    if not line or len(line) > 90:
        return None
    if b.not_byline.match(line) or any(w.lower() in b.outlet_words for w in line.split()):
        return None
    m = b.line.match(line)
    if not m:
        return None
    names_part = m.group("names")
    parts = re.split(r"\s*(?:,|\bvà\b|\s-\s)\s*", names_part)
    out: list[str] = []
    for p in parts:
        p = p.strip()
        if " " not in p and p.isupper() and len(p) <= 5:
            return None  # "DIC", "BLC": a site's or outlet's acronym, not a name
        if " " in p and _OUTLET_TAG.search(p) and not p.isupper():
            p = _OUTLET_TAG.sub("", p)  # "Tân Văn LDO": the outlet's tag after the name
        if not p:
            continue
        if _LOWER_WORD.search(p):
            return None
        if not all(one_syllable(w) for w in p.split() if not w.endswith(".")):
            return None  # "Analytic", "Admin": a site's word, not a Vietnamese name
        if all(len(w) == 1 for w in p.split()):
            return None  # "A  A": a page's font-size buttons
        out.append(_title_case(p))
    return out or None


def _title_case(name: str) -> str:
    def cap(w: str) -> str:
        if "." in w:
            return ".".join(x[:1].upper() + x[1:].lower() if len(x) > 1 else x.upper()
                            for x in w.split("."))
        return w[:1].upper() + w[1:].lower()

    return " ".join(cap(w) for w in name.split())


_DIGIT = re.compile(r"\d")
# Fields of a metadata line; " - " too ("Tên Tác Giả - 16:19, 29/11/2023").
_BULLET = re.compile(r"[ \t]*[•·*▪►][ \t]*")
_META_SPLIT = re.compile(r"\s*\|\s*|\s{2,}|\s+[·•]\s+|\s+-\s+")


@dataclass(frozen=True)
class MetaLine:
    """A line of article metadata: date-time fields, labelled fields ("Tác giả: …")."""

    has_date: bool
    has_time: bool
    authors: list[tuple[int, int]]  # spans, relative to the line, of author names


class MetaParser:
    """Reads metadata lines in the many shapes portals print them:
    "Thứ ba, 27/05/2025 - 21:33", "15:47 | 18/06/2025", "Đăng lúc 18:45 ngày 03/04/2025",
    "2025-03-21 10:35:12    Tác giả: Lưu Gia Linh    Biên tập: Trần Hải",
    "Tác giả: Lò Thủy  |  Ngày đăng: 23/10/2024  |  Lượt xem: 1.245"."""

    def __init__(self, dates: gazetteers.DatesTable, furniture: gazetteers.FurnitureTable):
        wd = alternation(dates.weekday)
        lab = alternation(dates.published_label)
        time = r"(?:lúc\s*)?\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?"
        date = (rf"(?:ngày\s*)?(?:{_DATE_NUM}|{_DATE_WORDS}|\d{{4}}-\d{{2}}-\d{{2}}"
                r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)")
        gmt = r"(?:\s*[(\[]?GMT\s*[+-]\s*\d{1,2}(?::?\d{2})?[)\]]?)?"
        self._date = re.compile(
            rf"(?:(?:{lab})\s*:?\s*)?(?:(?:{wd})\s*,?\s*)?(?:{time}\s*[-,|]?\s*)?"
            rf"(?:(?:{wd})\s*,?\s*)?{date}(?:\s*[-,|]?\s*{time})?{gmt}", re.IGNORECASE)
        self._time = re.compile(rf"{time}{gmt}", re.IGNORECASE)
        # (a month alone, "date 2021-12", gives no publication date but the article's month)
        self._opening = re.compile(
            rf"[ \t]*(?:{alternation(furniture.opening_label)})[ \t]*:?[ \t]*"
            rf"(?:{date}|\d{{4}}-(?:0[1-9]|1[0-2])(?![\d-]))"
            rf"(?:[ \t]*[-,|]?[ \t]*{time})?{gmt}(?=\s|$)", re.IGNORECASE) \
            if furniture.opening_label else None
        self._author_label = re.compile(
            rf"(?:{alternation(furniture.author_label)})\s*:\s*", re.IGNORECASE)
        self._trailer = re.compile(
            "|".join(f"(?:{p})" for p in furniture.meta_trailer) or "(?!)", re.IGNORECASE)
        self._meta_label = re.compile(
            rf"(?:{alternation(furniture.meta_label)})\s*:", re.IGNORECASE)
        self._icon = re.compile(rf"[ \t]*(?:{alternation(furniture.icon_word)})(?=[{UPPER}\d])") \
            if furniture.icon_word else None

    def opening(self, line: str) -> int | None:
        """Length of a scraper's metadata date field opening ``line``, if there is one."""
        m = self._opening.match(line) if self._opening is not None else None
        return m.end() if m else None

    def parse(self, line: str) -> MetaLine | None:
        if not line.strip() or len(line) > 200 or (":" not in line and not _DIGIT.search(line)):
            return None  # a metadata line has a date or a labelled field
        # An icon's name glued before it, a list bullet: blanked in place, so that the
        # fields keep their offsets in the line.
        icon = self._icon.match(line) if self._icon is not None else None
        if icon is not None:
            line = " " * icon.end() + line[icon.end():]
        bullet = _BULLET.match(line)
        if bullet is not None:
            line = " " * bullet.end() + line[bullet.end():]
        glued = self._date_then(line)
        if glued is not None:
            return glued
        named = _NAME_THEN_DATE.match(line)
        if named is not None and not self._date.fullmatch(line.strip()) \
                and self._date.fullmatch(line[named.end():].strip()) \
                and author_names(named.group(1)) is not None:
            # "Lê Hà, 12/03/2024 10:20": the byline and its date-time after a comma
            return MetaLine(has_date=True, has_time=bool(re.search(r"\d[:h]\d\d", line)),
                            authors=[named.span(1)])
        has_date = has_time = False
        authors: list[tuple[int, int]] = []
        loose = 0  # short unlabelled fields ("Cỡ chữ: Lớn  Vừa  Nhỏ"): tolerated beside a date
        unlabelled = False
        pos = 0
        for sep in [*_META_SPLIT.finditer(line), None]:
            end = sep.start() if sep else len(line)
            field = line[pos:end]
            start = pos
            pos = sep.end() if sep else len(line)
            lead = len(field) - len(field.lstrip())
            field = field.strip()
            if not field:
                continue
            if self._date.fullmatch(field):
                has_date = True
            elif self._time.fullmatch(field):
                has_time = True
            elif m := self._author_label.match(field):
                if author_names(field[m.end():]) is None:
                    return None
                authors.append((start + lead + m.end(), start + lead + len(field)))
            elif author_names(field) is not None and len(field.split()) >= 2:
                # An unlabelled byline beside the date: "14:20 | 18/04/2024 | Ngọc Anh".
                authors.append((start + lead, start + lead + len(field)))
                unlabelled = True
            elif (nt := _NAME_TIME.fullmatch(field)) is not None and \
                    author_names(nt.group(1)) is not None and len(nt.group(1).split()) >= 2:
                # "Nguyên An 20:43 | 08/07/2024": the name and the time in one field
                authors.append((start + lead, start + lead + nt.end(1)))
                has_time = True
                unlabelled = True
            elif not self._meta_label.match(field):
                if len(field.split()) > 2 or loose >= 3 or re.search(r"[.!?;]", field):
                    return None
                loose += 1
        if not has_date and (not authors or loose or unlabelled):
            return None
        has_time = has_time or bool(re.search(r"\d[:h]\d\d", line))
        return MetaLine(has_date=has_date, has_time=has_time, authors=authors)

    def _date_then(self, line: str) -> MetaLine | None:
        """A date-time with the byline or a counter after it and no separator: "Thứ sáu,
        07:55, 24/01/2025 Khắc Kiên/VOV Tây Bắc", "30/08/2019 00:00 99 lượt xem"."""
        lead = len(line) - len(line.lstrip())
        m = self._date.match(line, lead)
        if m is None or m.end() >= len(line.rstrip()) or not line[m.end()].isspace():
            return None
        rest_at = m.end() + len(line[m.end():]) - len(line[m.end():].lstrip(" \t,-|"))
        rest = line[rest_at:].rstrip()
        has_time = bool(re.search(r"\d[:h]\d\d", line[:m.end()]))
        if self._trailer.fullmatch(rest):
            return MetaLine(has_date=True, has_time=has_time, authors=[])
        names = author_names(rest)
        if names is None:
            return None
        return MetaLine(has_date=True, has_time=has_time,
                        authors=[(rest_at, rest_at + len(rest))])


class Cleaner:
    """Stage: normalize the source and blank site furniture."""

    name = "clean"

    @cached_property
    def _tables(self) -> tuple[list[re.Pattern[str]], ...]:
        """Each furniture group compiled as one alternation: one regex call per line."""
        t = gazetteers.load("furniture")
        joined = [[re.compile("|".join(f"(?:{p})" for p in group), re.IGNORECASE)]
                  if group else [] for group in (t.line, t.cut, t.masthead)]
        return (*joined, [re.compile(p, re.IGNORECASE) for p in t.inline])

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
        doc.masthead_date = layout.masthead_date

    @cached_property
    def _meta(self) -> MetaParser:
        return MetaParser(self._dates, gazetteers.load("furniture"))

    def _layout(self, text: str, chars: list[str]) -> Layout:
        line_p, cut_p, mast_p, inline_p = self._tables
        meta = self._meta
        lines: list[tuple[int, int]] = []
        pos = 0
        for raw in text.split("\n"):
            lines.append((pos, pos + len(raw)))
            pos += len(raw) + 1

        def blank(s: int, e: int) -> None:
            for i in range(s, e):
                if chars[i] != "\n":
                    chars[i] = " "

        # Photo credits inside lines first, so every later decision sees the line as a
        # second pass would (cleaning must be idempotent).
        for s, e in lines:
            for p in inline_p:
                for m in p.finditer(text, s, e):
                    blank(m.start(), m.end())
        text = "".join(chars)

        authors: list[tuple[int, int]] = []
        dateline: tuple[int, int] | None = None
        # A scraper's metadata field glued before the article's first words: the field is
        # the dateline, the rest of the line is the article.
        opening: tuple[int, int] | None = None
        first = next(((s, e) for s, e in lines if text[s:e].strip()), None)
        if first is not None:
            n = meta.opening(text[first[0]:first[1]])
            if n is not None and text[first[0] + n:first[1]].strip():
                dateline = opening = strip_span(text, first[0], first[0] + n)

        metas: dict[int, MetaLine] = {}
        live: list[int] = []  # indexes of lines that are not furniture
        for i, (s, e) in enumerate(lines):
            content = text[s:e].strip()
            if not content:
                continue
            if any(p.match(content) for p in cut_p):
                blank(s, len(text))
                break
            found = meta.parse(text[s:e])
            if found is not None:
                metas[i] = found
            elif any(p.match(content) for p in line_p):
                blank(s, e)
                continue
            live.append(i)

        def dated(i: int) -> bool:
            return i in metas and metas[i].has_date

        def take_meta(i: int) -> None:
            nonlocal dateline
            s, e = lines[i]
            if dated(i) and (dateline is None or (
                    dateline == opening and metas[i].has_time
                    and _ymd(text[slice(*dateline)]) == _ymd(text[s:e]))):
                # (the scraper's date field without a time yields to the byline's date-time
                # of the same day: "date 2025-10-22" … "22/10/2025, 10:00")
                dateline = strip_span(text, s, e)
            authors.extend((s + a, s + b) for a, b in metas[i].authors)

        # The body starts at the first paragraph-like line; what stands before is masthead.
        body_i = next((i for i in live if self._is_paragraph(text[slice(*lines[i])])
                       and i not in metas), None)
        headline: tuple[int, int] | None = None
        masthead_date: tuple[int, int] | None = None
        pending: int | None = None  # a date-time line above the headline, held back
        if body_i is not None:
            mast = [i for i in live if i < body_i]
            title_i = None
            titlelike: list[int] = []
            for i in mast:
                content = text[slice(*lines[i])].strip()
                if (self._is_titlelike(content) and i not in metas
                        and not any(p.match(content) for p in mast_p)):
                    title_i = i
                    titlelike.append(i)
            # "Headline / Mỹ Diệu / Phòng Quản lý Biên giới, Sở Ngoại vụ": a name line
            # between two title-like lines is the byline; the line after it is the author's
            # office (text, not the headline).
            office_i = None
            if len(titlelike) >= 2 and title_i is not None:
                k = mast.index(title_i)
                if k >= 2 and mast[k - 2] == titlelike[-2] and author_names(
                        text[slice(*lines[mast[k - 1]])].strip()) is not None:
                    office_i, title_i = title_i, titlelike[-2]
            for n, i in enumerate(mast):
                s, e = lines[i]
                content = text[s:e].strip()
                if i == title_i:
                    headline = strip_span(text, s, e)
                elif i == office_i:
                    continue
                elif i in metas and title_i is not None and i < title_i and dated(i) \
                        and metas[i].has_time and not metas[i].authors and pending is None:
                    # A date-time above the headline is a byline's only when no dated line
                    # below the headline states the article's own: otherwise it is the
                    # portal's header clock ("Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27"
                    # over an article of 2018).
                    pending = i
                elif i in metas and (title_i is None or i > title_i or metas[i].has_time
                                     or not dated(i)):
                    # Before the headline a bare date is the portal's "today", not the
                    # article's date; a date with a time is a byline.
                    take_meta(i)
                elif author_names(content) is not None and (
                        (title_i is not None and i > title_i)
                        or any(dated(j) for j in mast[max(0, n - 1): n + 2] if j != i)):
                    authors.append(strip_span(text, s, e))
                else:
                    if dated(i) and masthead_date is None and "GMT" not in content:
                        masthead_date = strip_span(text, s, e)
                    blank(s, e)
            live = [i for i in live if i >= body_i]
        # Metadata lines in the body region (after the lead, or at the foot of the page).
        for i in live:
            if i in metas:
                take_meta(i)
        if pending is not None:
            if dateline is None:
                take_meta(pending)
            else:
                ps, pe = lines[pending]
                if masthead_date is None:
                    masthead_date = strip_span(text, ps, pe)
                blank(ps, pe)
        # A byline at the foot: author lines among the last short lines (datelines, "PV",
        # share bars may stand around it).
        skipped = 0
        for i in reversed(live):
            s, e = lines[i]
            content = "".join(chars[s:e]).strip()
            if not _WORD.search(content) or i in metas:
                continue  # stray punctuation lines after the foot byline (";", ".")
            if author_names(content) is not None and not self._is_paragraph(content) \
                    and (" " in content or re.match(_INITIAL, content)):
                # (one capitalized syllable left at the foot is a text cut off, not a name;
                # an initial and a name, "L.THANH", is a byline)
                authors.append(strip_span(text, s, e))
                continue
            if (skipped < 2 and len(_WORD.findall(content)) <= 6
                    and content[-1:] not in ".!?:;"):
                skipped += 1
                continue
            break
        if dateline is None:
            # "Lào Cai Online – Hồng Hà, Vân Nam – Ngày 26/11/2024 – Hội chợ …": the wire's
            # dateline opening the lead.
            for i in live[:3]:
                lead = _LEAD_DATELINE.match(text, lines[i][0], lines[i][1]) or \
                    _WIRE_DATELINE.search(text, lines[i][0], lines[i][1])
                if lead:
                    dateline = lead.span("d")
                    break
            if dateline is None and headline is not None:
                # ("Phiên họp … VN-TQHà Nội (Ttxvn 1/12/2000)": glued to the headline)
                wire = _WIRE_DATELINE.search(text, *headline)
                if wire:
                    dateline = wire.span("d")
        if opening is not None:
            # The opening field stays readable even when the rest of its line is masthead
            # ("date 2025-10-29 Tin tức"): it is the article's own date.
            chars[opening[0]:opening[1]] = text[opening[0]:opening[1]]
        for s, e in authors:
            # Only the names: a unit after the dash ("- Phòng Quản lý doanh nghiệp") is text.
            byline = _byline().line.match(text[s:e])
            blank(s, s + byline.end("names") if byline else e)
        return Layout(headline=headline, dateline=dateline, authors=sorted(set(authors)),
                      masthead_date=masthead_date)

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


