"""The corpus commands through Typer's CliRunner: db, people, bodies, graph; the GraphML read
back with networkx, the database opened in Datasette's own app, and the whole chain from
`extract run` on the seeds and the genre set."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.models import MeetingKind
from tests.corpus_helpers import B, M, P, article, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
SO_TM = "Sở Thương mại Quảng Tây"
BQL = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
UBND = "Ủy ban nhân dân tỉnh Lạng Sơn"
runner = CliRunner()


def _corpus(tmp_path: Path) -> Path:
    """Three articles: talks in 2021 and 2023 between the same two delegations (the Chinese
    head spelled two ways), and a Vietnamese-only working session."""
    vn = P("Hoàng Minh Trường", "VN", "Phó Trưởng Ban", BQL)
    a = article("a1", published="2021-03-02",
                people=(vn, P("Đổng Văn Minh", "CN", "Giám đốc", SO_TM)),
                orgs=(B(SO_TM, "CN", "cn-gx-so-thuong-mai"),),
                meetings=(M(date="2021-03-02", place="cửa khẩu Hữu Nghị",
                            parties=(BQL, SO_TM), people=("Hoàng Minh Trường",
                                                          "Đổng Văn Minh")),))
    b = article("a2", published="2023-06-10",
                people=(vn, P("Đồng Văn Minh", "CN", "Giám đốc", SO_TM)),
                meetings=(M(date="2023-06-10", parties=(BQL, SO_TM),
                            people=("Hoàng Minh Trường", "Đồng Văn Minh")),))
    c = article("a3", published="2023-09-01",
                people=(P("Lý Vinh Quang", "VN", "Phó Chủ tịch", UBND),),
                orgs=(B(BQL, "VN"),),
                meetings=(M(kind="làm việc", kind_norm=MeetingKind.WORKING_SESSION,
                            parties=(UBND, BQL), people=("Lý Vinh Quang",)),))
    jsonl = write_jsonl(tmp_path / "out.jsonl", [a, b, c])
    db = tmp_path / "corpus.db"
    result = runner.invoke(app, ["db", str(jsonl), "-o", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_db_command_reports_and_reruns_without_change(tmp_path: Path) -> None:
    db = _corpus(tmp_path)
    again = runner.invoke(app, ["db", str(tmp_path / "out.jsonl"), "-o", str(db)])
    assert again.exit_code == 0
    assert "0 added, 0 updated, 3 unchanged, 0 bad lines; links unchanged" in again.output


def test_db_command_names_a_bad_line_and_exits_1(tmp_path: Path) -> None:
    jsonl = write_jsonl(tmp_path / "o.jsonl", [article("x1"), article("x2")],
                        extra_lines={2: '{"doc_id": 3}'})
    result = runner.invoke(app, ["db", str(jsonl), "-o", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert f"error: {jsonl}:2: not a record" in result.output
    assert "2 added" in result.output


def test_db_command_usage_errors_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["db", str(tmp_path / "nope.jsonl"), "-o",
                                 str(tmp_path / "c.db")])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(app, ["people", str(tmp_path / "nope.db"), "X"])
    assert result.exit_code == 2 and "no such database" in result.output


def test_people_command_prints_the_timeline_and_meetings(tmp_path: Path) -> None:
    db = _corpus(tmp_path)
    result = runner.invoke(app, ["people", str(db), "Dong Van Minh"])  # typed without tones
    assert result.exit_code == 0, result.output
    out = result.output
    header = out.splitlines()[0]
    assert header.split(" (CN)")[0] in ("Đổng Văn Minh", "Đồng Văn Minh")
    assert "(CN): 2 articles, 2021-03-02 to 2023-06-10" in header
    assert "spellings: Đồng Văn Minh, Đổng Văn Minh" in out
    assert "2021-03-02 to 2023-06-10".ljust(26) + f"Giám đốc, {SO_TM}  (a1, a2)" in out
    met = [line for line in out.splitlines() if "hội đàm" in line]
    assert len(met) == 2
    assert "at cửa khẩu Hữu Nghị" in met[0] and "Hoàng Minh Trường" in met[0]
    missing = runner.invoke(app, ["people", str(db), "Không Có Ai"])
    assert missing.exit_code == 1 and "no person matches" in missing.output


def test_bodies_command_prints_names_meetings_and_positions(tmp_path: Path) -> None:
    db = _corpus(tmp_path)
    result = runner.invoke(app, ["bodies", str(db), "cn-gx-so-thuong-mai"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{SO_TM} (CN): 2 articles")
    events = [line.split()[1] for line in lines[1:]]
    assert events.count("named") == 2 and events.count("meeting") == 2
    assert any("position" in line and "Văn Minh: Giám đốc" in line for line in lines)
    dates = [line.split()[0] for line in lines[1:]]
    assert dates == sorted(dates)


def test_graph_is_read_back_by_networkx(tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    db = _corpus(tmp_path)
    out = tmp_path / "meetings.graphml"
    result = runner.invoke(app, ["graph", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(out)
    conn = sqlite3.connect(db)
    persons = {f"person:{r[0]}" for r in conn.execute("SELECT id FROM persons")}
    bodies = {f"body:{r[0]}" for r in conn.execute("SELECT id FROM bodies")}
    assert set(g.nodes) <= persons | bodies
    assert {g.nodes[n]["type"] for n in g.nodes} == {"body", "person"}
    # The Chinese head spelled two ways is one node, met twice by the Vietnamese side.
    minh = [n for n in g.nodes if g.nodes[n]["label"] in ("Đổng Văn Minh", "Đồng Văn Minh")]
    assert len(minh) == 1 and g.nodes[minh[0]]["side"] == "CN"
    hmt = next(n for n in g.nodes if g.nodes[n]["label"] == "Hoàng Minh Trường")
    assert isinstance(g, nx.MultiGraph)  # parallel edges: one per meeting
    dates = sorted(d["date"] for d in g.get_edge_data(hmt, minh[0]).values())
    assert dates == ["2021-03-02", "2023-06-10"]
    # Two-sided talks join opposite sides only: the two Vietnamese never "meet" there.
    for u, v, d in g.edges(data=True):
        if d.get("kind") == "hội đàm":
            assert g.nodes[u].get("side") != g.nodes[v].get("side")
    # The one-sided working session joins its three participants pairwise, undated.
    session = [d for _, _, d in g.edges(data=True) if d.get("kind") == "làm việc"]
    assert len(session) == 3 and all("date" not in d for d in session)
    assert result.output.strip().endswith(f"{g.number_of_edges()} edges from 3 meetings")


def test_person_timeline_frames_for_notebooks(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    from extract.corpus import body_timeline, person_meetings, person_timeline

    db = _corpus(tmp_path)
    df = person_timeline(db, "Đồng Văn Minh")
    assert list(df[["title", "first_seen", "last_seen", "n_articles"]].itertuples(
        index=False, name=None)) == [("Giám đốc", "2021-03-02", "2023-06-10", 2)]
    meetings = person_meetings(db, "Hoàng Minh Trường")
    assert list(meetings["date"]) == ["2021-03-02", "2023-06-10"]
    assert all(any(n.endswith("Văn Minh") for n in w) for w in meetings["with"])
    undated = person_meetings(db, "Lý Vinh Quang")
    assert list(undated["date_from"]) == ["article"]  # the meeting has no date of its own
    assert set(body_timeline(db, BQL)["event"]) == {"named", "meeting", "position"}


def test_database_opens_in_datasette(tmp_path: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    db = _corpus(tmp_path)

    async def query() -> tuple[list[dict[str, object]], list[dict[str, object]], int]:
        ds = datasette_app.Datasette([str(db)])
        await ds.invoke_startup()
        persons = await ds.client.get("/corpus/persons.json?_shape=array&_sort=id")
        search = await ds.client.get("/corpus/articles_fts.json?_shape=array&_search=Trường")
        page = await ds.client.get("/corpus/person_links")
        return persons.json(), search.json(), page.status_code

    persons, search, status = asyncio.run(query())
    conn = sqlite3.connect(db)
    assert [p["id"] for p in persons] == [r[0] for r in conn.execute(
        "SELECT id FROM persons ORDER BY id")]
    assert sorted(r["doc_id"] for r in search) == ["a1", "a2"]
    assert status == 200


def test_from_extract_run_to_timelines_on_the_seeds_and_genre_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out.jsonl"
    run = runner.invoke(app, ["run", "seeds", "tests/genre/texts", "-o", str(out)])
    assert run.exit_code == 0, run.output
    db = tmp_path / "corpus.db"
    built = runner.invoke(app, ["db", str(out), "-o", str(db)])
    assert built.exit_code == 0, built.output
    conn = sqlite3.connect(db)
    n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert n_articles == sum(1 for _ in out.open(encoding="utf-8"))
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT count(*) FROM articles WHERE text IS NULL").fetchone() == (0,)
    # Every person of the seeds' gold annotation has a timeline.
    for gold in sorted((ROOT / "tests" / "gold" / "seeds").glob("*.json")):
        for name in json.loads(gold.read_text(encoding="utf-8"))["people"]:
            result = runner.invoke(app, ["people", str(db), name])
            assert result.exit_code == 0, (name, result.output)
            assert result.output.startswith(name)
    graph = runner.invoke(app, ["graph", str(db), "-o", str(tmp_path / "m.graphml")])
    assert graph.exit_code == 0, graph.output
