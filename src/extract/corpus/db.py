"""Writing JSONL records into the corpus database, and updating it on later runs.

Each article goes in inside its own savepoint: its rows in every article table, or none of
them.  Savepoints are committed in batches (a commit is a disk sync; one per article would
cost most of the run), so an interrupted run leaves the database as it was plus whole
articles, and the next run writes the rest.  An article whose record (and text) is the one
already stored is skipped, so re-running on the same output writes nothing at all; a
changed record replaces that doc_id's rows.  The corpus tables (people and bodies linked
across articles) are rebuilt after a run that changed an article, in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing as mp
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..io import MAX_BYTES, read_article
from ..models import ArticleRecord, ExtractError, Mention
from ..text import LOWER, UPPER, canonical_tones
from .link import LinkStats, link_corpus
from .schema import ARTICLE_TABLES, FTS_TABLE, TABLES, create_schema, insert_sql

__all__ = ["BadLine", "DbReport", "article_text", "build_db", "connect"]

log = logging.getLogger(__name__)

_INSERT: dict[str, str] = {t.name: insert_sql(t) for t in TABLES}
# Parents before the rows that point at them.
_INSERT_ORDER = ("articles", "article_people", "article_organizations", "mentions", "dates",
                 "titles", "gate_pairs", "gates", "markers", "meetings", "meeting_parties",
                 "meeting_people")


@dataclass(frozen=True)
class BadLine:
    """An input line that is not a valid record: where it is and why."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class DbReport:
    """What a run of :func:`build_db` did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    bad: list[BadLine] = field(default_factory=list)
    linked: LinkStats | None = None  # None: no article changed, the links were current

    @property
    def written(self) -> int:
        return self.added + self.updated


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (or create) a corpus database with foreign keys enforced."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _jsonl_files(inputs: Iterable[str | Path]) -> Iterator[Path]:
    for p in inputs:
        path = Path(p)
        if path.is_dir():
            # A folder of partitioned output (``part-00000.jsonl`` …), in name order.
            yield from sorted(path.glob("*.jsonl"))
        elif path.exists():
            yield path
        else:
            raise ExtractError(f"no such file or folder: {path}", stage="usage")


def _raw_lines(files: Iterable[Path]) -> Iterator[tuple[str, int, bytes]]:
    for path in files:
        with path.open("rb") as fh:
            for n, raw in enumerate(fh, 1):
                if raw.strip():
                    yield str(path), n, raw


def _parse(where: str, n: int, raw: bytes) -> tuple[str, ArticleRecord] | BadLine:
    """The line and its record, or why it is not one."""
    try:
        line = raw.decode("utf-8").strip()
    except UnicodeDecodeError as e:
        return BadLine(where, n, f"not UTF-8 (byte {e.start})")
    try:
        return line, ArticleRecord.model_validate_json(line)
    except ValidationError as e:
        first = e.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        what = "not JSON" if first["type"] == "json_invalid" else "not a record"
        return BadLine(where, n, f"{what}: {first['msg']}" + (f" at {loc}" if loc else ""))


@dataclass(frozen=True)
class _Prepared:
    """One input line made ready to write: everything but the database work, so that it can
    run in a worker process beside the writer."""

    where: str
    n: int
    bad: BadLine | None = None
    doc_id: str = ""
    record_hash: str = ""
    rows: dict[str, list[tuple[Any, ...]]] | None = None  # None: unchanged when prepared
    search: tuple[str, str] = ("", "")


def _prepare(item: tuple[str, int, bytes], root: Path | None,
             stored: dict[str, str]) -> _Prepared:
    where, n, raw = item
    parsed = _parse(where, n, raw)
    if isinstance(parsed, BadLine):
        return _Prepared(where, n, bad=parsed)
    line, record = parsed
    text, text_from = article_text(record, root)
    h = _hash(line, text)
    if stored.get(record.doc_id) == h:
        return _Prepared(where, n, doc_id=record.doc_id, record_hash=h)
    return _Prepared(where, n, doc_id=record.doc_id, record_hash=h,
                     rows=_rows(record, text, text_from, h),
                     search=(_search_form(record.title), _search_form(text)))


_WORKER: dict[str, Any] = {}


def _init_worker(root: Path | None, stored: dict[str, str]) -> None:
    import signal

    # Ctrl-C goes to the parent, which stops the pool and rolls back; not to each worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER.update(root=root, stored=stored)


def _prepare_in_worker(item: tuple[str, int, bytes]) -> _Prepared:
    return _prepare(item, _WORKER["root"], _WORKER["stored"])


def _prepared(files: list[Path], root: Path | None, stored: dict[str, str],
              jobs: int) -> Iterator[_Prepared]:
    """Every input line prepared, in input order, here or in ``jobs - 1`` worker processes
    (the writer is the other one)."""
    items = _raw_lines(files)
    if jobs <= 1:
        for item in items:
            yield _prepare(item, root, stored)
        return
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    pool = ctx.Pool(processes=jobs - 1, initializer=_init_worker,
                    initargs=(root, dict(stored)))
    try:
        yield from pool.imap(_prepare_in_worker, items, chunksize=16)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _spans(record: ArticleRecord) -> Iterator[Mention]:
    yield from record.dates
    for p in record.people:
        yield from p.mentions
    for o in record.organizations:
        yield from o.mentions
    yield from record.titles
    yield from record.gate_pairs
    yield from record.markers


def article_text(record: ArticleRecord, root: Path | None = None) -> tuple[str | None, str | None]:
    """The text the record's offsets point into, and where it came from.

    ``extracted_text`` when the record carries it; else the source file read and decoded as
    the extraction read it, when it is a regular readable file (relative paths from
    ``root``, default the current folder) and its text still matches the record's spans."""
    if record.extracted_text is not None:
        return record.extracted_text, "extracted_text"
    if not record.source or record.source == "-" or any(e.stage == "read"
                                                         for e in record.errors):
        return None, None  # stdin, or a file the extraction could not read
    path = Path(record.source)
    if not path.is_absolute() and root is not None:
        path = root / path
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None, None
        data = path.read_bytes()
    except OSError as e:
        log.warning("%s: no text from %s: %s", record.doc_id, path, e)
        return None, None
    # Most files are UTF-8: decoded so, and grounding every span, that is the text the
    # extraction read (a converted one, TCVN3 or HTML, is in extracted_text).  Anything
    # else is decoded again the way `extract run` does it.
    try:
        text: str | None = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or not _grounded(record, text):
        try:
            text = read_article(path).text
        except (ExtractError, OSError) as e:
            log.warning("%s: no text from %s: %s", record.doc_id, path, e)
            return None, None
        if not _grounded(record, text):
            log.warning("%s: %s has changed since the extraction (offsets do not match); "
                        "text left out", record.doc_id, path)
            return None, None
    return text, "file"


