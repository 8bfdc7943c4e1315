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
    raise ExtractError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}", stage="frame")


def to_frame(records: Iterable[ArticleRecord] | ArticleRecord,
             kind: str = "people") -> pd.DataFrame:
    """One row per grounded span of ``kind`` (an output field such as ``"people"``,
    ``"dates"``, ``"gate_pairs"``), with doc_id, offsets, text, normalized value, method,
    confidence and the kind's own fields as further columns (lists kept as lists)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ExtractError("to_frame needs pandas: pip install 'extract[pandas]'",
                           stage="frame") from exc
    k = _kind(kind)
    if isinstance(records, ArticleRecord):
        records = [records]
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
