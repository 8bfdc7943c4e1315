"""The corpus level: many articles' records in one SQLite database, people and bodies
linked across articles, their timelines and the network of who met whom.

>>> from extract.corpus import build_db, person_timeline
>>> build_db(["out/seeds.jsonl"], "corpus.db")              # doctest: +SKIP
>>> person_timeline("corpus.db", "Mã Kế Hiến")              # doctest: +SKIP
"""

from __future__ import annotations

from .db import BadLine, DbReport, build_db
from .graph import write_graphml
from .link import VARIANT_THRESHOLD, link_corpus
from .timeline import body_timeline, find_bodies, find_people, person_meetings, person_timeline

__all__ = [
    "VARIANT_THRESHOLD",
    "BadLine",
    "DbReport",
    "body_timeline",
    "build_db",
    "find_bodies",
    "find_people",
    "link_corpus",
    "person_meetings",
    "person_timeline",
    "write_graphml",
]
