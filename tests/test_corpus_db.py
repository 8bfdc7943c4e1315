"""The corpus database: schema as documented, idempotent and transactional writes, bad
lines, article text and the full-text index."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract.corpus.db as corpus_db
from extract.corpus import build_db
from extract.models import ArticleRecord, ExtractError, Mention, Person
from tests.corpus_helpers import B, M, P, article, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
SO_TM = "Sở Thương mại Quảng Tây"
BQL = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"


def _records(n: int = 6) -> list[ArticleRecord]:
    out = []
    for i in range(n):
        out.append(article(
            f"doc{i:02d}", published=f"2024-0{1 + i % 9}-1{i % 10}",
            people=(P("Hoàng Minh Trường", "VN", "Phó Trưởng Ban", BQL),
                    P("Mã Kế Hiến", "CN", "Phó Giám đốc", SO_TM)),
            orgs=(B(SO_TM, "CN", "cn-gx-so-thuong-mai"),),
            meetings=(M(date=f"2024-0{1 + i % 9}-1{i % 10}", parties=(BQL, SO_TM),
                        people=("Hoàng Minh Trường", "Mã Kế Hiến")),),
            title=f"Hội đàm lần {i}"))
    return out


def _content(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, the FTS index by its columns (its rowids and segments
    depend on the order rows were written in, not on what they hold)."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'articles_fts%'")]
        out = {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr)
               for t in tables}
        out["articles_fts"] = sorted(conn.execute(
            "SELECT doc_id, title, text FROM articles_fts").fetchall())
        return out
    finally:
        conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- schema -----------------------------------------------------------------------------------

def _readme_tables() -> dict[str, list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The corpus as a database", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, list[str]] = {}
    for line in section.splitlines():
        m = re.match(r"\| `(\w+)` \| (.*?) \|", line)
        if m:
            tables[m.group(1)] = re.findall(r"`(\w+)`", m.group(2))
    return tables


def test_schema_is_the_one_the_readme_documents(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "o.jsonl", _records(2))], db)
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'articles_fts_%' ORDER BY name")]
    actual = {t: [c[1] for c in conn.execute(f"PRAGMA table_info([{t}])")] for t in names}
    documented = _readme_tables()
    assert sorted(documented) == sorted(actual)
    for table, cols in actual.items():
        assert documented[table] == cols, table
    fts = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()
    assert "fts5" in fts[0].lower()


def test_foreign_keys_and_indexes_hold(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "o.jsonl", _records(3))], db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = {(t, r[3], r[2]) for t in ("titles", "meeting_parties", "person_links", "body_links")
           for r in conn.execute(f"PRAGMA foreign_key_list({t})")}
    assert ("titles", "article_person", "article_people") in fks
    assert ("meeting_parties", "meeting_id", "meetings") in fks
    assert ("person_links", "person_id", "persons") in fks
    assert ("body_links", "body_id", "bodies") in fks
    # Every foreign key column has an index (joins and Datasette's facets stay fast).
    for t in ("titles", "meeting_parties", "meeting_people", "person_links", "body_links"):
        indexed = {conn.execute(f"PRAGMA index_info([{ix[1]}])").fetchone()[2]
                   for ix in conn.execute(f"PRAGMA index_list([{t}])")}
        for fk in conn.execute(f"PRAGMA foreign_key_list([{t}])"):
            assert fk[3] in indexed, (t, fk[3])


def test_meetings_go_in_with_their_parties_and_people(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "o.jsonl", _records(2))], db)
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT m.date, b.name, mp.side FROM meeting_parties mp "
        "JOIN meetings m ON m.id = mp.meeting_id "
        "JOIN body_links bl ON bl.article_organization = mp.article_organization "
        "JOIN bodies b ON b.id = bl.body_id WHERE m.doc_id = 'doc00' ORDER BY mp.idx").fetchall()
    assert rows == [("2024-01-10", BQL, "VN"), ("2024-01-10", SO_TM, "CN")]
    people = conn.execute(
        "SELECT p.name, p.side FROM meeting_people mp "
        "JOIN person_links pl ON pl.article_person = mp.article_person "
        "JOIN persons p ON p.id = pl.person_id WHERE mp.doc_id = 'doc01' "
        "ORDER BY mp.idx").fetchall()
    assert people == [("Hoàng Minh Trường", "VN"), ("Mã Kế Hiến", "CN")]


def test_every_span_is_grounded_in_the_stored_text(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "o.jsonl", _records(3))], db)
    conn = sqlite3.connect(db)
    n = 0
    for table in ("mentions", "dates", "titles"):
        for text, start, end, stored in conn.execute(
                f"SELECT a.text, t.start, t.end, t.text FROM [{table}] t "
                "JOIN articles a ON a.doc_id = t.doc_id"):
            assert text[start:end] == stored
            n += 1
    assert n > 10


# -- re-runs and updates ----------------------------------------------------------------------

def test_rerun_on_the_same_output_changes_nothing(tmp_path: Path) -> None:
    jsonl = write_jsonl(tmp_path / "o.jsonl", _records())
    db = tmp_path / "c.db"
    first = build_db([jsonl], db)
    assert first.added == 6 and first.linked is not None
    before = _sha(db)
    again = build_db([jsonl], db)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)
    assert again.linked is None
    assert _sha(db) == before  # not one byte written


def test_a_changed_record_replaces_its_rows_by_doc_id(tmp_path: Path) -> None:
    records = _records(3)
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "a.jsonl", records)], db)
    changed = article("doc01", published="2025-02-02",
                      people=(P("Lý Vinh Quang", "VN", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh"),))
    added = article("doc09", people=(P("Vũ Quang Khánh", "VN"),))
    report = build_db([write_jsonl(tmp_path / "b.jsonl", [changed, added])], db)
    assert (report.added, report.updated, report.unchanged) == (1, 1, 0)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    names = [r[0] for r in conn.execute(
        "SELECT name FROM article_people WHERE doc_id = 'doc01'")]
    assert names == ["Lý Vinh Quang"]
    assert conn.execute("SELECT count(*) FROM meetings WHERE doc_id = 'doc01'").fetchone() == (0,)
    # The corpus tables follow: Mã Kế Hiến is now seen in two articles, not three.
    assert conn.execute("SELECT n_articles FROM persons WHERE name = 'Mã Kế Hiến'"
                        ).fetchone() == (2,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # The same result as one fresh build of the final records.
    fresh = tmp_path / "fresh.db"
    build_db([write_jsonl(tmp_path / "f.jsonl", [records[0], changed, records[2], added])],
             fresh)
    assert _content(db) == _content(fresh)


# -- interruptions and bad input --------------------------------------------------------------

@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fail_at=st.integers(min_value=1, max_value=6), batch=st.integers(min_value=1,
                                                                         max_value=4))
def test_an_interrupted_run_leaves_whole_articles_and_the_rerun_completes(
        tmp_path_factory: pytest.TempPathFactory, fail_at: int, batch: int) -> None:
    tmp = tmp_path_factory.mktemp("interrupt")
    records = _records()
    jsonl = write_jsonl(tmp / "o.jsonl", records)
    db = tmp / "c.db"
    calls = {"n": 0}
    real = corpus_db._write_fts

    def interrupt(*args: object) -> None:
        # The FTS row goes in last: every other row of the article is in when this fails.
        calls["n"] += 1
        if calls["n"] >= fail_at:
            raise KeyboardInterrupt
        real(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(corpus_db, "_write_fts", interrupt)
        with pytest.raises(KeyboardInterrupt):
            build_db([jsonl], db, commit_every=batch)
    conn = sqlite3.connect(db)
    kept = [r[0] for r in conn.execute("SELECT doc_id FROM articles ORDER BY doc_id")]
    # Whole batches of the articles before the failure, nothing of the one it hit.
    assert kept == [r.doc_id for r in records[:(fail_at - 1) // batch * batch]]
    for table in ("article_people", "mentions", "titles", "meetings", "meeting_people"):
        docs = {r[0] for r in conn.execute(f"SELECT doc_id FROM [{table}]")}
        assert docs == set(kept), table
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == len(kept)
    conn.close()
    report = build_db([jsonl], db)
    assert report.added == len(records) - len(kept) and report.unchanged == len(kept)
    fresh = tmp / "fresh.db"
    build_db([jsonl], fresh)
    assert _content(db) == _content(fresh)


def test_a_bad_line_is_named_and_the_rest_goes_in(tmp_path: Path) -> None:
    records = _records(4)
    bad_record = records[0].model_dump_json().replace('"doc_id":"doc00",', "")
    jsonl = write_jsonl(tmp_path / "o.jsonl", records[1:],
                        extra_lines={2: "{not json", 4: bad_record})
    report = build_db([jsonl], tmp_path / "c.db")
    assert report.added == 3
    assert [(b.path, b.line) for b in report.bad] == [(str(jsonl), 2), (str(jsonl), 4)]
    assert "not JSON" in report.bad[0].message
    assert "doc_id" in report.bad[1].message
    assert str(report.bad[0]).startswith(f"{jsonl}:2: ")


def test_a_line_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    records = _records(2)
    jsonl = tmp_path / "o.jsonl"
    jsonl.write_bytes(records[0].model_dump_json().encode() + b"\n"
                      + records[1].model_dump_json().encode().replace(b"doc01", b"doc\xff1")
                      + b"\n")
    report = build_db([jsonl], tmp_path / "c.db")
    assert report.added == 1
    assert [(b.line, b.message.split(" (")[0]) for b in report.bad] == [(2, "not UTF-8")]


def test_a_missing_input_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="no such file"):
        build_db([tmp_path / "missing.jsonl"], tmp_path / "c.db")
    assert not (tmp_path / "c.db").exists()


def test_a_file_that_is_not_a_corpus_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    sqlite3.connect(db).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(ExtractError, match="not a corpus database"):
        build_db([write_jsonl(tmp_path / "o.jsonl", _records(1))], db)


# -- text and full-text search ----------------------------------------------------------------

def _file_record(doc_id: str, source: str, text: str, name: str) -> ArticleRecord:
    start = text.index(name)
    mention = Mention(text=name, start=start, end=start + len(name))
    return ArticleRecord(doc_id=doc_id, source=source,
                         people=[Person(name=name, mentions=[mention], side="CN")])


def test_text_comes_from_the_source_file_when_the_record_has_none(tmp_path: Path) -> None:
    # A decomposed (NFD) file: the offsets count its code points, the index holds NFC.
    name = unicodedata.normalize("NFD", "Mã Kế Hiến")
    text = f"Ngày hôm qua, ông {name}, Phó Giám đốc, đã đến thăm."
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "src" / "b.txt").write_text(f"Bài đã sửa: ông {name} không còn ở chỗ cũ.",
                                            encoding="utf-8")
    records = [_file_record("file1", "src/a.txt", text, name),
               _file_record("file2", "src/missing.txt", text, name),
               _file_record("file3", "src/b.txt", text, name)]  # b.txt changed since
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "o.jsonl", records)], db, root=tmp_path)
    conn = sqlite3.connect(db)
    rows = {r[0]: (r[1], r[2]) for r in
            conn.execute("SELECT doc_id, text, text_from FROM articles")}
    assert rows == {"file1": (text, "file"), "file2": (None, None), "file3": (None, None)}
    hits = [r[0] for r in conn.execute(
        "SELECT doc_id FROM articles_fts WHERE articles_fts MATCH ?", ('"Mã Kế Hiến"',))]
    assert hits == ["file1"]


@pytest.mark.parametrize(("query", "found"), [
    pytest.param('"Mã Kế Hiến"', True, id="phrase"),
    pytest.param("Hiến", True, id="word"),
    pytest.param("Hiền", False, id="other-tone-is-another-word"),
    pytest.param("title:Hội", True, id="title-column"),
])
def test_full_text_index(tmp_path: Path, query: str, found: bool) -> None:
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "o.jsonl", _records(2))], db)
    conn = sqlite3.connect(db)
    hits = conn.execute("SELECT doc_id FROM articles_fts WHERE articles_fts MATCH ? "
                        "ORDER BY doc_id", (query,)).fetchall()
    assert (hits == [("doc00",), ("doc01",)]) == found
    assert found or hits == []


def test_old_tone_placement_in_the_text_is_found_with_the_new(tmp_path: Path) -> None:
    rec = article("old", people=(P("Nguyễn Văn Hoà", "VN"),))
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "o.jsonl", [rec])], db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Hòa'"
                        ).fetchone() == (1,)
    assert "Hoà" in conn.execute("SELECT text FROM articles").fetchone()[0]


@pytest.mark.parametrize(("index", "name", "linked"), [
    pytest.param(0, SO_TM, 1, id="index-and-name-agree"),
    pytest.param(1, SO_TM, 1, id="index-points-elsewhere-name-decides"),
    pytest.param(7, SO_TM, 1, id="index-out-of-range-name-decides"),
    pytest.param(0, "Cục Hải quan Hữu Nghị", None, id="unknown-name-kept-unlinked"),
])
def test_meeting_party_points_at_the_organization_entry(
        tmp_path: Path, index: int, name: str, linked: int | None) -> None:
    rec = _records(1)[0]
    meeting = rec.meetings[0]
    party = meeting.parties[1].model_copy(update={"index": index, "organization": name})
    rec = rec.model_copy(update={"meetings": [meeting.model_copy(
        update={"parties": [meeting.parties[0], party]})]})
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "o.jsonl", [rec])], db)
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT organization, article_organization FROM meeting_parties "
                       "WHERE idx = 1").fetchone()
    org_index = [o.name for o in rec.organizations].index(SO_TM)
    expected = None if linked is None else f"{rec.doc_id}/o{org_index}"
    assert row == (name, expected)


def test_an_article_that_cannot_be_written_is_rolled_back_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records(3)
    real = corpus_db._rows

    def broken(record: ArticleRecord, *args: object) -> dict[str, list[tuple]]:
        rows = real(record, *args)
        if record.doc_id == "doc01":  # its second person row repeats the first one's id
            rows["article_people"][1] = (rows["article_people"][0][0],
                                         *rows["article_people"][1][1:])
        return rows

    monkeypatch.setattr(corpus_db, "_rows", broken)
    jsonl = write_jsonl(tmp_path / "o.jsonl", records)
    report = build_db([jsonl], tmp_path / "c.db")
    assert report.added == 2
    assert [(b.path, b.line) for b in report.bad] == [(str(jsonl), 2)]
    assert "doc01 not written" in report.bad[0].message
    conn = sqlite3.connect(tmp_path / "c.db")
    for table in ("articles", "article_people", "article_organizations", "mentions"):
        docs = {r[0] for r in conn.execute(f"SELECT doc_id FROM [{table}]")}
        assert docs == {"doc00", "doc02"}, table


def test_an_interrupted_linking_is_redone_by_the_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.corpus.link as corpus_link

    jsonl = write_jsonl(tmp_path / "o.jsonl", _records(3))
    db = tmp_path / "c.db"
    real = corpus_link._link_people

    def interrupted(*args: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(corpus_link, "_link_people", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_db([jsonl], db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (3,)
    # The linking ran in one transaction: none of it is left, bodies included.
    assert conn.execute("SELECT count(*) FROM bodies").fetchone() == (0,)
    conn.close()
    monkeypatch.setattr(corpus_link, "_link_people", real)
    report = build_db([jsonl], db)
    assert report.unchanged == 3 and report.linked is not None
    fresh = tmp_path / "fresh.db"
    build_db([jsonl], fresh)
    assert _content(db) == _content(fresh)


def test_the_same_records_give_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.test_corpus_link import _POOL

    jsonl = write_jsonl(tmp_path / "o.jsonl", [*_records(3), *_POOL])
    digests = set()
    for seed in ("1", "2"):
        db = tmp_path / f"c{seed}.db"
        subprocess.run([sys.executable, "-m", "extract.cli", "db", str(jsonl), "-o", str(db)],
                       check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        digests.add(_sha(db))
    assert len(digests) == 1


@given(st.lists(st.sampled_from(["hoà", "hòa", "thuỷ", "thủy", "hoạch", "quý", "Hoà1", "khoẻ",
                                 "Uỷ", "oà", "xoè", "hoàng", "thuyết", "tuý", "Thuỵ", "Đồng",
                                 "-", "\n", "ho\u0300a"]), max_size=8))
def test_the_search_form_is_the_one_tone_placement_of_the_text(words: list[str]) -> None:
    from extract.text import canonical_tones

    text = " ".join(words)
    assert corpus_db._search_form(text) == canonical_tones(unicodedata.normalize("NFC", text))


def test_a_doc_id_changed_and_changed_back_in_one_run_ends_as_its_last_line(
        tmp_path: Path) -> None:
    first = _records(1)[0]
    other = first.model_copy(update={"title": "khác"})
    db = tmp_path / "c.db"
    build_db([write_jsonl(tmp_path / "a.jsonl", [first])], db)
    for jobs in (1, 2):
        report = build_db([write_jsonl(tmp_path / "b.jsonl", [first, other, first])], db,
                          jobs=jobs)
        assert (report.unchanged, report.updated) == (1, 2)
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT title FROM articles").fetchall() == [(first.title,)]
        conn.close()


def test_two_processes_write_the_same_database_as_one(tmp_path: Path) -> None:
    from tests.test_corpus_link import _POOL

    records = [*_records(5), *_POOL]
    jsonl = write_jsonl(tmp_path / "o.jsonl", records, extra_lines={3: "{bad"})
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = build_db([jsonl], one, jobs=1)
    r2 = build_db([jsonl], two, jobs=2)
    assert r1 == r2 and r1.added == len(records)
    assert _sha(one) == _sha(two)
