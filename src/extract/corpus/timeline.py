"""Reading the corpus database: people and bodies by name, their timelines.

The ``*_rows`` functions return plain dicts (the command line prints them); the
``person_timeline`` / ``person_meetings`` / ``body_timeline`` functions return the same as
pandas DataFrames for notebooks (pandas is the optional ``pandas`` extra).  Names are matched
as the extraction compares them (NFC, one tone placement, case-free), then without tones
(an analyst may type "Ma Ke Hien"), then as a part of a name.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import ExtractError
from ..text import fold_key
from .link import loose_name

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Entity", "body_rows", "body_timeline", "find_bodies", "find_people",
           "meeting_participants", "meeting_rows", "open_db", "person_meetings",
           "person_timeline", "position_rows"]


@dataclass(frozen=True)
class Entity:
    """A person or a body of the corpus, as found by name."""

    id: str
    name: str
    side: str | None
    names: tuple[str, ...]  # spellings (people) or aliases (bodies) seen in the corpus
    n_articles: int
    first_seen: str | None
    last_seen: str | None


@contextmanager
def open_db(path: str | Path) -> Iterator[sqlite3.Connection]:
    """Open a corpus database read-only; raises :class:`ExtractError` when it is not one."""
    p = Path(path)
    if not p.is_file():
        raise ExtractError(f"no such database: {p}", stage="db")
    conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as e:
            raise ExtractError(f"{p}: not a corpus database ({e})", stage="db") from e
        yield conn
    finally:
        conn.close()


def _match(query: str, candidates: dict[str, set[str]]) -> list[str]:
    """Ids whose names match ``query``: exactly (folded), else without tones, else as a
    part of a name; each step only when the one before found nothing."""
    q, ql = fold_key(query), loose_name(query)
    tests: tuple[Callable[[str], bool], ...] = (
        lambda n: fold_key(n) == q, lambda n: loose_name(n) == ql,
        lambda n: q in fold_key(n) or ql in loose_name(n))
    for test in tests:
        hits = sorted(i for i, names in candidates.items() if any(test(n) for n in names))
        if hits:
            return hits
    return []


def _entities(conn: sqlite3.Connection, table: str, ids: list[str],
              names: dict[str, set[str]]) -> list[Entity]:
    out = []
    for i in ids:
        row = conn.execute(f"SELECT id, name, side, n_articles, first_seen, last_seen "
                           f"FROM [{table}] WHERE id = ?", (i,)).fetchone()
        out.append(Entity(row[0], row[1], row[2], tuple(sorted(names[i])), row[3], row[4],
                          row[5]))
    return sorted(out, key=lambda e: (-e.n_articles, e.id))


def find_people(db: str | Path, name: str) -> list[Entity]:
    """The corpus's persons whose name (any spelling seen) matches ``name``."""
    with open_db(db) as conn:
        names: dict[str, set[str]] = {}
        for pid, spellings in conn.execute("SELECT id, names FROM persons"):
            names[pid] = set(json.loads(spellings))
        return _entities(conn, "persons", _match(name, names), names)


def find_bodies(db: str | Path, name: str) -> list[Entity]:
    """The corpus's bodies whose name, an alias seen, or gazetteer id matches ``name``."""
    with open_db(db) as conn:
        names: dict[str, set[str]] = {}
        for bid, bname in conn.execute("SELECT id, name FROM bodies"):
            names[bid] = {bname}
        for bid, alias in conn.execute("SELECT body_id, alias FROM body_aliases"):
            names[bid].add(alias)
        if name in names:  # a gazetteer id or key given as such
            return _entities(conn, "bodies", [name], names)
        return _entities(conn, "bodies", _match(name, names), names)


def position_rows(db: str | Path, person_id: str) -> list[dict[str, Any]]:
    """Every position (title and body) the person is stated to hold, with the first and
    last dates it was seen and the articles that state it, earliest first."""
    with open_db(db) as conn:
        rows = conn.execute(
            "SELECT pp.title, pp.body, pp.body_id, pp.first_seen, pp.last_seen, "
            "pp.n_articles, pp.doc_ids FROM person_positions pp WHERE pp.person_id = ? "
            "ORDER BY pp.first_seen IS NULL, pp.first_seen, pp.last_seen, pp.title",
            (person_id,)).fetchall()
    return [{"person_id": person_id, "title": r[0], "body": r[1], "body_id": r[2],
             "first_seen": r[3], "last_seen": r[4], "n_articles": r[5],
             "doc_ids": json.loads(r[6])} for r in rows]


def meeting_participants(conn: sqlite3.Connection, meeting_id: str) -> list[tuple[str, str, str,
                                                                           str | None]]:
    """(type, id, name, side) of the bodies and people taking part in a meeting."""
    out: list[tuple[str, str, str, str | None]] = []
    for bid, name, side in conn.execute(
            "SELECT b.id, b.name, COALESCE(mp.side, b.side) FROM meeting_parties mp "
            "JOIN body_links bl ON bl.article_organization = mp.article_organization "
            "JOIN bodies b ON b.id = bl.body_id WHERE mp.meeting_id = ? ORDER BY mp.idx",
            (meeting_id,)):
        out.append(("body", bid, name, side))
    for pid, name, side in conn.execute(
            "SELECT p.id, p.name, COALESCE(mp.side, p.side) FROM meeting_people mp "
            "JOIN person_links pl ON pl.article_person = mp.article_person "
            "JOIN persons p ON p.id = pl.person_id WHERE mp.meeting_id = ? ORDER BY mp.idx",
            (meeting_id,)):
        out.append(("person", pid, name, side))
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in out:
        if (p[0], p[1]) not in seen:
            seen.add((p[0], p[1]))
            unique.append(p)
    return unique


