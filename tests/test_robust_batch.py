"""Batch runs that must not lose or corrupt data: doc_ids, resume, locks, signals, budgets.

Every input is generated here (copies of the seeds, texts written by the tests, stages that
sleep or die on a marker), and the CLI is driven through Typer's CliRunner or, where a real
signal or a second process is the point, as a subprocess.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract.batch import Input, assign_doc_ids, expand_inputs, run_batch
from extract.cli import app
from extract.document import Document
from extract.output import RunOutput
from extract.pipeline import Budget, Pipeline

from .conftest import SEEDS

runner = CliRunner()
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def copies(d: Path, n: int, sub: str = "") -> list[Path]:
    (d / sub).mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = d / sub / f"a{i:03d}.txt"
        p.write_bytes(SEED_FILES[i % len(SEED_FILES)].read_bytes())
        out.append(p)
    return out


def ids(path: Path) -> list[str]:
    return [json.loads(x)["doc_id"] for x in path.read_text(encoding="utf-8").splitlines()]


# --- doc_ids --------------------------------------------------------------------------------

def test_same_name_in_two_folders_gives_two_doc_ids(tmp_path: Path) -> None:
    d = tmp_path / "in"
    for sub, seed in (("a", SEED_FILES[0]), ("b", SEED_FILES[3])):
        (d / sub).mkdir(parents=True)
        (d / sub / "article.txt").write_bytes(seed.read_bytes())
    (d / "a" / "only.txt").write_bytes(SEED_FILES[1].read_bytes())
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["run", str(d), "-o", str(out)]).exit_code == 0
    # A unique stem stays the doc_id; a shared one becomes the relative path.
    assert ids(out) == ["a/article", "only", "b/article"]
    assert runner.invoke(app, ["diff", str(out), str(out)]).exit_code == 0


def test_seed_doc_ids_are_their_stems(tmp_path: Path) -> None:
    items = list(expand_inputs([SEEDS]))
    assert [i.doc_id for i in items] == [p.stem for p in SEED_FILES]


def test_same_stem_different_suffix_and_same_file_twice(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("a", encoding="utf-8")
    (tmp_path / "x.md").write_text("a", encoding="utf-8")
    got = [i.doc_id for i in expand_inputs([tmp_path, tmp_path / "x.txt"])]
    assert len(set(got)) == 3
    assert got[:2] == ["x.md", "x.txt"]


@given(st.lists(st.lists(st.sampled_from(["a", "b", "a/x", "b/x", "x"]), min_size=1,
                         max_size=3), max_size=12))
def test_assigned_doc_ids_are_unique(candidates: list[list[str]]) -> None:
    got = assign_doc_ids(candidates)
    assert len(got) == len(candidates) and len(set(got)) == len(got)


@given(st.permutations([["article", "a/article", "a/article.txt"],
                        ["article", "b/article", "b/article.txt"],
                        ["only", "a/only", "a/only.txt"],
                        ["x", "x", "x.txt"], ["x", "x", "x.md"]]))
def test_doc_ids_do_not_depend_on_the_order(candidates: list[list[str]]) -> None:
    got = dict(zip((c[-1] for c in candidates), assign_doc_ids(candidates), strict=True))
    assert got == {"a/article.txt": "a/article", "b/article.txt": "b/article",
                   "a/only.txt": "only", "x.txt": "x.txt", "x.md": "x.md"}


# --- resume ---------------------------------------------------------------------------------

def clean_run(tmp_path: Path, d: Path) -> bytes:
    clean = tmp_path / "clean.jsonl"
    assert runner.invoke(app, ["run", str(d), "-o", str(clean)]).exit_code == 0
    return clean.read_bytes()


def test_resume_after_a_complete_run_and_an_interrupted_one_has_no_duplicates(
        tmp_path: Path) -> None:
    d = tmp_path / "in"
    copies(d, 12)
    want = clean_run(tmp_path, d)
    out = tmp_path / "out.jsonl"
    out.write_bytes(want)  # the complete run
    lines = want.decode().splitlines()
    # ... and a re-run interrupted after 5 documents.
    (tmp_path / "out.jsonl.partial").write_text("\n".join(lines[:5]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(d), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert "12 records kept" in result.output
    assert out.read_bytes() == want
    assert runner.invoke(app, ["diff", str(out), str(out)]).exit_code == 0


def test_resume_of_a_partial_out_of_order_gives_the_clean_bytes(tmp_path: Path) -> None:
    d = tmp_path / "in"
    copies(d, 10)
    want = clean_run(tmp_path, d)
    lines = want.decode().splitlines()
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_text("\n".join([lines[7], lines[2]]) + "\n",
                                                encoding="utf-8")
    assert runner.invoke(app, ["run", str(d), "-o", str(out), "--resume"]).exit_code == 0
    assert out.read_bytes() == want


@pytest.mark.parametrize("junk", [
    pytest.param(b"\xff\xfe\n", id="bad-bytes"),
    pytest.param(b'{"doc_id": ["x"]}\n', id="doc-id-a-list"),
    pytest.param(b'{"doc_id": "a000", "junk": 1}\n', id="json-not-a-record"),
    pytest.param(b"[1, 2]\n", id="json-array"),
    pytest.param(b'{"doc_id": "a0', id="torn-line"),
])
def test_resume_keeps_only_valid_records(tmp_path: Path, junk: bytes) -> None:
    d = tmp_path / "in"
    copies(d, 4)
    want = clean_run(tmp_path, d)
    first = want.split(b"\n")[0] + b"\n"
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_bytes(first + junk)
    result = runner.invoke(app, ["run", str(d), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert "1 records kept" in result.output and "dropped" in result.output
    assert out.read_bytes() == want


def test_the_temporary_file_of_a_killed_run_is_resumed(tmp_path: Path) -> None:
    d = tmp_path / "in"
    copies(d, 6)
    want = clean_run(tmp_path, d)
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial.tmp").write_bytes(b"\n".join(want.split(b"\n")[:3]))
    result = runner.invoke(app, ["run", str(d), "-o", str(out), "--resume"])
    assert result.exit_code == 0 and "3 records kept" in result.output
    assert out.read_bytes() == want
    assert not (tmp_path / "out.jsonl.partial.tmp").exists()


# --- the output file ------------------------------------------------------------------------

def test_a_second_writer_on_the_same_output_stops_with_a_message(tmp_path: Path) -> None:
    d = tmp_path / "in"
    copies(d, 2)
    out = tmp_path / "out.jsonl"
    out.write_text("before\n", encoding="utf-8")
    with RunOutput(out):  # another run holds the output
        result = runner.invoke(app, ["run", str(d), "-o", str(out)])
    assert result.exit_code == 2
    assert "another extract run is writing" in result.output
    assert out.read_text(encoding="utf-8") == "before\n"
    assert runner.invoke(app, ["run", str(d), "-o", str(out)]).exit_code == 0


@pytest.mark.parametrize("option", ["-o", "--html"])
def test_an_output_that_is_a_folder_is_a_usage_error(tmp_path: Path, option: str) -> None:
    folder = tmp_path / "outdir"
    folder.mkdir()
    if option == "-o":
        args = ["run", str(SEED_FILES[0]), "-o", str(folder)]
    else:
        args = ["report", str(Path(__file__).parent.parent / "out" / "seeds.jsonl"),
                "--html", str(folder)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "is a folder" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outdir"]
    assert not list(folder.iterdir())


# --- time budget and workers ----------------------------------------------------------------

class Marked:
    """A stage that sleeps, or kills its own process, on a marker in the text."""

    name = "marked"

    def __call__(self, doc: Document) -> None:
        if "SLEEP" in doc.source:
            time.sleep(float(doc.source.split("SLEEP")[1].split()[0]))
        if "DIE" in doc.source:
            os.kill(os.getpid(), signal.SIGKILL)


def marked_items(texts: list[str]) -> list[Input]:
    return [Input(doc_id=f"d{i}", text=t) for i, t in enumerate(texts)]


def records(results: list[str]) -> list[dict[str, object]]:
    return [json.loads(x) for x in results]


def test_a_document_over_its_budget_becomes_an_error_record_and_the_rest_goes_on() -> None:
    pipeline = Pipeline([Marked()])
    texts = ["ok 1", "SLEEP 60 stuck inside a stage", "ok 2", "ok 3"]
    got = records([r.line for r in run_batch(marked_items(texts), jobs=2, timeout=0.5,
                                             pipeline=pipeline)])
    assert [g["doc_id"] for g in got] == ["d0", "d1", "d2", "d3"]
    assert [bool(g["errors"]) for g in got] == [False, True, False, False]
    err = got[1]["errors"][0]  # type: ignore[index]
    assert err["stage"] == "marked" and "time budget exceeded" in err["message"]


def test_the_budget_is_checked_between_stages() -> None:
    pipeline = Pipeline([Marked(), Marked()])
    record = pipeline.run("SLEEP 0.2", doc_id="x", budget=Budget(time.perf_counter(), 0.05))
    assert [e.stage for e in record.errors] == ["marked"]
    assert record.errors[0].message.startswith("time budget exceeded: stopped after")
    assert not pipeline.run("fine", budget=Budget(time.perf_counter(), 30)).errors


def test_a_worker_that_dies_gives_an_error_record_and_is_replaced() -> None:
    pipeline = Pipeline([Marked()])
    texts = ["ok", "DIE", "ok", "DIE", "ok"]
    got = records([r.line for r in run_batch(marked_items(texts), jobs=2, timeout=30,
                                             pipeline=pipeline)])
    assert [bool(g["errors"]) for g in got] == [False, True, False, True, False]
    assert "worker process died" in got[1]["errors"][0]["message"]  # type: ignore[index]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_slow_documents_do_not_change_the_order_or_the_bytes(jobs: int) -> None:
    pipeline = Pipeline([Marked()])
    texts = [("SLEEP 0.3 " if i % 5 == 0 else "") + f"text {i}" for i in range(12)]
    want = [r.line for r in run_batch(marked_items(texts), jobs=1, pipeline=pipeline)]
    got = [r.line for r in run_batch(marked_items(texts), jobs=jobs, timeout=30,
                                     pipeline=pipeline)]
    assert got == want


def test_the_cli_timeout_option(tmp_path: Path) -> None:
    d = tmp_path / "in"
    copies(d, 3)
    one = runner.invoke(app, ["run", str(d), "--timeout", "0"])
    two = runner.invoke(app, ["run", str(d), "--timeout", "30", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0 and one.stdout == two.stdout
    assert runner.invoke(app, ["run", str(d), "--timeout", "-1"]).exit_code == 2


# --- signals (real processes) ---------------------------------------------------------------

def children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry))
    return kids


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def start_run(d: Path, out: Path) -> subprocess.Popen[bytes]:
    code = "from extract.cli import app; app()"
    return subprocess.Popen([sys.executable, "-c", code, "run", str(d), "-o", str(out),
                             "--jobs", "2"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)


def wait_for_records(tmp: Path, proc: subprocess.Popen[bytes]) -> list[int]:
    for _ in range(600):
        kids = children(proc.pid)
        if tmp.exists() and tmp.stat().st_size > 0 and len(kids) == 2:
            return kids
        assert proc.poll() is None, "the run ended before it could be stopped"
        time.sleep(0.05)
    raise AssertionError("no records written")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_signalled_run_leaves_no_worker_and_a_resumable_file(tmp_path: Path,
                                                                sig: signal.Signals) -> None:
    d = tmp_path / "in"
    copies(d, 400)
    out = tmp_path / "out.jsonl"
    proc = start_run(d, out)
    kids = wait_for_records(tmp_path / "out.jsonl.partial.tmp", proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (143 if sig == signal.SIGTERM else -9)
    deadline = time.monotonic() + 10
    while any(alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(k) for k in kids)
    assert not out.exists()
    if sig == signal.SIGTERM:
        assert b"interrupted (SIGTERM)" in err and (tmp_path / "out.jsonl.partial").exists()
    result = runner.invoke(app, ["run", str(d), "-o", str(out), "--resume", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    kept = int(result.output.split("resuming: ")[1].split()[0])
    assert kept > 0
    assert out.read_bytes() == clean_run(tmp_path, d)
