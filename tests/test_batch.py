"""Batch runs through the CLI: workers, order, stdin, globs, resume, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app

from .conftest import GENRE, SEEDS

runner = CliRunner()


def corpus(tmp_path: Path, n: int = 30) -> Path:
    src = sorted(SEEDS.glob("*.txt")) + sorted((GENRE / "texts").glob("*.txt"))
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    for i in range(n):
        target = d / ("sub" if i % 3 == 0 else "") / f"a{i:03d}.txt"
        target.write_text(src[i % len(src)].read_text(encoding="utf-8"), encoding="utf-8")
    return d


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_same_bytes_for_any_number_of_workers(tmp_path: Path, jobs: int) -> None:
    d = corpus(tmp_path)
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    assert runner.invoke(app, ["run", str(d), "-o", str(one)]).exit_code == 0
    assert runner.invoke(app, ["run", str(d), "-o", str(many), "--jobs", str(jobs)]).exit_code == 0
    assert one.read_bytes() == many.read_bytes()
    ids = [json.loads(x)["doc_id"] for x in one.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 30 and ids == [p.stem for p in sorted(d.rglob("*.txt"))]


def test_glob_patterns(tmp_path: Path) -> None:
    d = corpus(tmp_path, 9)
    result = runner.invoke(app, ["run", str(d / "sub" / "*.txt")])
    assert result.exit_code == 0
    assert [json.loads(x)["doc_id"] for x in result.stdout.splitlines()] == [
        "a000", "a003", "a006"]


def test_stdin_plain_text_and_jsonl() -> None:
    result = runner.invoke(app, ["run", "-"], input="Ngày 20/3/2014, ông Lò Văn Pó phát biểu.")
    assert result.exit_code == 0
    rec = json.loads(result.stdout)
    assert rec["doc_id"] == "stdin" and rec["dates"][0]["value"] == "2014-03-20"
    lines = "\n".join(json.dumps({"id": f"d{i}", "text": f"mốc {1100 + i}"}) for i in range(3))
    result = runner.invoke(app, ["run", "-"], input=lines)
    assert [json.loads(x)["markers"][0]["value"] for x in result.stdout.splitlines()] == [
        "1100", "1101", "1102"]
    # A line without text is an error record of its own (issue 12), not a usage error.
    bad = runner.invoke(app, ["run", "-"], input='{"id": "x"}\n')
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["errors"][0]["message"].startswith("stdin line 1:")


def test_resume_keeps_done_records_and_finishes(tmp_path: Path) -> None:
    d = corpus(tmp_path, 12)
    full = tmp_path / "full.jsonl"
    runner.invoke(app, ["run", str(d), "-o", str(full)])
    lines = full.read_text(encoding="utf-8").splitlines()
    out = tmp_path / "out.jsonl"
    # An interrupted earlier run: finished lines (and a torn one) in the partial file.
    (tmp_path / "out.jsonl.partial").write_text("\n".join(lines[:5]) + '\n{"doc_id": "a0',
                                                encoding="utf-8")
    result = runner.invoke(app, ["run", str(d), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert "5 records kept" in result.output
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(lines)
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["run", str(tmp_path / "nope")]).exit_code == 2
    assert runner.invoke(app, ["run", str(tmp_path), "--resume"]).exit_code == 2
    assert runner.invoke(app, ["run", str(tmp_path), "--jobs", "0"]).exit_code == 2


def test_summary_line(tmp_path: Path) -> None:
    d = corpus(tmp_path, 4)
    result = runner.invoke(app, ["run", str(d), "-o", str(tmp_path / "o.jsonl")])
    assert "4 articles, 0 with errors" in result.output


def test_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Workers are separate processes with their own string hashing: no output order may
    depend on set or dict order of strings."""
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"h{seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "extract.cli", "run", str(SEEDS),
                        str(GENRE / "texts"), "-o", str(out)], env=env, check=True,
                       capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
