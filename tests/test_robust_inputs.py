"""Inputs that used to break a batch: odd file names and kinds, stdin, line ends, bytes.

Every input is generated here from the seeds or from short texts in this module.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extract.batch import read_stdin
from extract.cli import app
from extract.io import MAX_BYTES, MAX_LINE, extract_path, safe_str
from extract.pipeline import Pipeline

from .conftest import ROOT, SEEDS

runner = CliRunner()
SEED_FILES = sorted(SEEDS.glob("*.txt"))
# An article with a dateline, a byline and people (001: published and authors set).
BYLINED = SEEDS / "001_a7741a7771e916bb.txt"
SHORT = ("Ngày 20/3/2024, tại cửa khẩu quốc tế Hữu Nghị, ông Hồ Tiến Thiệu, Chủ tịch UBND tỉnh "
         "Lạng Sơn, hội đàm với đoàn công tác Quảng Tây, Trung Quốc về hợp tác thông quan.")


def lines_of(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in stdout.splitlines()]


def values(rec: dict[str, Any]) -> dict[str, Any]:
    return {"published": rec["published"], "authors": rec["authors"],
            "dates": sorted(d["value"] for d in rec["dates"]),
            "people": sorted(p["name"] for p in rec["people"]),
            "organizations": sorted(o["name"] for o in rec["organizations"]),
            "gate_pairs": sorted((g["vn"], g["cn"]) for g in rec["gate_pairs"])}


def grounded(rec: dict[str, Any], text: str) -> None:
    for field in ("dates", "titles", "gate_pairs", "gates", "markers"):
        for x in rec[field]:
            assert text[x["start"]:x["end"]] == x["text"]
    for field in ("people", "organizations"):
        for x in rec[field]:
            for m in x["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]


# --- file names and kinds -------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_name_that_is_not_utf8(tmp_path: Path, jobs: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for name in (b"a.txt", b"b_\xff.txt", b"c.txt"):
        Path(os.fsdecode(os.fsencode(d) + b"/" + name)).write_bytes(SEED_FILES[0].read_bytes())
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["run", str(d), "-o", str(out), "--jobs", jobs])
    assert result.exit_code == 0, result.output
    got = [json.loads(x) for x in out.read_bytes().decode("utf-8").splitlines()]
    assert [r["doc_id"] for r in got] == ["a", "b_\\xff", "c"]
    assert got[1]["source"].endswith("b_\\xff.txt") and got[1]["dates"] == got[0]["dates"]


def test_safe_str_keeps_names_apart_and_text_lengths() -> None:
    assert safe_str("b_\udcff") == "b_\\xff" and safe_str("x\ud800") == "x\\ud800"
    assert safe_str("Việt") == "Việt"
    assert safe_str("a\ud800b", "\ufffd") == "a\ufffdb"


def test_a_fifo_is_an_error_record_and_the_next_file_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    code = "from extract.cli import app; app()"
    # A subprocess with a timeout: a regression would block forever on the open.
    proc = subprocess.run([sys.executable, "-c", code, "run", str(fifo), str(SEED_FILES[0])],
                          capture_output=True, timeout=120)
    assert proc.returncode == 1
    recs = lines_of(proc.stdout.decode())
    assert [bool(r["errors"]) for r in recs] == [True, False]
    assert "FIFO" in recs[0]["errors"][0]["message"]


@pytest.mark.parametrize("kind", ["fifo", "dangling", "loop"])
def test_odd_entries_in_a_folder_are_reported(tmp_path: Path, kind: str) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes(SEED_FILES[0].read_bytes())
    if kind == "fifo":
        os.mkfifo(d / "b.txt")
    elif kind == "dangling":
        (d / "b.txt").symlink_to(tmp_path / "gone.txt")
    else:
        (d / "b.txt").symlink_to(d / "c.txt")
        (d / "c.txt").symlink_to(d / "b.txt")
    result = runner.invoke(app, ["run", str(d)])
    assert result.exit_code == 1
    recs = lines_of(result.stdout)
    assert recs[0]["doc_id"] == "a" and not recs[0]["errors"]
    message = recs[1]["errors"][0]["message"]
    assert {"fifo": "FIFO", "dangling": "dangling symbolic link",
            "loop": "symbolic link loop"}[kind] in message


def test_a_dangling_link_named_on_the_command_line(tmp_path: Path) -> None:
    link = tmp_path / "x.txt"
    link.symlink_to(tmp_path / "gone.txt")
    result = runner.invoke(app, ["run", str(link)])
    assert result.exit_code == 1 and "dangling" in result.output


def test_a_folder_link_loop_ends_and_reads_each_file_once(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "a.txt").write_bytes(SEED_FILES[0].read_bytes())
    (d / "sub" / "up").symlink_to(d, target_is_directory=True)
    result = runner.invoke(app, ["run", str(d)])
    assert result.exit_code == 0
    assert [r["doc_id"] for r in lines_of(result.stdout)] == ["a"]


def test_a_glob_that_matches_nothing_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "*.txt")])
    assert result.exit_code == 2 and "no file matches" in result.output


# --- stdin ----------------------------------------------------------------------------------

def jsonl(texts: list[str]) -> str:
    return "".join(json.dumps({"id": f"a{i}", "text": t}, ensure_ascii=False) + "\n"
                   for i, t in enumerate(texts))


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85", "\r", "\x0b", "\x0c", "\x1c"])
def test_stdin_jsonl_is_split_on_newline_only(sep: str) -> None:
    data = jsonl([SHORT, SHORT.replace(". ", "." + sep, 1).replace(", ", "," + sep, 1), SHORT])
    result = runner.invoke(app, ["run", "-"], input=data)
    assert result.exit_code == 0, result.output
    assert [r["doc_id"] for r in lines_of(result.stdout)] == ["a0", "a1", "a2"]


@pytest.mark.parametrize("bad, message", [
    pytest.param("oops, not json", "not JSON", id="not-json"),
    pytest.param('{"id": "x"}', 'no "text"', id="no-text"),
    pytest.param('{"id": "x", "text": 5}', 'no "text"', id="text-not-a-string"),
    pytest.param("[1, 2]", "not a JSON object", id="array"),
    pytest.param('{"text": "' + "a" * (MAX_LINE + 1) + '"}', "a line of", id="long-line"),
    pytest.param('{"text": "   "}', "empty", id="empty-text"),
])
def test_a_bad_stdin_line_is_one_error_record_with_its_line_number(bad: str,
                                                                   message: str) -> None:
    good = jsonl([SHORT]).strip()
    data = "\n".join([good, "", bad, good.replace('"a0"', '"a9"')]) + "\n"
    result = runner.invoke(app, ["run", "-"], input=data)
    assert result.exit_code == 1
    recs = lines_of(result.stdout)
    assert [bool(r["errors"]) for r in recs] == [False, True, False]
    assert recs[0]["people"] and recs[2]["people"]
    assert recs[1]["errors"][0]["message"].startswith("stdin line 3: ")
    assert message in recs[1]["errors"][0]["message"]


def test_a_stdin_line_over_the_size_limit_is_skipped_whole() -> None:
    huge = '{"id": "big", "text": "' + "x" * (MAX_BYTES + 10) + '"}'
    data = "\n".join([jsonl([SHORT]).strip(), huge, jsonl([SHORT]).strip()]) + "\n"
    result = runner.invoke(app, ["run", "-"], input=data)
    recs = lines_of(result.stdout)
    assert [r["doc_id"] for r in recs] == ["a0", "stdin-2", "a0#2"]
    assert "longer than" in recs[1]["errors"][0]["message"]


def test_stdin_is_streamed() -> None:
    stream = io.BytesIO(jsonl([SHORT] * 50).encode())
    items = read_stdin(stream)
    first = next(items)
    assert first.text == SHORT
    assert stream.tell() < len(stream.getvalue()) // 10
    assert len(list(items)) == 49


def test_a_lone_surrogate_in_a_stdin_id_and_text() -> None:
    data = '{"id": "x\\ud800", "text": "' + SHORT.replace("Ngày", "Ng\\udc00y") + '"}\n'
    result = runner.invoke(app, ["run", "-", "--jobs", "2"], input=data)
    rec = lines_of(result.stdout)[0]
    assert rec["doc_id"] == "x\\ud800"
    assert "surrogate" in rec["errors"][0]["message"] and rec["people"]


@pytest.mark.parametrize("data", ["", "\n\n", "   \n"])
def test_empty_stdin_is_an_error_record(data: str) -> None:
    result = runner.invoke(app, ["run", "-"], input=data)
    assert result.exit_code == 1
    rec = lines_of(result.stdout)[0]
    assert rec["doc_id"] == "stdin" and "empty" in rec["errors"][0]["message"]


def test_plain_stdin_has_the_file_limits() -> None:
    result = runner.invoke(app, ["run", "-"], input="x" * (MAX_LINE + 1))
    assert result.exit_code == 1
    assert "a line of" in lines_of(result.stdout)[0]["errors"][0]["message"]


# --- bytes and characters -------------------------------------------------------------------

def test_one_stray_byte_is_replaced_and_said(tmp_path: Path, pipeline: Pipeline) -> None:
    data = BYLINED.read_bytes()
    at = data.index(b". ", len(data) // 2) + 1
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data[:at] + b"\xff" + data[at:])
    clean = json.loads(extract_path(pipeline, BYLINED).model_dump_json())
    rec = json.loads(extract_path(pipeline, bad).model_dump_json())
    assert values(rec) == values(clean)
    assert rec["errors"][0]["stage"] == "read"
    assert "replaced by U+FFFD" in rec["errors"][0]["message"]
    assert rec["extracted_text"].count("\ufffd") == 1
    grounded(rec, rec["extracted_text"])


def test_a_legacy_encoding_is_still_not_taken_for_utf8_with_strays(tmp_path: Path,
                                                                    pipeline: Pipeline
                                                                    ) -> None:
    p = tmp_path / "cp.txt"
    p.write_bytes(BYLINED.read_text(encoding="utf-8").encode("cp1258", errors="replace"))
    rec = extract_path(pipeline, p)
    assert not rec.errors and rec.authors


@pytest.mark.parametrize("end", [
    pytest.param("\r", id="CR"), pytest.param("\r\n", id="CRLF"),
    pytest.param("\x85", id="NEL"), pytest.param("\u2028", id="LS"),
    pytest.param("\u2029", id="PS"),
])
def test_other_line_ends_keep_bylines_and_datelines(tmp_path: Path, pipeline: Pipeline,
                                                    end: str) -> None:
    text = BYLINED.read_text(encoding="utf-8")
    p = tmp_path / "x.txt"
    p.write_bytes(text.replace("\n", end).encode("utf-8"))
    want = json.loads(extract_path(pipeline, BYLINED).model_dump_json())
    rec = json.loads(extract_path(pipeline, p).model_dump_json())
    assert want["authors"] and want["published"]
    assert values(rec) == values(want)
    grounded(rec, text.replace("\n", end))


def test_a_variation_selector_inside_a_name(pipeline: Pipeline) -> None:
    plain = pipeline.run(SHORT)
    text = SHORT.replace("Tiến", "Tiế\ufe0fn").replace("Thiệu", "Thiệu\ufe0f")
    rec = pipeline.run(text)
    assert [p.name for p in rec.people] == [p.name for p in plain.people] == ["Hồ Tiến Thiệu"]
    for p in rec.people:
        for m in p.mentions:
            assert text[m.start:m.end] == m.text


# --- reading JSONL back ---------------------------------------------------------------------

@pytest.mark.parametrize("command", ["diff", "report", "evaluate"])
def test_a_jsonl_that_is_not_utf8_is_a_usage_error(tmp_path: Path, command: str) -> None:
    u16 = tmp_path / "u16.jsonl"
    u16.write_bytes((ROOT / "out" / "seeds.jsonl").read_text(encoding="utf-8")
                    .encode("utf-16"))
    args = {"diff": ["diff", str(ROOT / "out" / "seeds.jsonl"), str(u16)],
            "report": ["report", str(u16), "--html", str(tmp_path / "r.html")],
            "evaluate": ["evaluate", str(ROOT / "tests" / "gold" / "seeds"), str(u16)]}
    result = runner.invoke(app, args[command])
    assert result.exit_code == 2
    assert "not UTF-8" in result.output


# --- install ----------------------------------------------------------------------------------

def test_the_html_extra_names_what_trafilatura_needs() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    html = meta["project"]["optional-dependencies"]["html"]
    assert any(d.startswith("trafilatura") for d in html)
    assert any(d.replace("-", "_").startswith("lxml_html_clean") for d in html)


def test_a_missing_html_dependency_is_named(tmp_path: Path, pipeline: Pipeline,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "trafilatura":
            raise ImportError("lxml.html.clean module is now a separate project "
                              "lxml_html_clean", name="lxml.html.clean")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    page = tmp_path / "p.html"
    page.write_text(f"<html><body><p>{SHORT}</p></body></html>", encoding="utf-8")
    rec = extract_path(pipeline, page)
    assert "lxml.html.clean" in rec.errors[0].message
    assert "lxml_html_clean" in rec.errors[0].message
