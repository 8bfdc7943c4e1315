"""`extract diff` and `extract report` through the library and the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.diff import diff_records
from extract.io import read_jsonl, write_jsonl_atomic
from extract.models import ArticleRecord

from .conftest import ROOT

OUT = ROOT / "out" / "seeds.jsonl"
runner = CliRunner()

Edit = Callable[[list[ArticleRecord]], list[ArticleRecord]]


def _shift(r: ArticleRecord) -> ArticleRecord:
    # The same values one character later: what an edited header line does to offsets.
    return r.model_copy(update={"dates": [d.model_copy(update={"start": d.start + 1,
                                                               "end": d.end + 1})
                                          for d in r.dates]})


def _first(rs: list[ArticleRecord], **update: object) -> list[ArticleRecord]:
    return [rs[0].model_copy(update=update), *rs[1:]]


CASES = [
    pytest.param(lambda rs: rs, {}, {}, id="equal"),
    pytest.param(lambda rs: _first(rs, people=rs[0].people[1:]),
                 {"people": {"added": 0, "removed": 1, "changed": 0}}, {}, id="person-removed"),
    pytest.param(lambda rs: _first(rs, title="Tiêu đề mới"),
                 {"title": {"added": 0, "removed": 0, "changed": 1}}, {}, id="title-changed"),
    pytest.param(lambda rs: _first(rs, people=[rs[0].people[0].model_copy(
                     update={"side": "CN"}), *rs[0].people[1:]]),
                 {"people": {"added": 0, "removed": 0, "changed": 1}}, {}, id="side-changed"),
    pytest.param(lambda rs: [_shift(rs[0]), *rs[1:]], {}, {"dates": True}, id="offsets-only"),
    pytest.param(lambda rs: rs[1:], {}, {}, id="only-old"),
]


@pytest.mark.parametrize(("edit", "counts", "span_fields"), CASES)
def test_diff_records(edit: Edit, counts: dict[str, dict[str, int]],
                      span_fields: dict[str, bool]) -> None:
    old = read_jsonl(OUT)
    new = edit(old)
    report = diff_records(old, new)
    assert report.counts() == counts
    only = [d.status for d in report.docs if d.status != "changed"]
    assert only == (["only-old"] if len(new) < len(old) else [])
    with_spans = diff_records(old, new, spans=True)
    assert set(span_fields) <= set(with_spans.counts())
    assert report.equal == (not counts and len(new) == len(old))


def _write(tmp: Path, name: str, records: list[ArticleRecord]) -> Path:
    p = tmp / name
    write_jsonl_atomic(records, p)
    return p


def test_cli_diff_exit_codes_and_formats(tmp_path: Path) -> None:
    old = read_jsonl(OUT)
    new = _write(tmp_path, "new.jsonl", _first(old[:-1], people=old[0].people[1:]))
    same = runner.invoke(app, ["diff", str(OUT), str(OUT)])
    assert same.exit_code == 0 and "no differences" in same.output

    text = runner.invoke(app, ["diff", str(OUT), str(new)])
    assert text.exit_code == 1
    assert f"- {old[-1].doc_id}: only in OLD" in text.output
    assert f"- people: {old[0].people[0].name}" in text.output
    assert "\x1b[" not in text.output  # not a TTY: no colour
    coloured = runner.invoke(app, ["diff", "--color", str(OUT), str(new)])
    assert "\x1b[31m" in coloured.output

    md = runner.invoke(app, ["diff", "--format", "markdown", str(OUT), str(new)])
    assert md.exit_code == 1 and "| people | 0 | 1 | 0 |" in md.output

    js = runner.invoke(app, ["diff", "--format", "json", str(OUT), str(new)])
    data = json.loads(js.output)
    assert js.exit_code == 1 and not data["equal"]
    assert data["counts"]["people"] == {"added": 0, "removed": 1, "changed": 0}


@pytest.mark.parametrize("args", [
    pytest.param(["missing.jsonl", "OUT"], id="missing-file"),
    pytest.param(["BAD", "OUT"], id="not-records"),
    pytest.param(["DUP", "OUT"], id="duplicate-doc-id"),
    pytest.param(["OUT", "OUT", "--format", "xml"], id="bad-format"),
])
def test_cli_diff_bad_input(tmp_path: Path, args: list[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": 1}\n', encoding="utf-8")
    old = read_jsonl(OUT)
    dup = _write(tmp_path, "dup.jsonl", [old[0], old[0]])
    names = {"OUT": str(OUT), "BAD": str(bad), "DUP": str(dup),
             "missing.jsonl": str(tmp_path / "missing.jsonl")}
    result = runner.invoke(app, ["diff", *[names.get(a, a) for a in args]])
    assert result.exit_code == 2


def test_cli_report_is_self_contained(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(OUT), "--html", str(page)])
    assert result.exit_code == 0
    text = page.read_text(encoding="utf-8")
    for r in read_jsonl(OUT):
        assert f"id='doc-{r.doc_id}'" in text
    # No network at view time: nothing loaded from elsewhere.
    assert "http://" not in text and "https://" not in text and "<link" not in text
    assert "src=" not in text