def _grounded(record: ArticleRecord, text: str) -> bool:
    return all(text[s.start:s.end] == s.text for s in _spans(record))


def _article_date(record: ArticleRecord) -> tuple[str | None, str | None]:
    """The date an article states things on: its publication date, else the latest full
    date in its text (an undated article reports an event, usually the latest it names)."""
    if record.published:
        return record.published[:10], "published"
    days = [d.value for d in record.dates if d.granularity == "day" and len(d.value) == 10]
    if days:
        return max(days), "text"
    return None, None


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if value else "[]"


def _span(m: Mention) -> tuple[Any, ...]:
    return (m.text, m.start, m.end, m.method.value, m.confidence)


def _entry(doc_id: str, letter: str, index: int, name: str, names: list[str]) -> str | None:
    """The id of the record entry a meeting's party or person points at: by its index when
    that entry has the name, else by the name; None (the name kept alone) when neither."""
    if index < len(names) and names[index] == name:
        return f"{doc_id}/{letter}{index}"
    if name in names:
        return f"{doc_id}/{letter}{names.index(name)}"
    return None


def _rows(record: ArticleRecord, text: str | None, text_from: str | None,
          record_hash: str) -> dict[str, list[tuple[Any, ...]]]:
    d = record.doc_id
    date, date_from = _article_date(record)
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _INSERT_ORDER}
    rows["articles"] = [(d, record.source, record.title, record.published, date, date_from,
                         _j(record.authors), text, text_from,
                         _j([e.model_dump() for e in record.errors]) if record.errors else None,
                         record_hash)]
    person_id: dict[str, str] = {}
    people_names = [p.name for p in record.people]
    org_names = [o.name for o in record.organizations]
    for i, p in enumerate(record.people):
        pid = f"{d}/p{i}"
        person_id.setdefault(p.name, pid)
        rows["article_people"].append((pid, d, i, p.name, p.side, _j(p.organizations)))
        for m in p.mentions:
            rows["mentions"].append((d, "person", pid, p.name, *_span(m)))
    org_id: dict[str, str] = {}
    for i, o in enumerate(record.organizations):
        oid = f"{d}/o{i}"
        org_id.setdefault(o.name, oid)
        rows["article_organizations"].append((oid, d, i, o.name, o.side, o.gazetteer_id,
                                              _j(o.aliases)))
        for m in o.mentions:
            rows["mentions"].append((d, "organization", oid, o.name, *_span(m)))
    for i, dm in enumerate(record.dates):
        rows["dates"].append((d, i, *_span(dm), dm.value, dm.granularity.value))
    for i, t in enumerate(record.titles):
        rows["titles"].append((d, i, *_span(t), t.person, t.title, t.organization,
                               person_id.get(t.person),
                               org_id.get(t.organization) if t.organization else None))
    for i, g in enumerate(record.gate_pairs):
        rows["gate_pairs"].append((d, i, *_span(g), g.vn, g.cn, g.kind,
                                   _j(g.markers), g.gazetteer_id, g.province, g.cn_hanzi,
                                   g.cn_pinyin))
    for i, gt in enumerate(record.gates):
        rows["gates"].append((d, i, *_span(gt), gt.name, gt.kind, gt.gazetteer_id,
                              gt.province, gt.counterpart, gt.cn_hanzi, gt.cn_pinyin,
                              _j(gt.markers)))
    for i, mk in enumerate(record.markers):
        rows["markers"].append((d, i, *_span(mk), mk.value, mk.attached_to))
    for i, mt in enumerate(record.meetings):
        mid = f"{d}/m{i}"
        rows["meetings"].append((mid, d, i, mt.kind, mt.kind_norm.value, mt.date, mt.place,
                                 mt.trigger.text, mt.trigger.start, mt.trigger.end,
                                 _j(mt.gate_pairs), _j(mt.markers),
                                 _j([[s.start, s.end] for s in mt.evidence]),
                                 mt.method.value, mt.confidence))
        for j, party in enumerate(mt.parties):
            party_org = _entry(d, "o", party.index, party.organization, org_names)
            rows["meeting_parties"].append((mid, d, j, party.side,
                                            party.organization, party_org, party.role,
                                            party.method.value, party.confidence))
        for j, mper in enumerate(mt.people):
            who = _entry(d, "p", mper.index, mper.name, people_names)
            rows["meeting_people"].append((mid, d, j, mper.side, mper.name, who, mper.title,
                                           mper.role, mper.method.value, mper.confidence))
    return rows


