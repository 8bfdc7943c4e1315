"""Dates: calendar expressions as ISO values with a granularity.

Rules only; no date library guesses on free text.  Each rule is a regular expression over
the normalized text; the first rule to claim a stretch wins, so spans ("từ ngày 30/10-1/11/
2022") are tried before their parts.  A day-month without a year ("Ngày 27/5") takes its
year from the article's own date and only then; numbers after "mốc", "số", "Công văn" … are
document or marker numbers, never dates.  Output never depends on today's date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date, timedelta

from .. import gazetteers
from ..document import DateHit, Document
from ._match import alternation
from .metadata import parse_dateline

__all__ = ["DateRecognizer", "roman_to_int"]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_Y = r"(?:19\d\d|20\d\d|2100)"
_Y_FULL = r"(?:18[5-9]\d|19\d\d|20\d\d|2100)"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_SEP = r"[/.-]"


def _lead(words: list[str], digits: bool = False) -> str:
    """A lookahead of the characters a rule can start with: the regex engine then skips
    every other position at once (a several-fold speed-up on long texts)."""
    chars = {c for w in words for c in (w[:1].lower(), w[:1].upper()) if c}
    cls = "".join(re.escape(c) for c in sorted(chars)) + ("\\d" if digits else "")
    return f"(?=[{cls}])"


def roman_to_int(q: str) -> int:
    return _ROMAN.get(q.upper(), 0) or int(q)



def _day(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], date | None], tuple[str, str] | None]]


class DateRecognizer:
    """Stage: find dates in the article body."""

    name = "dates"

    def __init__(self) -> None:
        t: gazetteers.DatesTable = gazetteers.load("dates")
        self._blocked = re.compile(rf"(?<!\w)(?:{alternation(t.blocked_before)})\s*[:.]?\s*$")
        dayw = alternation(t.day_word)
        part = alternation(t.day_part)
        opener = alternation(t.span_opener)
        yctx = alternation(t.year_context)
        flags = re.IGNORECASE
        # First-character lookaheads (see _lead), one per rule family.
        ld_day, ld_day_num = _lead(t.day_word), _lead(t.day_word, True)
        ld_tu, ld_quy, ld_thang = _lead(["từ"]), _lead(["quý"]), _lead(["tháng"])
        ld_month = _lead(["đầu", "giữa", "cuối", "trong", "hết", "tháng"])
        ld_open, ld_year = _lead(t.span_opener), _lead(t.year_context)
        ld_part = _lead(t.day_part + t.day_word, True)
        ld_event = _lead(t.event_word) if t.event_word else ""
        r: list[Rule] = []
        # "mùng 1 Tết Kỷ Hợi 2019", "mồng 3 Tết": a day of the lunar new year, on the
        # Gregorian calendar through the table of Tết days (the year, from what follows or
        # the article's); grounded on "mùng N" so that "Tết … 2019" still gives its year.
        self._tet = {d.year: d for d in t.lunar_new_year}
        lunar = alternation(t.lunar_year_name) if t.lunar_year_name else "(?!)"
        if self._tet and t.lunar_day_word and t.lunar_new_year_word:
            tetw = alternation(t.lunar_new_year_word)
            r.append((re.compile(
                rf"{_lead(t.lunar_day_word)}(?<!\w)(?P<v>(?:{alternation(t.lunar_day_word)})\s+"
                rf"(?P<n>10|[1-9]))(?=\s+(?:{tetw})(?:\s+(?P<cc>{lunar}))?"
                rf"(?:\s+(?:năm\s+)?(?P<y>{_Y}))?(?![\d/]))"), self._tet_day))
            # "Tết Nguyên đán Canh Tý" with no year written: the year that Tết opens
            r.append((re.compile(
                rf"{_lead(t.lunar_new_year_word)}(?<!\w)(?:{tetw})\s+(?P<v>{lunar})(?![\w])"
                rf"(?!\s*(?:năm\s*)?\d)"), self._tet_year))
        # 18-1-1950 - 18-1-2025: a span of two full dates.
        r.append((re.compile(
            rf"(?=\d)(?<![\d/])(?P<d1>{_D}){_SEP}(?P<m1>{_M}){_SEP}(?P<y1>{_Y})"
            rf"\s*(?:-|đến(?:\s+hết)?(?:\s+ngày)?)\s*"
            rf"(?P<d2>{_D}){_SEP}(?P<m2>{_M}){_SEP}(?P<y2>{_Y})(?![\d/])"), self._span_full))
        # "từ 9h00 (giờ Hà Nội) ngày 15/9/2023 đến 16h00 … ngày 14/9/2024", "từ sau Hội đàm
        # lần thứ 13 năm 2019 đến năm 2022": a span whose ends carry words between them (a
        # time of day, the event that opened it), within one clause.
        r.append((re.compile(
            rf"{ld_tu}(?<!\w)từ\s[^.;:\n]{{0,60}}?ngày\s+(?P<d1>{_D}){_SEP}(?P<m1>{_M}){_SEP}"
            rf"(?P<y1>{_Y})\s+đến\s[^.;:\n]{{0,60}}?ngày\s+(?P<d2>{_D}){_SEP}(?P<m2>{_M}){_SEP}"
            rf"(?P<y2>{_Y})(?![\d/])", flags), self._span_full))
        r.append((re.compile(
            rf"{ld_tu}(?<!\w)từ\s[^.;:\n]{{0,50}}?năm\s+(?P<y1>{_Y})\s+đến\s+(?:hết\s+)?năm\s+"
            rf"(?P<y2>{_Y})(?![\d/])", flags), self._span_years))
        # từ tháng 3 đến tháng 7/2024 (the article's year when none is written)
        r.append((re.compile(
            rf"{ld_tu}(?<!\w)từ\s+tháng\s+(?P<m1>{_M})(?:\s*/\s*(?P<y1>{_Y}))?\s*(?:-|đến)\s*"
            rf"tháng\s+(?P<m2>{_M})(?:\s*(?:/|năm)\s*(?P<y>{_Y}))?(?![\d/])", flags),
            self._span_months))
        # "Tính từ đầu năm 2025 đến hết tháng 11": from a year's start to a month of it.
        head = alternation(t.year_head) if t.year_head else "(?!)"
        r.append((re.compile(
            rf"{ld_tu}(?<!\w)từ\s+(?:{head})\s+năm\s+(?P<y>{_Y})\s*(?:-|đến)\s*(?:hết\s+|"
            rf"cuối\s+)?tháng\s+(?P<m>{_M})(?![\d/]|[-.]\d)", flags), self._year_to_month))
        # từ ngày 30/10-1/11/2022, từ ngày 28/11 đến ngày 2/12: two days sharing a year
        # (the article's year when none is written).
        r.append((re.compile(
            rf"(?=\d)(?<![\d/])(?P<d1>{_D})/[ ]?(?P<m1>{_M})\s*(?:-|đến(?: ngày)?)\s*"
            rf"(?P<d2>{_D})/(?P<m2>{_M})(?:(?:/|\s+năm\s+)(?P<y>{_Y}))?(?![\d/])", flags),
            self._span_dm))
        # từ ngày 29.8 - 2.9: two day-months with dots, only after a day word (a bare
        # "29.8 - 2.9" may be figures)
        r.append((re.compile(
            rf"{ld_day}(?<!\w)(?:{dayw})\s+(?P<d1>{_D})\.(?P<m1>{_M})\s*(?:-|đến(?: ngày)?)\s*"
            rf"(?P<d2>{_D})\.(?P<m2>{_M})(?:\.(?P<y>{_Y}))?(?![\d%]|[.,]\d)", flags),
            self._span_dm))
        # ngày 5 - 7/6/2024, từ ngày 8 đến 12/7, từ ngày 21 đến ngày 23 tháng 4: two days
        # sharing a month.
        dspan = alternation(t.day_word + t.day_span_opener)
        ld_dspan = _lead(t.day_word + t.day_span_opener)
        r.append((re.compile(
            rf"{ld_dspan}(?<!\w)(?:{dspan})\s+(?P<d1>{_D})\s*(?:-|đến(?: ngày)?)\s*(?P<d2>{_D})"
            rf"(?:/|\.|-|\s+tháng\s+)(?P<m>{_M})(?:(?:/|\.|-|\s*năm\s*)(?P<y>{_Y}))?(?![\d/])",
            flags),
            self._span_d))
        # ngày 8 tháng 1 năm 2015; Ngày 22 tháng 4 (the article's year)
        r.append((re.compile(
            rf"{ld_day_num}(?<!\w)(?P<dw>(?:{dayw})\s+)?(?P<d>{_D})\s+tháng\s+(?P<m>{_M})"
            rf"(?:\s*(?:năm|,)\s*(?P<y>{_Y}))?(?![\d/])", flags), self._words_day))
        # 20/3/2014, 27-05-2025, 4.5.2018; "11-3- 2014" (a space slipped before the year);
        # the border conventions' "26/6/1887" (years before 1900 only in a full date)
        r.append((re.compile(
            rf"(?=\d)(?<![\d/.,])(?P<d>{_D})(?P<s>{_SEP})(?P<m>{_M})(?P=s)[ ]?(?P<y>{_Y_FULL})"
            rf"(?![\d]|/\w)"),
            self._full))
        # "ngày 2/3 năm 2001": a day-month, then its year in words.
        r.append((re.compile(
            rf"(?=\d)(?<![\d/.,])(?P<d>{_D})(?P<s>[/-])(?P<m>{_M})\s+năm\s+(?P<y>{_Y})(?![\d/])",
            flags), self._full))
        # 2025-11-28 (scraped metadata)
        r.append((re.compile(rf"(?=\d)(?<![\d/-])(?P<y>{_Y})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?!\d)"),
                  self._full))
        # date 2021-12: a scraper's month field opening the text
        opening = gazetteers.load("furniture").opening_label
        if opening:
            r.append((re.compile(
                rf"(?<![\w-])(?:{alternation(opening)})[ \t]*:?[ \t]*(?P<v>(?P<y>{_Y})-"
                rf"(?P<m>0[1-9]|1[0-2]))(?![\d-])", flags), self._month))
        # từ quý I đến quý III/2025
        r.append((re.compile(
            rf"{ld_tu}(?<!\w)từ\s+quý\s+(?P<q1>IV|I{{1,3}}|[1-4])\s+đến\s+quý\s+(?P<q2>IV|I{{1,3}}|[1-4])"
            rf"\s*(?:/|năm|-)\s*(?P<y>{_Y})(?!\d)", flags), self._span_quarters))
        # quý IV/2018, quý 3 năm 2025
        r.append((re.compile(
            rf"{ld_quy}(?<!\w)quý\s+(?P<q>IV|I{{1,3}}|[1-4])\s*(?:/|năm|-)\s*(?P<y>{_Y})(?!\d)",
            flags),
            self._quarter))
        # tháng 12/2013, tháng 9 năm 2024
        r.append((re.compile(
            rf"{ld_thang}(?<!\w)tháng\s+(?P<m>{_M})\s*(?:/|-|\.|năm|,\s*năm)\s*(?P<y>{_Y})(?!\d)",
            flags),
            self._month))
        # trong quý II, đầu tháng 9: the article's year
        r.append((re.compile(
            rf"{ld_quy}(?<!\w)quý\s+(?P<q>IV|I{{1,3}}|[1-4])(?![\w/]|\s*(?:/|năm|-)\s*\d)", flags),
            self._quarter_ref))
        r.append((re.compile(
            rf"{ld_month}(?<!\w)(?:(?:đầu|giữa|cuối|trong|hết)\s+)?tháng\s+(?P<m>{_M})"
            rf"(?![\d/]|[-.,]\d|\s*(?:/|năm|-)\s*\d)", flags), self._month_ref))
        # nhiệm kỳ 2015 - 2020, giai đoạn 2021-2025, từ năm 2020 đến năm 2025
        r.append((re.compile(
            rf"{ld_open}(?<!\w)(?:{opener})\s+(?:năm\s+)?(?P<y1>{_Y})\s*(?:-|đến(?: năm)?)\s*"
            rf"(?P<y2>{_Y})"
            rf"(?!\d)", flags), self._span_years))
        # 2/9 (1945 - 2025), 3/2 (1930-2023): an anniversary of a day, from its first year
        # to this one.
        r.append((re.compile(
            rf"(?=\d)(?<![\d/])(?P<d>{_D})[/-](?P<m>{_M})[ \t]*\([ \t]*(?P<y1>{_Y})[ \t]*-[ \t]*"
            rf"(?P<y2>{_Y})[ \t]*\)"), self._span_anniversary))
        # (1950 - 2025): an anniversary written as years in brackets
        r.append((re.compile(rf"(?=\()\(\s*(?P<y1>{_Y})\s*-\s*(?P<y2>{_Y})\s*\)"),
                  self._span_years))
        # Ngày 27/5, sáng 17-4: day-month; the year comes from the article's date.
        r.append((re.compile(
            rf"{ld_part}(?<!\w)(?:(?:{part})\s+\(?)?(?:(?:{dayw})\s+)?(?P<d>{_D})(?P<s>[/-])(?P<m>{_M})"
            rf"(?![\d]|[/-]\d)", flags), self._day_month))
        # Ngày 2.8, sáng 14.9: a dot separates day and month in some outlets' style; only
        # after a day word or part of the day, since a bare "2.8" is a decimal number.
        r.append((re.compile(
            rf"{ld_part}(?<!\w)(?:(?:{part})\s+)?(?:{dayw})\s+(?P<d>{_D})(?P<s>\.)(?P<m>{_M})"
            rf"(?![\d%]|\.\d)", flags), self._day_month))
        r.append((re.compile(
            rf"{ld_part}(?<!\w)(?:{part})\s+(?:(?:{dayw})\s+)?(?P<d>{_D})(?P<s>\.)(?P<m>{_M})"
            rf"(?![\d%]|\.\d)", flags), self._day_month))
        # "năm mới 2017 (1/1)": a year, then the day-month in brackets.
        r.append((re.compile(
            rf"(?=\d)(?<![\d/.,])(?P<y>{_Y})[ \t]*\([ \t]*(?P<d>{_D})[/.-](?P<m>{_M})[ \t]*\)"),
            self._full))
        # năm 2025, đầu Xuân 2025, xuân Ất Tỵ 2025
        r.append((re.compile(rf"{ld_year}(?<!\w)(?:{yctx})\s+(?:(?:{lunar})\s+)?(?P<y>{_Y})(?![\d/-])"),
                  self._year))
        # Hội chợ … (Lào Cai) 2022: an event's edition year, in the same line.
        edition = (rf"(?<!\w)(?:{alternation(t.event_word)})(?:[^.;\n\d]{{0,80}}?)[ \t)]"
                   rf"(?P<y>{_Y})(?![\d/.,-]|\s*-\s*\d)") if t.event_word else "(?!)"
        if t.event_word:
            r.append((re.compile(ld_event + edition), self._event_year))
        # "từ năm 1992, 2018 và 2019": a bare year listed after a year (see _continues).
        r.append((re.compile(rf"(?=\d)(?<![\w/.,-])(?P<y>{_Y})(?![\d/.,-]\d|[\d/-])"),
                  self._listed_year))
        self._rules = r
        # Can-chi names in the order of the sixty-year cycle, Giáp Tý first (1984).
        self._cycle = {n.lower(): i for i, n in enumerate(t.lunar_year_name)}
        self._lunar_year = re.compile(
            rf"(?<!\w)(?P<chap>tháng\s+Chạp\s+)?(?:năm|Tết|xuân)\s+(?P<cc>{lunar})(?![\w])"
            rf"(?!\s*(?:{_Y}|\())", flags) if t.lunar_year_name else re.compile("(?!)")
        self._event_years = re.compile(edition)
        # The year a text fixes for its event when the article's own date is not stated:
        # "Hội đàm công tác năm 2025 … Sáng 30/12", "quý II năm 2018 … Chiều 15-6".
        # (a birth year fixes no year for the article's events: "Nguyễn Văn A (sinh năm
        # 1988)" in a page without a date line)
        born = gazetteers.load("names").birth_context
        yctx_event = alternation(w for w in t.year_context
                                 if w.lower() not in {b.lower() for b in born})
        self._born_before = re.compile(rf"(?<!\w)(?:{alternation(born)})\s*$", re.IGNORECASE) \
            if born else re.compile("(?!)")
        self._text_year = re.compile(
            rf"(?<!\w)(?:(?:{yctx_event})\s+|quý\s+(?:IV|I{{1,3}}|[1-4])\s*[/-]\s*|{_D}[/.-]{_M}[/.-]"
            rf"|\(\s*(?:19|20)\d\d\s*-\s*|tháng\s+{_M}\s*[/.-]\s*)"
            rf"(?P<y>{_Y})(?![\d/-])",
            flags)
        self._text_years: dict[str, int | None] = {}
        self._span_start = re.compile(
            rf"\s*[-–]\s*(?:{_D}[/.-]{_M}[/.-])?{_Y}(?!\d)")
        self._current_period = tuple(w.lower() for w in t.current_period)
        self._past_act = re.compile(rf"(?<!\w)(?:{alternation(t.past_act)})\s+$", flags) \
            if t.past_act else re.compile("(?!)")
        # "năm 2023 huyện đã đầu tư …": a year followed within a few words by a
        # completed-action marker is a period the article looks back on.
        self._past_after = re.compile(
            rf"[\s,]+(?:\S+\s+){{0,3}}?(?:{alternation(t.past_marker)})(?!\w)", flags) \
            if t.past_marker else re.compile("(?!)")
        self._needs_ref = {self._tet_day, self._day_month, self._span_dm, self._span_d,
                           self._words_day, self._month_ref, self._quarter_ref,
                           self._span_months}
        # A bare day-month is a date after a part of the day, a day word or a named day
        # ("Quốc khánh Việt Nam 2/9").
        named = rf"|{alternation(t.holiday)}" if t.holiday else ""
        self._day_ctx = re.compile(
            rf"(?:^|\W)(?:{part}|{dayw}{named})\s*(?:ngày\s*)?\(?\s*$", flags)

    def __call__(self, doc: Document) -> None:
        text = doc.text
        ref = doc.reference_date
        # Claimed stretches never overlap, so sorted by start their ends are sorted too: the
        # last one starting before e is the only one that can overlap [s, e) (a scan of all
        # of them per candidate made long date lists quadratic).
        taken_starts: list[int] = []
        taken_ends: list[int] = []
        day_ends: dict[int, list[DateHit]] = {}  # day hits by end, for _continues
        year_ends: dict[int, list[DateHit]] = {}  # year hits by end, likewise
        hits: list[DateHit] = []
        for pattern, build in self._rules:
            for m in pattern.finditer(text):
                # An event year is grounded on the year alone, not on the event's name.
                # An event year is grounded on the year alone, a scraper's field on its value.
                s, e = m.span("y") if build is self._event_year else (
                    m.span("v") if "v" in pattern.groupindex else m.span())
                k = bisect.bisect_left(taken_starts, e)
                if k and taken_ends[k - 1] > s:
                    continue
                if self._blocked.search(text[max(0, s - 25): s]):
                    continue
                if build is self._day_month and not self._day_ctx.search(
                        text[max(0, s - 40): m.start("d")]) and not self._continues(
                        text, s, day_ends):
                    continue  # a bare "3/4" is a fraction or a count, not a date
                if build is self._listed_year and not self._continues(text, s, year_ends):
                    continue  # a bare number is a year only in a list of years
                local = ref
                if ref is None and build in self._needs_ref:
                    local = self._year_of_text(doc, s)
                out = build(m, local)
                if out is None:
                    continue
                value, gran = out
                k = bisect.bisect_left(taken_starts, s)
                taken_starts.insert(k, s)
                taken_ends.insert(k, e)
                hit = DateHit(start=s, end=e, value=value, granularity=gran,
                              confidence=0.8 if build is self._day_month else 0.95)
                hits.append(hit)
                if gran == "day":
                    day_ends.setdefault(e, []).append(hit)
                elif gran == "year":
                    year_ends.setdefault(e, []).append(hit)
        hits.sort(key=lambda h: (h.start, h.end))
        doc.dates = hits

    def _year_of_text(self, doc: Document, pos: int) -> date | None:
        """Without the article's date, the year stated in the same sentence, else in the
        headline or the lead (GUIDE: the year the text fixes for that event), as the last
        day of that year so that no day-month is moved to the year before."""
        starts = [s for s, _ in doc.sentences]
        i = bisect.bisect_right(starts, pos) - 1
        spans = []
        if 0 <= i < len(doc.sentences):
            spans.append(doc.sentences[i])
        if doc.headline is not None:
            spans.append(doc.headline)
        spans.extend(doc.sentences[:2])
        for s, e in spans:
            # The latest year: "Ngày 29/8 … 80 năm Quốc khánh (2/9/1945 - 2/9/2025)".
            years = [int(m.group("y")) for m in self._text_year.finditer(doc.text, s, e)
                     if not self._past(doc.text, m.start()) and not self._born(doc.text, m)]
            # an event's edition in the same sentence or the lead ("Trại hè Việt Nam 2013 …
            # Chiều 14/7")
            years += [int(m.group("y")) for m in self._event_years.finditer(doc.text, s, e)]
            # a lunar year by its name ("ngày 9/2 (tức ngày 30 tháng Chạp năm Quý Mão)")
            if not years:
                years += [self._lunar_gregorian(m) for m in self._lunar_year.finditer(
                    doc.text, s, e)]
            if years:
                return date(max(years), 12, 31)
        # Else a year the whole text agrees on: one year stated, however often (computed
        # once per article, with the fallback below).
        if doc.text not in self._text_years:
            self._text_years.clear()  # one article at a time
            # Not a year the text gives to a past act ("Hiệp định ký năm 2009").
            found: dict[int, bool] = {}  # year -> some mention of it is not a past act's
            for m in self._text_year.finditer(doc.text):
                if self._born(doc.text, m):
                    continue
                if self._span_start.match(doc.text, m.end()):
                    continue  # "(18-1-1950 - 18-1-2025)": a span's first year is past
                y = int(m.group("y"))
                found[y] = found.get(y, False) or not self._past(doc.text, m.start(), m.end())
            only = next(iter(found)) if len(found) == 1 else None
            agreed = only if only is not None and found[only] else None
            if agreed is None and doc.masthead_date is not None and doc.norm is not None:
                # Last resort: the portal's date line above the headline (often an
                # archive's migration date), when the text names no other year than its own.
                parsed = parse_dateline(doc.norm.text[slice(*doc.masthead_date)])
                if parsed is not None and (not found or parsed[0].year in found):
                    agreed = parsed[0].year
            self._text_years[doc.text] = agreed
        year = self._text_years[doc.text]
        return date(year, 12, 31) if year is not None else None

    def _born(self, text: str, m: re.Match[str]) -> bool:
        """A birth year ("sinh năm 1988", "SN 1990")."""
        y = m.start("y")
        return self._born_before.search(text, max(0, y - 12), y) is not None

    def _past(self, text: str, pos: int, end: int | None = None) -> bool:
        """A year that dates a past act: "ký năm 2009", "năm 2023 huyện đã đầu tư"."""
        if self._past_act.search(text, max(0, pos - 16), pos) is not None:
            # "từ đầu năm 2021 đến nay": since the start of the year the article is in
            return not text[pos:pos + 12].lower().startswith(self._current_period)
        return end is not None and self._past_after.match(text, end) is not None

    @staticmethod
    def _continues(text: str, s: int, day_ends: dict[int, list[DateHit]]) -> bool:
        """'ngày 30/4 và 1/5': a day-month right after another date in a list (the day
        dates found so far, by where they end)."""
        return any(end in day_ends and re.fullmatch(r"\s*(?:,|và|hoặc)\s*",
                                                    text[end:s]) is not None
                   for end in range(s - 6, s + 1))

    # Builders return (value, granularity) or None when the match is not a valid date.

    @staticmethod
    def _full(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        d = _day(m.group("y"), m.group("m"), m.group("d"))
        return (d.isoformat(), "day") if d else None

    @staticmethod
    def _span_full(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        a = _day(m.group("y1"), m.group("m1"), m.group("d1"))
        b = _day(m.group("y2"), m.group("m2"), m.group("d2"))
        if a is None or b is None or b < a:
            return None
        return f"{a.isoformat()}/{b.isoformat()}", "span"

    @staticmethod
    def _span_dm(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        if m.group("y") is None and ref is None:
            return None
        y = int(m.group("y")) if m.group("y") else ref.year if ref else 0
        b = _day(str(y), m.group("m2"), m.group("d2"))
        a = _day(str(y), m.group("m1"), m.group("d1"))
        if a is None or b is None:
            return None
        if a > b:  # 30/12-2/1/2023 crosses the new year
            a = _day(str(y - 1), m.group("m1"), m.group("d1"))
            if a is None:
                return None
        return f"{a.isoformat()}/{b.isoformat()}", "span"

    @staticmethod
    def _span_d(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        y = m.group("y") or (str(ref.year) if ref else None)
        if y is None:
            return None
        a = _day(y, m.group("m"), m.group("d1"))
        b = _day(y, m.group("m"), m.group("d2"))
        if a is None or b is None or b < a:
            return None
        return f"{a.isoformat()}/{b.isoformat()}", "span"

    @staticmethod
    def _words_day(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        if m.group("y"):
            d = _day(m.group("y"), m.group("m"), m.group("d"))
        elif m.group("dw") and ref is not None:
            d = _day(str(ref.year), m.group("m"), m.group("d"))
        else:
            return None  # "8 tháng" alone may be a duration; no year, no date
        return (d.isoformat(), "day") if d else None

    @staticmethod
    def _span_quarters(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        q1, q2 = roman_to_int(m.group("q1")), roman_to_int(m.group("q2"))
        if not q1 < q2:
            return None
        return f"{m.group('y')}-Q{q1}/{m.group('y')}-Q{q2}", "span"

    @staticmethod
    def _span_months(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        y2 = int(m.group("y")) if m.group("y") else ref.year if ref else None
        if y2 is None:
            return None
        m1, m2 = int(m.group("m1")), int(m.group("m2"))
        y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
        if (y1, m1) >= (y2, m2):
            return None
        return f"{y1}-{m1:02d}/{y2}-{m2:02d}", "span"

    @staticmethod
    def _quarter_ref(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        if ref is None:
            return None
        return f"{ref.year}-Q{roman_to_int(m.group('q'))}", "quarter"

    @staticmethod
    def _month_ref(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        if ref is None:
            return None
        year = ref.year
        # An article of early January speaking of "tháng 12" means the year before.
        if date(year, int(m.group("m")), 1) > ref + timedelta(days=120):
            year -= 1
        return f"{year}-{int(m.group('m')):02d}", "month"

    @staticmethod
    def _quarter(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        return f"{m.group('y')}-Q{roman_to_int(m.group('q'))}", "quarter"

    @staticmethod
    def _month(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        return f"{m.group('y')}-{int(m.group('m')):02d}", "month"

    @staticmethod
    def _span_anniversary(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        a = _day(m.group("y1"), m.group("m"), m.group("d"))
        b = _day(m.group("y2"), m.group("m"), m.group("d"))
        if a is None or b is None or not a < b:
            return None
        return f"{a.isoformat()}/{b.isoformat()}", "span"

    @staticmethod
    def _span_years(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if not y1 < y2 <= y1 + 100:
            return None
        return f"{y1}/{y2}", "span"

    @staticmethod
    def _day_month(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        if ref is None:
            return None  # GUIDE: no year can be inferred, leave it out
        d = _day(str(ref.year), m.group("m"), m.group("d"))
        if d is None:
            return None
        # An article of early January reporting "ngày 28/12" means the year before.
        if d > ref + timedelta(days=60):
            d = _day(str(ref.year - 1), m.group("m"), m.group("d"))
            if d is None:
                return None
        return d.isoformat(), "day"

    @staticmethod
    def _year_to_month(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        return f"{m.group('y')}/{m.group('y')}-{int(m.group('m')):02d}", "span"

    def _cycle_year(self, name: str) -> int:
        """The Gregorian year in which the lunar year of that name opens (1950-2049)."""
        year = 1984 + self._cycle[name.lower()]
        while year > 2049:
            year -= 60
        while year < 1950:
            year += 60
        return year

    def _tet_day(self, m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        if m.group("y"):
            year = int(m.group("y"))
        elif m.group("cc"):
            year = self._cycle_year(m.group("cc"))
        elif ref is not None:
            # (in the last two months of a year, the Tết ahead is meant)
            year = ref.year + (1 if ref.month >= 11 else 0)
        else:
            return None
        first = self._tet.get(year)
        if first is None:
            return None
        return (first + timedelta(days=int(m.group("n")) - 1)).isoformat(), "day"

    def _tet_year(self, m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        return str(self._cycle_year(m.group("v"))), "year"

    def _lunar_gregorian(self, m: re.Match[str]) -> int:
        """The Gregorian year a lunar year's name points to, within 1950-2049: the year its
        Tết opens, or the next one for its last month ("tháng Chạp năm Quý Mão" is early
        2024)."""
        return self._cycle_year(m.group("cc")) + (1 if m.group("chap") else 0)

    @staticmethod
    def _listed_year(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        return m.group("y"), "year"

    @staticmethod
    def _event_year(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        return m.group("y"), "year"

    @staticmethod
    def _year(m: re.Match[str], ref: date | None) -> tuple[str, str] | None:
        return m.group("y"), "year"