def meeting_rows(db: str | Path, person_id: str) -> list[dict[str, Any]]:
    """The meetings a person is stated to lead, chair, attend or speak at, and whom they
    met there (the other bodies and people), by date."""
    with open_db(db) as conn:
        rows = conn.execute(
            "SELECT m.id, COALESCE(m.date, a.date), m.date IS NULL, m.kind, m.kind_norm, "
            "m.place, m.doc_id, mp.role, mp.title FROM meeting_people mp "
            "JOIN person_links pl ON pl.article_person = mp.article_person "
            "JOIN meetings m ON m.id = mp.meeting_id JOIN articles a ON a.doc_id = m.doc_id "
            "WHERE pl.person_id = ? ORDER BY 2 IS NULL, 2, m.id", (person_id,)).fetchall()
        out = []
        for mid, date, undated, kind, kind_norm, place, doc, role, title in rows:
            others = [p for p in meeting_participants(conn, mid) if p[1] != person_id]
            out.append({"person_id": person_id, "date": date, "date_from":
                        "article" if undated and date else ("meeting" if date else None),
                        "kind": kind, "kind_norm": kind_norm, "place": place, "role": role,
                        "title": title, "with": [p[2] for p in others], "doc_id": doc,
                        "meeting_id": mid})
    return out


def body_rows(db: str | Path, body_id: str) -> list[dict[str, Any]]:
    """A body's timeline: the articles naming it (with the names used), the meetings it took
    part in (and with whom), and the positions people held at it, by date."""
    out: list[dict[str, Any]] = []
    with open_db(db) as conn:
        for doc, date, names in conn.execute(
                "SELECT a.doc_id, a.date, group_concat(DISTINCT ao.name) FROM body_links bl "
                "JOIN article_organizations ao ON ao.id = bl.article_organization "
                "JOIN articles a ON a.doc_id = bl.doc_id WHERE bl.body_id = ? "
                "GROUP BY a.doc_id", (body_id,)):
            out.append({"body_id": body_id, "date": date, "event": "named",
                        "detail": names, "doc_id": doc, "meeting_id": None})
        for mid, date, kind, place, doc in conn.execute(
                "SELECT DISTINCT m.id, COALESCE(m.date, a.date), m.kind, m.place, m.doc_id "
                "FROM meeting_parties mp "
                "JOIN body_links bl ON bl.article_organization = mp.article_organization "
                "JOIN meetings m ON m.id = mp.meeting_id "
                "JOIN articles a ON a.doc_id = m.doc_id WHERE bl.body_id = ?", (body_id,)):
            others = [p[2] for p in meeting_participants(conn, mid) if p[1] != body_id]
            detail = f"{kind} with {', '.join(others) or '-'}" + (f" at {place}" if place
                                                                    else "")
            out.append({"body_id": body_id, "date": date, "event": "meeting",
                        "detail": detail, "doc_id": doc, "meeting_id": mid})
        for person, title, first, last, n in conn.execute(
                "SELECT p.name, pp.title, pp.first_seen, pp.last_seen, pp.n_articles "
                "FROM person_positions pp JOIN persons p ON p.id = pp.person_id "
                "WHERE pp.body_id = ?", (body_id,)):
            span = (first or "undated") if first == last else f"{first} to {last}"
            out.append({"body_id": body_id, "date": first, "event": "position",
                        "detail": f"{person}: {title} ({span}, {n} article"
                                  f"{'s' if n != 1 else ''})", "doc_id": None,
                        "meeting_id": None})
    out.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["event"], r["doc_id"] or "",
                            r["detail"] or ""))
    return out


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ExtractError("timelines as DataFrames need pandas: pip install "
                           "'extract[pandas]'", stage="frame") from e
    return pd.DataFrame(rows, columns=columns)


_POSITION_COLS = ["person_id", "person", "side", "title", "body", "body_id", "first_seen",
                  "last_seen", "n_articles", "doc_ids"]
_MEETING_COLS = ["person_id", "person", "date", "date_from", "kind", "kind_norm", "place",
                 "role", "title", "with", "doc_id", "meeting_id"]
_BODY_COLS = ["body_id", "body", "date", "event", "detail", "doc_id", "meeting_id"]


def person_timeline(db: str | Path, name: str) -> pd.DataFrame:
    """Every position of every person matching ``name``: one row per (title, body) with the
    first and last dates it was seen and the articles stating it."""
    rows = [{**r, "person": p.name, "side": p.side}
            for p in find_people(db, name) for r in position_rows(db, p.id)]
    return _frame(rows, _POSITION_COLS)


def person_meetings(db: str | Path, name: str) -> pd.DataFrame:
    """The meetings of every person matching ``name``, with whom they met, by date."""
    rows = [{**r, "person": p.name}
            for p in find_people(db, name) for r in meeting_rows(db, p.id)]
    return _frame(rows, _MEETING_COLS)


def body_timeline(db: str | Path, name: str) -> pd.DataFrame:
    """The timeline of every body matching ``name`` (see :func:`body_rows`)."""
    rows = [{**r, "body": b.name} for b in find_bodies(db, name) for r in body_rows(db, b.id)]
    return _frame(rows, _BODY_COLS)
