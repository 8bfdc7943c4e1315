"""Linking people and bodies across articles in the corpus database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.corpus import VARIANT_THRESHOLD, build_db
from extract.corpus.link import loose_name, spelling_variant
from tests.corpus_helpers import B, P, article, write_jsonl

SO_TM = "Sở Thương mại Quảng Tây"
BQL = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"


def _build(tmp_path: Path, records: list, name: str = "c.db") -> sqlite3.Connection:
    jsonl = write_jsonl(tmp_path / f"{name}.jsonl", records)
    db = tmp_path / name
    report = build_db([jsonl], db)
    assert not report.bad
    return sqlite3.connect(db)


def _persons(conn: sqlite3.Connection) -> list[tuple[str, str, list[str]]]:
    return [(r[0], r[1], json.loads(r[2])) for r in
            conn.execute("SELECT id, side, names FROM persons ORDER BY id")]


@pytest.mark.parametrize(("a", "b", "variant"), [
    pytest.param("Đổng Văn Minh", "Đồng Văn Minh", True, id="tone-of-one-syllable"),
    pytest.param("Lý Vinh Quang", "Lí Vinh Quang", True, id="i-y-swap"),
    pytest.param("Mã Kế Hiến", "Mã Kế Hiển", True, id="tone-last-syllable"),
    pytest.param("Nguyễn Văn Bình", "Nguyễn Văn Minh", False, id="another-given-name"),
    pytest.param("Mã Kế Hiến", "Mả Kê Hiển", False, id="three-syllables-differ"),
    pytest.param("Hoàng Minh Trường", "Hoàng Minh Trường", False, id="same-name-not-variant"),
    pytest.param("Hoàng Minh", "Hoàng Minh Trường", False, id="different-length"),
    pytest.param("Đặng Văn An", "Dặng Văn An", True, id="d-stroke"),
])
def test_spelling_variant(a: str, b: str, variant: bool) -> None:
    score = spelling_variant(a, b)
    assert (score is not None) == variant
    if score is not None:
        assert score >= VARIANT_THRESHOLD
        assert spelling_variant(b, a) == score  # symmetric


@given(st.text(alphabet="aăâeêioôơuưyđ àáảãạ", min_size=1, max_size=20))
def test_loose_name_is_the_same_for_every_tone(name: str) -> None:
    import unicodedata

    for tone in ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
        toned = unicodedata.normalize("NFC", "".join(c + tone if c.isalpha() else c
                                                     for c in name))
        assert loose_name(toned) == loose_name(name)


def test_two_spellings_with_the_same_position_are_one_person(tmp_path: Path) -> None:
    a = article("a1", published="2021-03-02",
                people=(P("Đổng Văn Minh", "CN", "Giám đốc", SO_TM),))
    b = article("a2", published="2023-06-10",
                people=(P("Đồng Văn Minh", "CN", "Giám đốc", SO_TM),))
    conn = _build(tmp_path, [a, b])
    persons = _persons(conn)
    assert len(persons) == 1
    assert sorted(persons[0][2]) == ["Đồng Văn Minh", "Đổng Văn Minh"]
    links = conn.execute("SELECT name, method, score, reason FROM person_links "
                         "ORDER BY name").fetchall()
    assert len(links) == 2
    variant = [r for r in links if r[1] == "variant"]
    assert len(variant) == 1
    assert variant[0][2] >= VARIANT_THRESHOLD
    assert "same position" in variant[0][3] and SO_TM in variant[0][3]
    pos = conn.execute("SELECT title, body, first_seen, last_seen, n_articles, doc_ids "
                       "FROM person_positions").fetchall()
    assert pos == [("Giám đốc", SO_TM, "2021-03-02", "2023-06-10", 2, '["a1", "a2"]')]


def test_two_spellings_at_different_bodies_are_two_people(tmp_path: Path) -> None:
    a = article("a1", people=(P("Đổng Văn Minh", "CN", "Giám đốc", SO_TM),))
    b = article("a2", people=(P("Đồng Văn Minh", "CN", "Giám đốc",
                                "Sở Ngoại vụ Vân Nam"),))
    conn = _build(tmp_path, [a, b])
    assert len(_persons(conn)) == 2
    assert {r[0] for r in conn.execute("SELECT method FROM person_links")} == {"name"}


def test_namesakes_on_different_sides_are_two_people(tmp_path: Path) -> None:
    # Even at a body of the same name: the side decides.
    a = article("a1", people=(P("Lý Minh", "VN", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh"),))
    b = article("a2", people=(P("Lý Minh", "CN", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh"),))
    conn = _build(tmp_path, [a, b])
    persons = _persons(conn)
    assert [p[1] for p in persons] == ["CN", "VN"]


def test_same_name_and_side_is_one_person_whatever_the_case(tmp_path: Path) -> None:
    a = article("a1", people=(P("Hoàng Minh Trường", "VN", "Phó Trưởng Ban", BQL),))
    b = article("a2", people=(P("HOÀNG MINH TRƯỜNG", "VN", "Trưởng Ban", BQL),))
    c = article("a3", people=(P("Hoàng Minh Trường", None),))
    conn = _build(tmp_path, [a, b, c])
    persons = _persons(conn)
    assert len(persons) == 1 and persons[0][1] == "VN"
    methods = dict(conn.execute("SELECT doc_id, method FROM person_links"))
    assert methods == {"a1": "name", "a2": "name", "a3": "side"}
    titles = [r[0] for r in conn.execute("SELECT title FROM person_positions ORDER BY title")]
    assert titles == ["Phó Trưởng Ban", "Trưởng Ban"]  # two positions of one person


def test_a_sideless_name_seen_on_both_sides_stays_apart(tmp_path: Path) -> None:
    recs = [article("a1", people=(P("Lý Minh", "VN"),)),
            article("a2", people=(P("Lý Minh", "CN"),)),
            article("a3", people=(P("Lý Minh", None),))]
    conn = _build(tmp_path, recs)
    assert sorted(p[1] or "-" for p in _persons(conn)) == ["-", "CN", "VN"]


def test_bodies_keyed_by_gazetteer_id_then_by_canonical_key(tmp_path: Path) -> None:
    a = article("a1", published="2020-01-05",
                orgs=(B(SO_TM, "CN", "cn-gx-so-thuong-mai", ("Sở Thương mại Khu tự trị "
                                                            "dân tộc Choang Quảng Tây",)),
                      B("Sở Công Thương", None)))
    # The same body without its gazetteer id, and the same department written in capitals.
    b = article("a2", published="2022-07-01", orgs=(B(SO_TM, "CN"), B("SỞ CÔNG THƯƠNG", "VN")))
    conn = _build(tmp_path, [a, b])
    rows = conn.execute("SELECT id, side, gazetteer_id, n_articles, first_seen, last_seen "
                        "FROM bodies ORDER BY id").fetchall()
    assert rows == [("cn-gx-so-thuong-mai", "CN", "cn-gx-so-thuong-mai", 2, "2020-01-05",
                     "2022-07-01"),
                    ("sở công thương", "VN", None, 2, "2020-01-05", "2022-07-01")]
    aliases = {r[0] for r in conn.execute(
        "SELECT alias FROM body_aliases WHERE body_id = 'cn-gx-so-thuong-mai'")}
    assert aliases == {SO_TM, "Sở Thương mại Khu tự trị dân tộc Choang Quảng Tây"}
    reasons = dict(conn.execute("SELECT doc_id, reason FROM body_links "
                                "WHERE body_id = 'cn-gx-so-thuong-mai'"))
    assert "gazetteer id" in reasons["a1"] and "other articles" in reasons["a2"]


def _corpus_dump(conn: sqlite3.Connection) -> list[list[tuple]]:
    return [sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in ("persons", "person_links", "person_positions", "bodies", "body_aliases",
                      "body_links")]


_POOL = [
    article("r1", published="2020-01-01", people=(P("Đổng Văn Minh", "CN", "Giám đốc", SO_TM),
                                                  P("Lý Minh", "VN"))),
    article("r2", published="2021-01-01", people=(P("Đồng Văn Minh", "CN", "Giám đốc", SO_TM),
                                                  P("Lý Minh", None))),
    article("r3", people=(P("Đồng Văn Minh", "CN", "Phó Giám đốc", SO_TM),)),
    article("r4", date="2019-05-04", people=(P("Lí Minh", "VN", "Trưởng Ban", BQL),
                                            P("Lý Minh", "VN", None, BQL))),
]


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.permutations(_POOL))
def test_linking_does_not_depend_on_input_order(tmp_path_factory: pytest.TempPathFactory,
                                                order: list) -> None:
    tmp = tmp_path_factory.mktemp("order")
    reference = _corpus_dump(_build(tmp, _POOL, "ref.db"))
    assert _corpus_dump(_build(tmp, order, "shuffled.db")) == reference
