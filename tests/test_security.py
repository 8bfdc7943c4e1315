"""Crafted records and file names: the report reads no arbitrary file, diff injects nothing.

Every record and file name is generated here.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract.cli import app
from extract.diff import diff_records, render_markdown, render_text
from extract.models import ArticleRecord
from extract.report import render_report
from extract.views import load_text

from .conftest import SEEDS

runner = CliRunner()
SEED = SEEDS / "001_a7741a7771e916bb.txt"
SECRET = "SECRET-TOKEN-4f9a1c"


def record(doc_id: str, source: str, **extra: Any) -> ArticleRecord:
    return ArticleRecord.model_validate({"doc_id": doc_id, "source": source, **extra})


def a_date(text: str, word: str) -> dict[str, Any]:
    i = text.index(word)
    return {"text": word, "start": i, "end": i + len(word), "method": "rule",
            "confidence": 0.9, "value": "2025-05-27", "granularity": "day"}


# --- report ---------------------------------------------------------------------------------

def test_report_reads_no_file_a_crafted_record_names(tmp_path: Path) -> None:
    secret = tmp_path / "notes.txt"
    secret.write_text(f"{SECRET} tài khoản\n", encoding="utf-8")
    not_article = tmp_path / "secret.cfg"
    not_article.write_text(f"{SECRET} ngày 27/05/2025\n", encoding="utf-8")
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    recs = [record("d0", "/etc/passwd"), record("d1", "/proc/self/environ"),
            record("d2", "/dev/zero"), record("d3", str(fifo)),
            # no span to check the file against
            record("d4", str(secret)),
            # a span that matches, but not an article file
            record("d5", str(not_article),
                   dates=[a_date(not_article.read_text(encoding="utf-8"), "27/05/2025")])]
    page = render_report(recs)
    assert SECRET not in page and "root:x:0:0" not in page
    assert "PATH=" not in page and os.environ.get("HOME", "\0") not in page
    assert page.count("article text not found") == len(recs)


def test_report_shows_the_article_a_run_read(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_bytes(SEED.read_bytes())
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["run", str(art), "-o", str(out)]).exit_code == 0
    rec = ArticleRecord.model_validate_json(out.read_text(encoding="utf-8"))
    assert load_text(rec) == SEED.read_text(encoding="utf-8")
    page = render_report([rec])
    assert "article text not found" not in page


def test_report_uses_the_extracted_text_of_the_record(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    rec = record("x", "/etc/passwd", extracted_text=text, dates=[a_date(text, "27/05/2025")])
    assert load_text(rec) == text


def test_the_report_command_on_crafted_sources_finishes(tmp_path: Path) -> None:
    evil = tmp_path / "evil.jsonl"
    evil.write_text("".join(record(f"d{i}", s).model_dump_json() + "\n"
                            for i, s in enumerate(["/dev/zero", "/dev/urandom",
                                                   "/proc/self/environ"])), encoding="utf-8")
    html = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(evil), "--html", str(html)])
    assert result.exit_code == 0
    assert "PATH=" not in html.read_text(encoding="utf-8")


# --- diff -----------------------------------------------------------------------------------

INJECTED = "a\n::error title=CI::injected line\n\x1b[2K` ![x](https://evil.example/p.png) `"


def pair(doc_id: str, value: str = "Chính Bình") -> tuple[list[ArticleRecord],
                                                           list[ArticleRecord]]:
    old = [record(doc_id, "x.txt", authors=[value], published="2025-05-27")]
    new = [record(doc_id, "x.txt", authors=[], published="2025-05-28")]
    return old, new


def test_diff_text_escapes_a_hostile_doc_id(tmp_path: Path) -> None:
    text = render_text(diff_records(*pair(INJECTED)), colour=False)
    assert not any(line.startswith("::") for line in text.splitlines())
    assert "\x1b" not in text
    assert "\\n::error" in text


def test_diff_markdown_escapes_a_hostile_doc_id_and_values() -> None:
    md = render_markdown(diff_records(*pair(INJECTED, value="![y](https://evil.example/q)")))
    assert not any(line.startswith("::") for line in md.splitlines())
    assert "![" not in md and "](" not in md.replace("\\](", "")
    assert "\x1b" not in md and "`" not in md.replace("\\`", "")


def test_the_diff_command_on_a_file_name_with_newlines(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / (INJECTED.replace("/", "_") + ".txt")).write_bytes(SEED.read_bytes())
    old = tmp_path / "old.jsonl"
    assert runner.invoke(app, ["run", str(d), "-o", str(old)]).exit_code == 0
    new = tmp_path / "new.jsonl"
    new.write_text(old.read_text(encoding="utf-8").replace('"2025-05-27"', '"2025-05-28"'),
                   encoding="utf-8")
    for fmt in ("text", "markdown"):
        result = runner.invoke(app, ["diff", "--format", fmt, str(old), str(new)])
        assert result.exit_code == 1
        assert not any(line.startswith("::") for line in result.stdout.splitlines())


@given(st.text(min_size=1, max_size=40), st.text(max_size=40))
def test_every_printed_value_stays_on_its_line(doc_id: str, value: str) -> None:
    report = diff_records(*pair(doc_id, value or "x"))
    text = render_text(report, colour=False)
    # One line for the document, one per field change, the summary and the counts.
    n = len(report.docs[0].fields) if report.docs else 0
    assert len(text.split("\n")) == 1 + sum(
        len(f.added) + len(f.removed) + len(f.changed)
        for f in report.docs[0].fields.values()) + 1 + n
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", text)
    md = render_markdown(report)
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", md)
    for line in md.split("\n"):
        assert not line.startswith("::")
    assert json.loads(json.dumps(report.as_dict()))["documents"][0]["doc_id"] == doc_id


@pytest.mark.parametrize("doc_id", ["a|b", "a*b*", "<img src=x>", "`x`", "[l](u)"])
def test_markdown_specials_are_escaped(doc_id: str) -> None:
    md = render_markdown(diff_records(*pair(doc_id)))
    heading = next(line for line in md.splitlines() if line.startswith("#### "))
    assert heading == "#### " + re.sub(r"([\\`*_{}\[\]()<>#!|~&])", r"\\\1", doc_id)
