"""Records as pandas DataFrames (pandas is the optional ``pandas`` extra)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .models import ArticleRecord, ExtractError
from .views import KINDS, entities

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_frame"]

_BASE = ["doc_id", "kind", "start", "end", "text", "value", "method", "confidence"]


def _kind(kind: str) -> str:
    # Accept the output field name ("people") as well as the short kind ("person").
    if kind in KINDS:
        return KINDS[kind]
    if kind in KINDS.values():
        return kind
    raise ExtractError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}, meetings",
                       stage="frame")


MEETING_COLUMNS = ["doc_id", "meeting", "date", "kind", "kind_norm", "place", "side",
                   "organization", "index", "role", "people", "titles", "leaders",
                   "gate_pairs", "markers", "trigger", "start", "end", "confidence"]


def _meeting_rows(records: Iterable[ArticleRecord]) -> list[dict[str, Any]]:
    """One row per (meeting, party); ``people`` are the named people of that party's side."""
    rows: list[dict[str, Any]] = []
    for r in records:
        for i, m in enumerate(r.meetings):
            pairs = [f"{r.gate_pairs[g].vn} – {r.gate_pairs[g].cn}" for g in m.gate_pairs
                     if g < len(r.gate_pairs)]
            markers = [r.markers[k].value for k in m.markers if k < len(r.markers)]
            for p in m.parties:
                side_people = [q for q in m.people if q.side == p.side]
                rows.append({
                    "doc_id": r.doc_id, "meeting": i, "date": m.date, "kind": m.kind,
                    "kind_norm": m.kind_norm.value, "place": m.place, "side": p.side,
                    "organization": p.organization, "index": p.index, "role": p.role,
                    "people": [q.name for q in side_people],
                    "titles": [q.title for q in side_people],
                    "leaders": [q.name for q in side_people if q.role in ("lead", "chair")],
                    "gate_pairs": pairs, "markers": markers, "trigger": m.trigger.text,
                    "start": m.trigger.start, "end": m.trigger.end,
                    "confidence": p.confidence})
    return rows


def to_frame(records: Iterable[ArticleRecord] | ArticleRecord,
             kind: str = "people") -> pd.DataFrame:
    """One row per grounded span of ``kind`` (an output field such as ``"people"``,
    ``"dates"``, ``"gate_pairs"``), with doc_id, offsets, text, normalized value, method,
    confidence and the kind's own fields as further columns (lists kept as lists).

    ``kind="meetings"`` gives one row per (meeting, party) instead: the meeting's date, kind
    and place, the party's side, organization and role, and the people of that side."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ExtractError("to_frame needs pandas: pip install 'extract[pandas]'",
                           stage="frame") from exc
    if isinstance(records, ArticleRecord):
        records = [records]
    if kind in ("meetings", "meeting"):
        return pd.DataFrame(_meeting_rows(records), columns=MEETING_COLUMNS)
    k = _kind(kind)
    rows: list[dict[str, Any]] = []
    extra: list[str] = []
    for r in records:
        for ent in entities(r, k):
            row = {c: getattr(ent, c) for c in _BASE}
            for a, v in ent.attrs.items():
                if a not in row:
                    row[a] = v
                    if a not in extra:
                        extra.append(a)
            rows.append(row)
    return pd.DataFrame(rows, columns=_BASE + extra)
