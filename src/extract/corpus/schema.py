"""The tables of the corpus database: columns, keys and indexes, created with sqlite-utils.

Two kinds of table.  *Article tables* (``articles`` and every table with a ``doc_id``
column) hold one article's record as it came, and are replaced whole when that article's
record changes.  *Corpus tables* (``persons``, ``bodies`` and their links, aliases and
positions) are derived from all the articles by :mod:`extract.corpus.link` and rebuilt after
a run that changed any article.

The ids of the rows other rows point at (a record's people, organizations and meetings) are
built from the doc_id (``"<doc_id>/p<index>"``) so that they are the same on every run and a
foreign key can point at one column; rows nothing points at (mentions, dates, …) have no id
of their own, which spares an index on each.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from ..models import ExtractError

__all__ = ["ARTICLE_TABLES", "CORPUS_TABLES", "FTS_TABLE", "SCHEMA_VERSION", "TABLES",
           "Table", "create_schema", "insert_sql"]

SCHEMA_VERSION = "1"
FTS_TABLE = "articles_fts"


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, type]  # in order; str -> TEXT, int -> INTEGER, float -> FLOAT
    pk: str | tuple[str, ...] | None  # None: a rowid table (rows nothing points at)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    indexes: tuple[tuple[str, ...], ...] = ()
    not_null: tuple[str, ...] = field(default=())


_SPAN = {"text": str, "start": int, "end": int, "method": str, "confidence": float}

TABLES: tuple[Table, ...] = (
    Table("meta", {"key": str, "value": str}, pk="key"),
    Table("articles", {
        "doc_id": str, "source": str, "title": str, "published": str,
        "date": str, "date_from": str, "authors": str, "text": str, "text_from": str,
        "errors": str, "record_hash": str,
    }, pk="doc_id", indexes=(("date",), ("published",)), not_null=("source", "record_hash")),
    Table("article_people", {
        "id": str, "doc_id": str, "idx": int, "name": str, "side": str, "organizations": str,
    }, pk="id", foreign_keys=(("doc_id", "articles", "doc_id"),),
        indexes=(("doc_id",), ("name",))),
    Table("article_organizations", {
        "id": str, "doc_id": str, "idx": int, "name": str, "side": str, "gazetteer_id": str,
        "aliases": str,
    }, pk="id", foreign_keys=(("doc_id", "articles", "doc_id"),),
        indexes=(("doc_id",), ("name",), ("gazetteer_id",))),
    Table("mentions", {
        "doc_id": str, "kind": str, "entity": str, "entity_name": str, **_SPAN,
    }, pk=None, foreign_keys=(("doc_id", "articles", "doc_id"),),
        indexes=(("doc_id", "entity"),)),  # one index for both lookups: the biggest table
    Table("dates", {
        "doc_id": str, "idx": int, **_SPAN, "value": str, "granularity": str,
    }, pk=None, foreign_keys=(("doc_id", "articles", "doc_id"),),
        indexes=(("doc_id",), ("value",))),
    Table("titles", {
        "doc_id": str, "idx": int, **_SPAN, "person": str, "title": str,
        "organization": str, "article_person": str, "article_organization": str,
    }, pk=None, foreign_keys=(("doc_id", "articles", "doc_id"),
                              ("article_person", "article_people", "id"),
                              ("article_organization", "article_organizations", "id")),
        indexes=(("doc_id",), ("article_person",), ("article_organization",))),
    Table("gate_pairs", {
        "doc_id": str, "idx": int, **_SPAN, "vn": str, "cn": str, "kind": str,
        "markers": str, "gazetteer_id": str, "province": str, "cn_hanzi": str,
        "cn_pinyin": str,
    }, pk=None, foreign_keys=(("doc_id", "articles", "doc_id"),),
        indexes=(("doc_id",), ("gazetteer_id",))),
    Table("gates", {
        "doc_id": str, "idx": int, **_SPAN, "name": str, "kind": str,
        "gazetteer_id": str, "province": str, "counterpart": str, "cn_hanzi": str,
        "cn_pinyin": str, "markers": str,
    }, pk=None, foreign_keys=(("doc_id", "articles", "doc_id"),),
        indexes=(("doc_id",), ("gazetteer_id",))),
    Table("markers", {
        "doc_id": str, "idx": int, **_SPAN, "value": str, "attached_to": str,
    }, pk=None, foreign_keys=(("doc_id", "articles", "doc_id"),),
        indexes=(("doc_id",), ("value",))),
    Table("meetings", {
        "id": str, "doc_id": str, "idx": int, "kind": str, "kind_norm": str, "date": str,
        "place": str, "trigger_text": str, "trigger_start": int, "trigger_end": int,
        "gate_pairs": str, "markers": str, "evidence": str, "method": str,
        "confidence": float,
    }, pk="id", foreign_keys=(("doc_id", "articles", "doc_id"),),
        indexes=(("doc_id",), ("date",), ("kind_norm",))),
    Table("meeting_parties", {
        "meeting_id": str, "doc_id": str, "idx": int, "side": str,
        "organization": str, "article_organization": str, "role": str, "method": str,
        "confidence": float,
    }, pk=None, foreign_keys=(("meeting_id", "meetings", "id"),
                              ("doc_id", "articles", "doc_id"),
                              ("article_organization", "article_organizations", "id")),
        indexes=(("meeting_id",), ("doc_id",), ("article_organization",))),
    Table("meeting_people", {
        "meeting_id": str, "doc_id": str, "idx": int, "side": str, "name": str,
        "article_person": str, "title": str, "role": str, "method": str, "confidence": float,
    }, pk=None, foreign_keys=(("meeting_id", "meetings", "id"),
                              ("doc_id", "articles", "doc_id"),
                              ("article_person", "article_people", "id")),
        indexes=(("meeting_id",), ("doc_id",), ("article_person",))),
    # -- corpus tables, rebuilt by link.py -------------------------------------------------
    Table("bodies", {
        "id": str, "name": str, "side": str, "gazetteer_id": str, "key": str,
        "n_articles": int, "first_seen": str, "last_seen": str,
    }, pk="id", indexes=(("name",), ("key",))),
    Table("body_aliases", {
        "body_id": str, "alias": str, "n_articles": int,
    }, pk=("body_id", "alias"), foreign_keys=(("body_id", "bodies", "id"),),
        indexes=(("alias",),)),
    Table("body_links", {
        "article_organization": str, "doc_id": str, "body_id": str, "method": str,
        "reason": str,
    }, pk="article_organization", foreign_keys=(
        ("article_organization", "article_organizations", "id"),
        ("doc_id", "articles", "doc_id"), ("body_id", "bodies", "id")),
        indexes=(("body_id",), ("doc_id",))),
    Table("persons", {
        "id": str, "name": str, "side": str, "names": str, "n_articles": int,
        "first_seen": str, "last_seen": str,
    }, pk="id", indexes=(("name",),)),
    Table("person_links", {
        "article_person": str, "doc_id": str, "person_id": str, "name": str, "method": str,
        "score": float, "reason": str,
    }, pk="article_person", foreign_keys=(
        ("article_person", "article_people", "id"), ("doc_id", "articles", "doc_id"),
        ("person_id", "persons", "id")),
        indexes=(("person_id",), ("doc_id",))),
    Table("person_positions", {
        "id": str, "person_id": str, "title": str, "body_id": str, "body": str,
        "first_seen": str, "last_seen": str, "n_articles": int, "doc_ids": str,
    }, pk="id", foreign_keys=(("person_id", "persons", "id"), ("body_id", "bodies", "id")),
        indexes=(("person_id",), ("body_id",))),
)

CORPUS_TABLES = ("bodies", "body_aliases", "body_links", "persons", "person_links",
                 "person_positions")
# Children before parents: the order rows of one article are deleted in.
ARTICLE_TABLES = ("person_links", "body_links", "meeting_people", "meeting_parties",
                  "meetings", "titles", "mentions", "dates", "gate_pairs", "gates", "markers",
                  "article_people", "article_organizations")


def insert_sql(table: Table) -> str:
    cols = ", ".join(f"[{c}]" for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    return f"INSERT INTO [{table.name}] ({cols}) VALUES ({marks})"


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables, indexes and the FTS5 index when missing; check the version."""
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                           "'table'")}
    if "meta" in existing:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            raise ExtractError(f"database has schema version {row[0] if row else None!r}, "
                               f"not {SCHEMA_VERSION!r}: write a new file", stage="db")
        return
    if existing:
        raise ExtractError("not a corpus database (tables without a meta table)", stage="db")
    try:
        import sqlite_utils
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ExtractError("the corpus database needs sqlite-utils: pip install "
                           "'extract[db]'", stage="db") from e
    db = sqlite_utils.Database(conn)
    for t in TABLES:
        table = db.table(t.name)
        table.create(dict(t.columns), pk=t.pk, not_null=set(t.not_null) or None,
                     foreign_keys=list(t.foreign_keys) or None)
        for cols in t.indexes:
            table.create_index(list(cols), if_not_exists=True)
    # Its own content (not an external-content table over ``articles``): the index holds the
    # text NFC with one tone placement, so that a query matches whatever form the source
    # used, while ``articles.text`` keeps the exact characters the offsets point into.
    # Diacritics are kept: Vietnamese tones tell words apart (Đồng, Đổng, Động).
    conn.execute(f"CREATE VIRTUAL TABLE [{FTS_TABLE}] USING fts5(doc_id UNINDEXED, title, "
                 "text, tokenize = 'unicode61 remove_diacritics 0')")
    conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                 (SCHEMA_VERSION,))
