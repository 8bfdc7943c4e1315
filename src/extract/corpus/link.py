"""Linking people and bodies across the articles of the corpus database.

Bodies: one ``bodies`` row per organization, keyed by its gazetteer id where the extraction
linked it (or where another article linked the same canonical key), else by its canonical
key (:func:`extract.recognizers.organizations.org_key`: folded, case-free, abbreviations
expanded, region aliases made one).  Every name and alias seen is kept in ``body_aliases``.

People: the same name (folded, case-free) and side are one person.  A name seen without a
side joins the person of that name when only one side has it.  Two spellings of one
Sino-Vietnamese reading, which the press writes with different tones or an i/y swap in one
syllable (Đổng/Đồng Văn A, Lý/Lí), are one person only when rapidfuzz's ratio of the two
names is at least :data:`VARIANT_THRESHOLD` *and* the two hold a position (title and body)
or a body in common: a tone slip alone does not make two officials one, nor do two people
who share a name and a side but differ in one syllable's letters (Bình/Minh).  Every link
row keeps its method, score and the reason in words.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .. import gazetteers
from ..recognizers.organizations import org_key
from ..text import fold_key
from .schema import TABLES, insert_sql

__all__ = ["VARIANT_THRESHOLD", "LinkStats", "corpus_fingerprint", "link_corpus",
           "loose_name", "spelling_variant"]

log = logging.getLogger(__name__)

# rapidfuzz.fuzz.ratio of two folded names.  A one-letter difference in the shortest names
# the corpus has (two syllables, five letters: "Mã Ba") scores 80; two letters in an
# ordinary three-syllable name score about 85, and are refused by the one-syllable rule.
VARIANT_THRESHOLD = 80.0

_INSERT = {t.name: insert_sql(t) for t in TABLES}


@dataclass(frozen=True)
class LinkStats:
    persons: int
    bodies: int
    variant_links: int  # article people joined to a person under another spelling


def corpus_fingerprint(conn: sqlite3.Connection) -> str:
    h = hashlib.sha256()
    for doc_id, record_hash in conn.execute(
            "SELECT doc_id, record_hash FROM articles ORDER BY doc_id"):
        h.update(f"{doc_id}\x00{record_hash}\n".encode())
    return h.hexdigest()


def loose_name(name: str) -> str:
    """A name without tones or other diacritics, đ as d and y as i: the spellings one
    reading is written in (Đổng/Đồng, Lý/Lí) share it."""
    key = unicodedata.normalize("NFD", fold_key(name).replace("đ", "d"))
    return "".join(c for c in key if not unicodedata.combining(c)).replace("y", "i")


def spelling_variant(a: str, b: str) -> float | None:
    """rapidfuzz ratio of two names when they are spelling variants of one reading (one
    syllable differs, by tone or i/y only, ratio >= VARIANT_THRESHOLD), else None."""
    ka, kb = fold_key(a), fold_key(b)
    if ka == kb or loose_name(a) != loose_name(b):
        return None
    sa, sb = ka.split(), kb.split()
    if len(sa) != len(sb) or sum(x != y for x, y in zip(sa, sb, strict=True)) != 1:
        return None
    score = float(fuzz.ratio(ka, kb))
    return score if score >= VARIANT_THRESHOLD else None


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    # Ties go to the first in sorted order, so the choice does not depend on row order.
    return min(counts, key=lambda v: (-counts[v], v))


def _dates(docs: Iterable[str], date: dict[str, str | None]) -> tuple[str | None, str | None]:
    seen = [d for d in map(date.get, docs) if d]
    return (min(seen), max(seen)) if seen else (None, None)


# -- bodies -----------------------------------------------------------------------------------

@dataclass
class _Bodies:
    of_org: dict[str, str] = field(default_factory=dict)  # article_organization -> body id
    by_doc_name: dict[tuple[str, str], str] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # body id -> name


def _regions() -> list[tuple[str, str]]:
    table: gazetteers.OrganizationsTable = gazetteers.load("organizations")
    return [(fold_key(alias), fold_key(group[0]))
            for group in table.region_alias
            for alias in sorted(group[1:], key=len, reverse=True)]


def _link_bodies(conn: sqlite3.Connection, date: dict[str, str | None]) -> _Bodies:
    regions = _regions()
    known = {b.id: b for b in gazetteers.load("bodies").body}
    rows = conn.execute("SELECT id, doc_id, name, side, gazetteer_id, aliases "
                        "FROM article_organizations ORDER BY id").fetchall()
    # Keyed once per distinct name: the same few hundred bodies recur across the corpus.
    key_of: dict[str, str] = {}
    for r in rows:
        if r[2] not in key_of:
            key_of[r[2]] = org_key(r[2], regions)
    keys = {r[0]: key_of[r[2]] for r in rows}
    gids_of_key: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r[4]:
            gids_of_key[keys[r[0]]].add(r[4])
    out = _Bodies()
    members: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    links = []
    for oid, doc, name, _side, gid, _aliases in rows:
        key = keys[oid]
        via_key = gids_of_key.get(key, set())
        if gid:
            bid, method, reason = gid, "gazetteer", f"gazetteer id {gid} in the record"
        elif len(via_key) == 1:
            bid = next(iter(via_key))
            method, reason = "key", f"canonical key {key!r}, linked to {bid} in other articles"
        else:
            bid, method, reason = key, "key", f"canonical key {key!r}"
        out.of_org[oid] = bid
        out.by_doc_name.setdefault((doc, name), bid)
        out.by_key.setdefault(key, bid)
        members[bid].append((oid, doc, key))
        links.append((oid, doc, bid, method, reason))
    by_id = {r[0]: r for r in rows}
    body_rows: list[tuple[object, ...]] = []
    alias_rows: list[tuple[str, str, int]] = []
    for bid in sorted(members):
        ms = members[bid]
        rs = [by_id[m[0]] for m in ms]
        docs = {m[1] for m in ms}
        gaz = known.get(bid)
        name = gaz.name if gaz else _most_common(r[2] for r in rs)
        side = gaz.side if gaz else _most_common(r[3] for r in rs)
        first, last = _dates(docs, date)
        key = org_key(gaz.name, regions) if gaz else ms[0][2]
        body_rows.append((bid, name, side, bid if gaz or any(r[4] for r in rs) else None, key,
                          len(docs), first, last))
        out.names[bid] = name or bid
        alias_docs: dict[str, set[str]] = defaultdict(set)
        for r in rs:
            alias_docs[r[2]].add(r[1])
            if r[5] and r[5] != "[]":
                for alias in json.loads(r[5]):
                    alias_docs[alias].add(r[1])
        alias_rows.extend((bid, a, len(alias_docs[a])) for a in sorted(alias_docs))
    conn.executemany(_INSERT["bodies"], body_rows)
    conn.executemany(_INSERT["body_aliases"], alias_rows)
    conn.executemany(_INSERT["body_links"], links)
    return out


# -- people -----------------------------------------------------------------------------------

@dataclass
class _Entry:
    id: str
    doc: str
    name: str
    side: str | None
    bodies: set[str]
    positions: dict[tuple[str, str], str]  # (title key, body id) -> title as written


class _UnionFind:
    def __init__(self, items: Iterable[tuple[str | None, str]]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: tuple[str | None, str]) -> tuple[str | None, str]:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: tuple[str | None, str], b: tuple[str | None, str]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted([ra, rb], key=lambda g: (g[0] or "", g[1]))
            self.parent[hi] = lo


def _agreement(a: list[_Entry], b: list[_Entry], body_names: dict[str, str]) -> str | None:
    pa = {k: t for e in a for k, t in e.positions.items()}
    pb = {k for e in b for k in e.positions}
    shared = sorted(pa.keys() & pb)
    if shared:
        bid = shared[0][1]
        return f"same position: {pa[shared[0]]}, {body_names.get(bid, bid)}"
    ba = set().union(*(e.bodies for e in a))
    bb = set().union(*(e.bodies for e in b))
    common = sorted(ba & bb)
    if common:
        return f"same body: {body_names.get(common[0], common[0])}"
    return None


def _link_people(conn: sqlite3.Connection, date: dict[str, str | None],
                 bodies: _Bodies) -> tuple[int, int]:
    entries: dict[str, _Entry] = {}
    for pid, doc, name, side, orgs in conn.execute(
            "SELECT id, doc_id, name, side, organizations FROM article_people ORDER BY id"):
        bset = set()
        for org in json.loads(orgs or "[]"):
            bid = bodies.by_doc_name.get((doc, org)) or bodies.by_key.get(fold_key(org))
            if bid:
                bset.add(bid)
        entries[pid] = _Entry(pid, doc, name, side, bset, {})
    titles: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
    for pid, title, org, oid in conn.execute(
            "SELECT article_person, title, organization, article_organization FROM titles "
            "WHERE article_person IS NOT NULL ORDER BY doc_id, idx"):
        e = entries[pid]
        bid = bodies.of_org.get(oid) if oid else None
        if bid:
            e.bodies.add(bid)
            e.positions.setdefault((fold_key(title), bid), title)
        titles[pid].append((title, bid, org))

    groups: dict[tuple[str | None, str], list[_Entry]] = defaultdict(list)
    for e in entries.values():
        groups[(e.side, fold_key(e.name))].append(e)
    uf = _UnionFind(groups)
    edges: dict[tuple[str | None, str], list[tuple[float, str, str]]] = defaultdict(list)
    # A name written without a side belongs to the person of that name when one side has it.
    sides_of: dict[str, list[str]] = defaultdict(list)
    for side, key in sorted(groups, key=lambda g: (g[0] or "", g[1])):
        if side is not None:
            sides_of[key].append(side)
    for side, key in list(groups):
        if side is None and len(sides_of[key]) == 1:
            other = (sides_of[key][0], key)
            uf.union((None, key), other)
            edges[(None, key)].append((100.0, "side", f"same name; side {other[0]} in other "
                                                      "articles, not stated here"))
    # Spelling variants: only groups of the same side and the same loose form are compared.
    blocks: dict[tuple[str | None, str], list[tuple[str | None, str]]] = defaultdict(list)
    for g in groups:
        blocks[(g[0], loose_name(g[1]))].append(g)
    variants = 0
    for block in blocks.values():
        block.sort(key=lambda g: g[1])
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                score = spelling_variant(a[1], b[1])
                if score is None:
                    continue
                why = _agreement(groups[a], groups[b], bodies.names)
                if why is None:
                    log.debug("%s / %s: spelling variants, but nothing in common", a, b)
                    continue
                uf.union(a, b)
                name_a, name_b = groups[a][0].name, groups[b][0].name
                text = (f"spelling variant (rapidfuzz ratio {score:.1f} >= "
                        f"{VARIANT_THRESHOLD:.0f}); {why}")
                edges[a].append((score, "variant", f"{name_a} ~ {name_b}: {text}"))
                edges[b].append((score, "variant", f"{name_b} ~ {name_a}: {text}"))

    clusters: dict[tuple[str | None, str], list[tuple[str | None, str]]] = defaultdict(list)
    for g in groups:
        clusters[uf.find(g)].append(g)
    person_rows, link_rows, position_rows = [], [], []
    for members in sorted(clusters.values(), key=lambda m: min(g[1] for g in m)):
        es = [e for g in members for e in groups[g]]
        rep = min(members, key=lambda g: (-len(groups[g]), g[0] is None, g[1]))
        side = rep[0] or _most_common(g[0] for g in members)
        person_id = f"{side or '?'}:{min(g[1] for g in members)}"
        docs = {e.doc for e in es}
        first, last = _dates(docs, date)
        name = _most_common(e.name for e in groups[rep]) or rep[1]
        spellings = sorted({e.name for e in es})
        person_rows.append((person_id, name, side, json.dumps(spellings, ensure_ascii=False),
                            len(docs), first, last))
        for g in sorted(members, key=lambda g: (g[0] or "", g[1])):
            if g == rep:
                link = (100.0, "name", "same name and side")
            else:
                link = max(edges[g], key=lambda x: (x[0], x[2]))
                if link[1] == "variant":
                    variants += len(groups[g])
            for e in groups[g]:
                link_rows.append((e.id, e.doc, person_id, e.name, link[1], link[0], link[2]))
        position_rows.extend(_positions(person_id, es, titles, date, bodies))
    conn.executemany(_INSERT["persons"], person_rows)
    conn.executemany(_INSERT["person_links"], link_rows)
    conn.executemany(_INSERT["person_positions"], position_rows)
    return len(person_rows), variants


def _positions(person_id: str, es: list[_Entry],
               titles: dict[str, list[tuple[str, str | None, str | None]]],
               date: dict[str, str | None], bodies: _Bodies) -> list[tuple[object, ...]]:
    """One row per (title, body) a person is stated to hold, with the dates it was seen."""
    seen: dict[tuple[str, str], list[tuple[str, str, str | None, str | None]]] = {}
    for e in es:
        for title, bid, org in titles.get(e.id, []):
            key = (fold_key(title), bid or "")
            seen.setdefault(key, []).append((e.doc, title, bid, org))
    rows: list[tuple[object, ...]] = []
    for (tkey, bkey), hits in sorted(seen.items()):
        docs = sorted({h[0] for h in hits})
        first, last = _dates(docs, date)
        title = _most_common(h[1] for h in hits) or tkey
        bid = bkey or None
        body = bodies.names.get(bid) if bid else _most_common(h[3] for h in hits)
        rows.append((f"{person_id}|{tkey}|{bkey}", person_id, title, bid, body, first, last,
                     len(docs), json.dumps(docs, ensure_ascii=False)))
    return rows


def link_corpus(conn: sqlite3.Connection, *, force: bool = False) -> LinkStats | None:
    """Rebuild the corpus tables (persons, bodies, their links, aliases and positions) from
    the article tables, in one transaction.  Skipped (None) when the articles are the ones
    the tables were last built from, so an unchanged corpus is not written to."""
    fp = corpus_fingerprint(conn)
    row = conn.execute("SELECT value FROM meta WHERE key = 'linked'").fetchone()
    if row is not None and row[0] == fp and not force:
        return None
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in ("person_positions", "person_links", "persons", "body_links",
                     "body_aliases", "bodies"):
            conn.execute(f"DELETE FROM [{name}]")
        date = dict(conn.execute("SELECT doc_id, date FROM articles").fetchall())
        bodies = _link_bodies(conn, date)
        persons, variants = _link_people(conn, date, bodies)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('linked', ?)", (fp,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    stats = LinkStats(persons=persons, bodies=len(bodies.names), variant_links=variants)
    log.info("linked %d persons, %d bodies", stats.persons, stats.bodies)
    return stats