# An old-style tone placement ("hoà", "thuỷ") is an o/u pair ending a word; canonical_tones
# scans every word for one, which costs more than the rest of an article's indexing, so it
# runs only on texts that have such a pair at all ("hoạch", "hòa" have none).
_OLD_END = re.compile(f"[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ](?![{UPPER}{LOWER}])"
                      f"|[uU][ỳýỷỹỵỲÝỶỸỴ](?![{UPPER}{LOWER}])")


def _search_form(text: str | None) -> str:
    """Text as the FTS index holds it: NFC and one tone placement (see schema.py)."""
    t = unicodedata.normalize("NFC", text or "")
    return canonical_tones(t) if _OLD_END.search(t) else t


def _delete_article(conn: sqlite3.Connection, doc_id: str) -> None:
    for name in ARTICLE_TABLES:
        conn.execute(f"DELETE FROM [{name}] WHERE doc_id = ?", (doc_id,))
    # By rowid: the FTS table's doc_id column is not indexed.
    conn.execute(f"DELETE FROM [{FTS_TABLE}] WHERE rowid IN "
                 "(SELECT rowid FROM articles WHERE doc_id = ?)", (doc_id,))
    conn.execute("DELETE FROM articles WHERE doc_id = ?", (doc_id,))


def _write_article(conn: sqlite3.Connection, doc_id: str, rows: dict[str, list[tuple[Any, ...]]],
                   search: tuple[str, str], replace: bool) -> None:
    if replace:
        _delete_article(conn, doc_id)
    rowid = conn.execute(_INSERT["articles"], rows["articles"][0]).lastrowid
    for name in _INSERT_ORDER[1:]:
        if rows[name]:
            conn.executemany(_INSERT[name], rows[name])
    _write_fts(conn, rowid, doc_id, search)


