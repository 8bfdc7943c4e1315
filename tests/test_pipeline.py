"""End to end: grounding, determinism, the committed output, the schema, the CLI."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract import extract_file, extract_text, read_jsonl
from extract.cli import app, schema_text
from extract.models import ArticleRecord

from .conftest import GENRE, ROOT, SEEDS

runner = CliRunner()


def spans(record: ArticleRecord) -> list[tuple[str, int, int]]:
    out = []
    for d in record.dates:
        out.append((d.text, d.start, d.end))
    for p in record.people:
        out += [(m.text, m.start, m.end) for m in p.mentions]
    for o in record.organizations:
        out += [(m.text, m.start, m.end) for m in o.mentions]
    for x in [*record.titles, *record.gate_pairs, *record.gates, *record.markers]:
        out.append((x.text, x.start, x.end))
    return out


def corpus() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) + sorted((GENRE / "texts").glob("*.txt"))


def test_every_span_is_grounded() -> None:
    for path in corpus():
        source = path.read_bytes().decode("utf-8-sig")
        record = extract_file(path)
        assert record.errors == [], (path, record.errors)
        for text, start, end in spans(record):
            assert source[start:end] == text, (path, text, start, end)


def test_nfd_and_old_tones_give_the_same_values() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        a = extract_text(text, doc_id="x")
        nfd = unicodedata.normalize("NFD", text)
        b = extract_text(nfd, doc_id="x")
        for t, s, e in spans(b):
            assert nfd[s:e] == t
        assert _values(a) == _values(b), path.name


def _values(r: ArticleRecord) -> str:
    strip = {"start", "end", "text", "mentions", "aliases", "title"}
    d = r.model_dump(mode="json")
    return json.dumps({k: _drop(v, strip) for k, v in d.items() if k != "title"},
                      sort_keys=True, ensure_ascii=False)


def _drop(v: object, keys: set[str]) -> object:
    if isinstance(v, dict):
        return {k: _drop(x, keys) for k, x in v.items() if k not in keys}
    if isinstance(v, list):
        return [_drop(x, keys) for x in v]
    return v


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_a_valid_grounded_record(text: str) -> None:
    record = extract_text(text)
    ArticleRecord.model_validate_json(record.model_dump_json())
    for t, s, e in spans(record):
        assert text[s:e] == t


_genre_words = st.sampled_from(
    ["Ngày", "27/5", "ông", "Nguyễn Văn An", ",", "Chủ tịch", "UBND", "tỉnh", "Lào Cai", "mốc",
     "1116", "cặp cửa khẩu", "Hữu Nghị", "-", "Hữu Nghị Quan", "\n", "Sở", "Ngoại vụ", "năm",
     "2025", "(", ")", "quý", "IV/2018", "Ủy ban", "Thứ ba, 27/05/2025 - 21:33", "Uỷ ban",
     "hoà", "–", "\u00a0", "các Sở, Ban, ngành:", "Công Thương", "và", "làm trưởng đoàn"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_genre_words, max_size=60).map(" ".join))
def test_genre_like_text_is_grounded(text: str) -> None:
    record = extract_text(text)
    for t, s, e in spans(record):
        assert text[s:e] == t


def test_output_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert runner.invoke(app, ["run", str(SEEDS), "-o", str(a)]).exit_code == 0
    assert runner.invoke(app, ["run", str(SEEDS), "-o", str(b)]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_committed_output_is_current(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    out = tmp_path / "seeds.jsonl"
    result = runner.invoke(app, ["run", "seeds", "-o", str(out)])
    assert result.exit_code == 0, result.output
    committed = (ROOT / "out" / "seeds.jsonl").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, "out/ is stale: run `make run`"


def test_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "article.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schemas/ is stale: run `make run`"


def test_read_jsonl_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    runner.invoke(app, ["run", str(SEEDS), "-o", str(out)])
    records = read_jsonl(out)
    assert [r.doc_id for r in records] == sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_cli_stdout_and_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Ngày 20/3/2014, ông Lò Văn Pó, Chủ tịch UBND huyện Mường Khương, "
                    "làm việc.", encoding="utf-8")
    result = runner.invoke(app, ["run", str(good)])
    assert result.exit_code == 0
    line = json.loads(result.stdout.splitlines()[0])
    assert line["doc_id"] == "good" and line["people"][0]["name"] == "Lò Văn Pó"

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["run", str(tmp_path)])
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["doc_id"] for x in lines] == ["bad", "empty", "good"]
    assert lines[0]["errors"][0]["stage"] == "read"
    assert lines[1]["errors"][0]["message"] == "empty file"
    assert lines[2]["errors"] == []

    assert runner.invoke(app, ["run", str(tmp_path / "missing")]).exit_code == 2


def test_cli_schema(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    data = json.loads((tmp_path / "article.schema.json").read_text(encoding="utf-8"))
    assert "gate_pairs" in data["properties"]
