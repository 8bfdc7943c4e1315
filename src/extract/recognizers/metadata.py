"""Article metadata: publication date-time from the dateline, byline authors."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..cleaning import author_names
from ..document import Document

__all__ = ["MetadataRecognizer"]

_MONTH_ONLY = re.compile(r"(?<![\d-])(\d{4})-(0[1-9]|1[0-2])(?![\d-])")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# "Thứ Tư, ngày 13 tháng 3 năm 2024", "13 Tháng 3, 2024": the date in words
_WORDED = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})(?!\d)",
                     re.IGNORECASE)
_TIME = re.compile(r"(?<![\d/])(\d{1,2})[:h](\d{2})(?!\d)(?::\d{2})?(?:\s*(AM|PM|SA|CH))?",
                   re.IGNORECASE)


def parse_dateline(line: str) -> tuple[date, str | None] | None:
    """The date and HH:MM time stated in a dateline, if valid."""
    m = _DMY.search(line) or _WORDED.search(line)
    try:
        if m:
            d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            m = _ISO.search(line)
            if not m:
                return None
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    rest = line[: m.start()] + " " + line[m.end():]
    t = _TIME.search(rest)
    hhmm = None
    if t and int(t.group(1)) < 24 and int(t.group(2)) < 60:
        hour = int(t.group(1))
        half = (t.group(3) or "").upper()
        if half in ("PM", "CH") and hour < 12:  # "3:15 PM", Vietnamese "3:15 CH"
            hour += 12
        elif half in ("AM", "SA") and hour == 12:
            hour = 0
        hhmm = f"{hour:02d}:{t.group(2)}"
    return d, hhmm


class MetadataRecognizer:
    """Stage: ``published`` (ISO) and ``reference_date`` from the dateline, and authors."""

    name = "metadata"

    def __call__(self, doc: Document) -> None:
        if doc.dateline is not None:
            parsed = parse_dateline(doc.text[slice(*doc.dateline)])
            if parsed is not None:
                d, hhmm = parsed
                doc.reference_date = d
                doc.published = f"{d.isoformat()}T{hhmm}" if hhmm else d.isoformat()
            elif (month := _MONTH_ONLY.search(doc.text, *doc.dateline)) is not None:
                # "date 2021-12": no publication date, but the article's month, which
                # gives its year to day-months ("Ngày 9.12").
                y, m = int(month.group(1)), int(month.group(2))
                doc.reference_date = date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
        authors: list[str] = []
        assert doc.norm is not None
        for s, e in doc.author_spans:
            for name in author_names(doc.norm.text[s:e]) or []:
                if name not in authors:
                    authors.append(name)
        doc.authors = authors
