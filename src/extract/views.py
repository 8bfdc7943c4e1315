"""Flat views of a record: every grounded entity as one row, for tables, HTML and spaCy.

A record nests its spans (a person has mentions, an organization has mentions); users who
read, diff or highlight the output want one row per span with its kind and normalized
value.  This module is the single place that flattening is defined.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from typing import Any

from .models import ArticleRecord

__all__ = ["KINDS", "Entity", "entities", "load_text", "meeting_triggers"]

# Output field → short kind name used in tables, CSS classes and spaCy labels.
KINDS: dict[str, str] = {
    "dates": "date",
    "people": "person",
    "titles": "title",
    "organizations": "org",
    "gate_pairs": "gate_pair",
    "gates": "gate",
    "markers": "marker",
}


@dataclass(frozen=True)
class Entity:
    doc_id: str
    kind: str
    start: int
    end: int
    text: str
    value: str
    method: str
    confidence: float
    attrs: dict[str, Any] = field(default_factory=dict)


def _value(kind: str, item: dict[str, Any]) -> str:
    if kind == "date":
        return str(item["value"])
    if kind in ("person", "org", "gate"):
        return str(item["name"])
    if kind == "title":
        org = f" — {item['organization']}" if item.get("organization") else ""
        return f"{item['person']}: {item['title']}{org}"
    if kind == "gate_pair":
        return f"{item['vn']} – {item['cn']}"
    return str(item["value"])


def entities(record: ArticleRecord, kind: str | None = None) -> list[Entity]:
    """Every span of ``record`` (optionally of one kind), sorted by offsets then kind."""
    out: list[Entity] = []
    for fname, k in KINDS.items():
        if kind is not None and k != kind:
            continue
        for item in getattr(record, fname):
            d = item.model_dump(mode="json")
            value = _value(k, d)
            # People and organizations are clusters: one row per mention, same value.
            mentions = d.pop("mentions", None) or [d]
            attrs = {a: v for a, v in d.items()
                     if a not in ("text", "start", "end", "method", "confidence")}
            for m in mentions:
                out.append(Entity(record.doc_id, k, m["start"], m["end"], m["text"], value,
                                  m["method"], m["confidence"], attrs))
    out.sort(key=lambda e: (e.start, -e.end, e.kind))
    return out


def meeting_triggers(record: ArticleRecord) -> list[Entity]:
    """The trigger words of the record's meetings, one entity (kind ``meeting``) each."""
    out: list[Entity] = []
    for i, m in enumerate(record.meetings):
        value = f"{m.kind_norm.value} {m.date or ''}".strip()
        for t in m.trigger_mentions or [m.trigger]:
            out.append(Entity(record.doc_id, "meeting", t.start, t.end, t.text, value,
                              t.method.value, t.confidence, {"meeting": i}))
    out.sort(key=lambda e: (e.start, -e.end))
    return out


# The article file a view may read: a regular text file of at most this size (the batch
# reader's limit), never a device, FIFO or any file a crafted record names.
MAX_TEXT_BYTES = 5_000_000
_TEXT_SUFFIXES = (".txt", ".text", ".md")


def _read_source(path: str) -> str | None:
    """The text of ``path`` when it can be the article a run read: a regular ``.txt``/
    ``.md`` file of bounded size in UTF-8.  Anything else (``/etc/passwd``,
    ``/proc/self/environ``, ``/dev/zero``, a FIFO) gives None without reading it."""
    if not path.lower().endswith(_TEXT_SUFFIXES):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_TEXT_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_TEXT_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_TEXT_BYTES:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def load_text(record: ArticleRecord, text: str | None = None) -> str | None:
    """The article text the offsets point into: ``text``, the record's ``extracted_text``,
    or the article file at ``record.source``.

    The file is read only when it can be the article (see :func:`_read_source`) and the
    record has spans to check it against.  Returns None when the text is unavailable or
    does not match the spans (a moved or edited file), so views can fall back to tables
    instead of highlighting wrong words, or showing a file the record merely names.
    """
    spans = entities(record) + meeting_triggers(record)
    if text is None:
        text = record.extracted_text
    if text is None:
        if not spans:
            return None
        text = _read_source(record.source)
        if text is None:
            return None
    for e in spans:
        if text[e.start:e.end] != e.text:
            return None
    return text