def _write_fts(conn: sqlite3.Connection, rowid: int | None, doc_id: str,
               search: tuple[str, str]) -> None:
    # The same rowid as the article, so that the two join without the unindexed doc_id.
    conn.execute(f"INSERT INTO [{FTS_TABLE}] (rowid, doc_id, title, text) VALUES (?, ?, ?, ?)",
                 (rowid, doc_id, *search))


def _hash(line: str, text: str | None) -> str:
    h = hashlib.sha256(line.encode("utf-8"))
    h.update(b"\x00")
    h.update((text or "").encode("utf-8"))
    return h.hexdigest()


def build_db(inputs: Iterable[str | Path], db_path: str | Path, *, root: str | Path | None
             = None, commit_every: int = 500, jobs: int = 1) -> DbReport:
    """Write (or update, by doc_id) the corpus database at ``db_path`` from JSONL outputs of
    ``extract run`` (files, or folders of ``*.jsonl`` parts), then link people and bodies
    across the articles.  Invalid lines are reported in the result (file and line) and
    skipped.  ``root`` is the folder relative source paths are read from (for the text).
    With ``jobs`` = 2 the records are read and prepared in a second process while this one
    writes; the database is the same."""
    if commit_every < 1:
        raise ExtractError(f"commit_every must be >= 1, not {commit_every}", stage="db")
    if jobs < 1:
        raise ExtractError(f"jobs must be >= 1, not {jobs}", stage="db")
    files = list(_jsonl_files(inputs))  # a missing input is a usage error before any write
    base = Path(root) if root is not None else None
    report = DbReport()
    conn = connect(db_path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        create_schema(conn)
        conn.execute("COMMIT")
        stored = dict(conn.execute("SELECT doc_id, record_hash FROM articles").fetchall())
        pending = 0
        conn.execute("BEGIN IMMEDIATE")
        try:
            for p in _prepared(files, base, stored, jobs):
                if p.bad is not None:
                    report.bad.append(p.bad)
                    log.error("%s", p.bad)
                    continue
                old = stored.get(p.doc_id)
                if old == p.record_hash:
                    report.unchanged += 1
                    continue
                if p.rows is None:
                    # Prepared as unchanged, but an earlier line of this run changed that
                    # doc_id: this line (back to the stored record) is prepared again.
                    p = _prepare(_raw_line_at(p.where, p.n), base, {})
                conn.execute("SAVEPOINT article")
                try:
                    _write_article(conn, p.doc_id, p.rows or {}, p.search,
                                   replace=old is not None)
                except sqlite3.IntegrityError as e:  # this record's rows; others go on
                    conn.execute("ROLLBACK TO article")
                    conn.execute("RELEASE article")
                    report.bad.append(BadLine(p.where, p.n, f"{p.doc_id} not written: {e}"))
                    log.error("%s:%d: %s not written: %s", p.where, p.n, p.doc_id, e)
                    continue
                conn.execute("RELEASE article")
                stored[p.doc_id] = p.record_hash
                if old is None:
                    report.added += 1
                else:
                    report.updated += 1
                pending += 1
                if pending >= commit_every:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
                    pending = 0
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")  # the articles since the last commit; the next run
            raise                     # writes them again
        report.linked = link_corpus(conn)
    finally:
        conn.close()
    return report


def _raw_line_at(where: str, n: int) -> tuple[str, int, bytes]:
    return next(item for item in _raw_lines([Path(where)]) if item[1] == n)
