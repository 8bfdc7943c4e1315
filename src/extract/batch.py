"""Batch runs: inputs from paths, globs or stdin, mapped over worker processes in order.

Workers are forked from a parent that has built the pipeline (gazetteers compiled once) and
get documents one by one, so a slow document holds up only its own worker while the others
take the next ones; the parent puts the results back in input order, so the output is
byte-identical for any number of workers.  Inputs are pulled lazily and at most a bounded
window of results waits for a slow one, so memory stays flat.

With a time budget (``timeout`` seconds per document) a document that runs over becomes an
error record naming the stage and the time spent: the pipeline checks the budget between
stages, and the parent kills and replaces a worker stuck inside one.
"""

from __future__ import annotations

import glob
import json
import logging
import multiprocessing as mp
import multiprocessing.connection as mpc
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .io import (
    MAX_BYTES,
    check_size,
    decode_input,
    extract_path,
    iter_paths,
    safe_str,
    to_json,
)
from .models import ArticleRecord, ErrorInfo, ExtractError
from .pipeline import Budget, Pipeline, error_record

__all__ = ["Input", "Result", "expand_inputs", "read_stdin", "run_batch"]

log = logging.getLogger(__name__)

_GLOB_CHARS = set("*?[")
# Seconds a worker gets beyond the budget to notice it between stages and answer itself,
# before the parent kills it.
_GRACE = 1.0
# Results held back at most, per worker, while an earlier document is still running.
_WINDOW = 64
# Documents sent to a worker at once.  One: a document queued behind a slow one would wait
# for it (up to the whole budget), and queuing a second saved nothing measurable here (the
# round trip is ~0.6 ms per document on a loaded 2-core machine either way).
_DEPTH = 1


@dataclass(frozen=True)
class Input:
    """One article to extract: a file to read, or text already in hand (stdin)."""

    doc_id: str
    path: str | None = None
    text: str | None = None
    source: str | None = None  # the path as given, when ``path`` was made absolute
    encoding: str | None = None  # decode with this codec instead of detecting it
    error: str | None = None  # the input could not be taken (a bad stdin line): why
    note: str | None = None  # something repaired on reading, reported in the record


@dataclass(frozen=True)
class Result:
    doc_id: str
    line: str  # the JSON record, without newline
    errors: int
    where: str = ""  # the file (as given) or "-", for messages
    kept: bool = False  # passed through from an earlier run (--resume), not extracted now


# --- inputs ---------------------------------------------------------------------------------

def _candidates(rel: str, stem: str, suffix: str) -> list[str]:
    """doc_id candidates, most preferred first: the stem (what the seeds have always had),
    then the relative path without and with its suffix."""
    bare = rel[: -len(suffix)] if suffix and rel.endswith(suffix) else rel
    return [stem, bare, rel]


def assign_doc_ids(candidates: Sequence[Sequence[str]]) -> list[str]:
    """Unique doc_ids: each input takes its first candidate that no other input shares.

    The result depends only on the set of inputs (not on their order, except for exact
    duplicates, numbered ``#2``, ``#3`` in input order), so it is stable across runs."""
    n = len(candidates)
    ids: list[str | None] = [None] * n
    taken: set[str] = set()
    left = list(range(n))
    levels = max((len(c) for c in candidates), default=0)
    for level in range(levels):
        keys = {i: candidates[i][min(level, len(candidates[i]) - 1)] for i in left}
        counts = Counter(keys.values())
        rest = []
        for i in left:
            k = keys[i]
            if counts[k] == 1 and k not in taken:
                ids[i] = k
                taken.add(k)
            else:
                rest.append(i)
        left = rest
    for i in left:  # the same path named twice, or a name no candidate keeps apart
        base = candidates[i][-1]
        k, m = base, 1
        while k in taken:
            m += 1
            k = f"{base}#{m}"
        ids[i] = k
        taken.add(k)
    return [i for i in ids if i is not None]


def expand_inputs(paths: Sequence[str | Path]) -> Iterator[Input]:
    """Files, folders (recursive, sorted) and glob patterns ("data/**/*.txt"), in order.

    doc_ids are unique within the run: the file's stem, or its path relative to the folder
    named (or as named) when two inputs share a stem."""
    found: list[tuple[Path, str]] = []  # (file, path relative to what was named)
    for p in paths:
        s = str(p)
        if any(c in _GLOB_CHARS for c in s) and not Path(s).exists():
            for m in sorted(glob.glob(s, recursive=True)):
                found += [(f, f.as_posix()) for f in iter_paths([m])]
            continue
        root = Path(s)
        if root.is_dir():
            found += [(f, f.relative_to(root).as_posix()) for f in iter_paths([root])]
        else:
            found.append((root, root.as_posix()))
    ids = assign_doc_ids([[safe_str(c) for c in _candidates(rel, f.stem, f.suffix)]
                          for f, rel in found])
    for (f, _), doc_id in zip(found, ids, strict=True):
        yield Input(doc_id=doc_id, path=str(f))


def _skip_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def read_stdin(stream: IO[bytes] | None = None) -> Iterator[Input]:
    """Standard input, streamed: JSON Lines with a ``text`` field (and ``id``/``doc_id``),
    or one article as plain text.

    JSON Lines are split on ``\\n`` only (a raw U+2028 inside a string is text, not a line
    end) and read one at a time with the limits files have; a bad line gives an input that
    becomes an error record naming its line number, and the other lines go on.  The input is
    JSON Lines when its first non-blank line starts with ``{``."""
    src: IO[bytes] = stream if stream is not None else sys.stdin.buffer
    head = b""
    lineno = 0
    while True:
        line = src.readline(MAX_BYTES + 1)
        if not line:
            break
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            head += line
            break
        lineno += 1
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if line.strip():
            head = line
            break
    if not head.lstrip().startswith(b"{"):
        yield _plain_stdin(head + src.read(MAX_BYTES + 1 - len(head)))
        return
    seen: set[str] = set()
    yield from _jsonl_stdin(src, head, lineno, seen)


def _plain_stdin(data: bytes) -> Input:
    if len(data) > MAX_BYTES:
        return Input(doc_id="stdin", error=f"stdin too large (> {MAX_BYTES} bytes)")
    if not data.strip():
        return Input(doc_id="stdin", error="stdin is empty")
    try:
        text, note = decode_input(data)
    except ExtractError as e:
        return Input(doc_id="stdin", error=str(e))
    return Input(doc_id="stdin", text=text, note=note)


def _jsonl_stdin(src: IO[bytes], first: bytes, first_no: int,
                 seen: set[str]) -> Iterator[Input]:
    lineno = first_no
    line: bytes | None = first
    while line is not None:
        if line.strip():
            yield _jsonl_item(src, line, lineno, seen)
        nxt = src.readline(MAX_BYTES + 1)
        line = nxt or None
        lineno += 1


def _unique(doc_id: str, seen: set[str]) -> str:
    k, m = doc_id, 1
    while k in seen:
        m += 1
        k = f"{doc_id}#{m}"
    seen.add(k)
    return k


def _jsonl_item(src: IO[bytes], line: bytes, lineno: int, seen: set[str]) -> Input:
    where = f"stdin line {lineno}"
    fallback = _unique(f"stdin-{lineno}", seen)
    if len(line) > MAX_BYTES and not line.endswith(b"\n"):
        _skip_line(src)
        return Input(doc_id=fallback, error=f"{where}: longer than {MAX_BYTES} bytes")
    try:
        obj = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as e:
        return Input(doc_id=fallback, error=f"{where}: not valid UTF-8 at byte {e.start}")
    except ValueError as e:
        return Input(doc_id=fallback, error=f"{where}: not JSON ({e})")
    if not isinstance(obj, dict):
        return Input(doc_id=fallback, error=f"{where}: not a JSON object")
    raw_id = obj.get("doc_id") or obj.get("id")
    doc_id = fallback
    if raw_id is not None and str(raw_id).strip():
        seen.discard(fallback)
        doc_id = _unique(safe_str(str(raw_id)), seen)
    text = obj.get("text")
    if not isinstance(text, str):
        return Input(doc_id=doc_id, error=f"{where}: no \"text\" string field")
    clean = safe_str(text, "\ufffd")
    note = None
    if clean != text:
        bad = sum(1 for a, b in zip(text, clean, strict=True) if a != b)
        note = f"{bad} lone surrogate(s) in the text replaced by U+FFFD"
    try:
        check_size(clean)
    except ExtractError as e:
        return Input(doc_id=doc_id, error=f"{where}: {e}")
    return Input(doc_id=doc_id, text=clean, note=note)


# --- extraction of one input ----------------------------------------------------------------

_PIPELINE: Pipeline | None = None


def _pipeline() -> Pipeline:
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()
    return _PIPELINE


def _where(item: Input) -> str:
    return safe_str(item.source or item.path or "-")


def _extract(pipeline: Pipeline, item: Input, budget: Budget | None = None) -> ArticleRecord:
    if item.error is not None:
        return error_record(item.doc_id, _where(item), "read", item.error)
    if item.text is not None:
        try:
            record = pipeline.run(item.text, doc_id=item.doc_id, path=item.path or "-",
                                  budget=budget)
        except Exception as e:  # the pipeline catches stage errors; this is a last guard
            return error_record(item.doc_id, _where(item), "extract", str(e))
        if item.note is not None:
            record = record.model_copy(update={
                "errors": [ErrorInfo(stage="read", message=item.note), *record.errors]})
        return record
    return extract_path(pipeline, Path(item.path or ""), source=item.source,
                        encoding=item.encoding, doc_id=item.doc_id, budget=budget)


def _result(pipeline: Pipeline, item: Input, timeout: float | None) -> Result:
    budget = Budget(time.perf_counter(), timeout) if timeout else None
    record = _extract(pipeline, item, budget)
    try:
        line = to_json(record)
    except Exception as e:  # a value that cannot be written must not stop the batch
        log.exception("writing the record of %s failed", item.doc_id)
        line = to_json(error_record(safe_str(item.doc_id), _where(item), "write",
                                    f"{type(e).__name__}: {e}"))
    return Result(doc_id=record.doc_id, line=line, errors=len(record.errors),
                  where=_where(item))


def _kept_result(item: Input, kept: tuple[str, int]) -> Result:
    return Result(doc_id=item.doc_id, line=kept[0], errors=kept[1], where=_where(item),
                  kept=True)


def _timeout_result(item: Input, stage: str, elapsed: float, timeout: float) -> Result:
    record = error_record(item.doc_id, _where(item), stage or "extract",
                          f"time budget exceeded: stopped after {elapsed:.1f} s in stage "
                          f"{stage or 'extract'} (budget {timeout:g} s per document)")
    return Result(doc_id=item.doc_id, line=to_json(record), errors=1, where=_where(item))


def _crash_result(item: Input, stage: str, code: int | None) -> Result:
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
    record = error_record(item.doc_id, _where(item), stage or "extract",
                          f"worker process died ({how}) in stage {stage or 'extract'}")
    return Result(doc_id=item.doc_id, line=to_json(record), errors=1, where=_where(item))


# --- the run --------------------------------------------------------------------------------

def run_batch(inputs: Iterable[Input], jobs: int = 1, chunksize: int = 1,
              pipeline: Pipeline | None = None, *, timeout: float | None = None,
              done: Mapping[str, tuple[str, int]] | None = None
              ) -> Generator[Result, None, None]:
    """Extract every input, yielding results in input order.

    ``jobs`` worker processes (with ``jobs > 1``, or with a ``timeout``: the budget in
    seconds per document, enforced by killing a worker that overruns it); output is the
    same for any number.  ``done`` maps doc_ids already extracted (``--resume``) to their
    line and error count: those are passed through in place, not extracted again.
    ``chunksize`` is accepted for compatibility; documents go one by one.
    """
    del chunksize
    kept = done or {}
    if jobs <= 1 and not timeout:
        p = pipeline or _pipeline()
        for item in inputs:
            hit = kept.get(item.doc_id)
            yield _kept_result(item, hit) if hit is not None else _result(p, item, None)
        return
    yield from _Pool(max(jobs, 1), timeout, pipeline).run(inputs, kept)


# Parent ends of every worker's pipe, closed in each newly forked worker so that a worker
# holds no other worker's pipe open.
_PARENT_ENDS: list[Any] = []


def _set_parent_death_signal() -> None:
    """Linux: the kernel kills this worker when the parent dies (kill -9 of the run)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_main(conn: Any, stage: Any, parent: int, pipeline: Pipeline | None) -> None:
    # Ctrl-C goes to the whole process group: the parent handles it and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _set_parent_death_signal()
    if os.getppid() != parent:
        os._exit(0)
    for other in _PARENT_ENDS:
        other.close()
    p = pipeline or _pipeline()

    def on_stage(name: str) -> None:
        stage.value = name.encode("ascii", "replace")[:31]

    p.on_stage = on_stage
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        seq, item, timeout = msg
        on_stage("read")
        try:
            res = _result(p, item, timeout)
        except Exception as e:  # never lose the worker over one document
            res = Result(item.doc_id, to_json(error_record(
                item.doc_id, _where(item), "extract", f"{type(e).__name__}: {e}")), 1,
                _where(item))
        conn.send((seq, res))


class _Worker:
    def __init__(self, ctx: Any, pipeline: Pipeline | None) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.stage = ctx.RawArray("c", 32)
        self.proc = ctx.Process(target=_worker_main, daemon=True,
                                args=(child, self.stage, os.getpid(), pipeline))
        _PARENT_ENDS.append(self.conn)  # the worker closes its copy of this end, too
        self.proc.start()
        child.close()
        # Documents sent, in order: (seq, item); the first is running since ``started``.
        self.jobs: deque[tuple[int, Input]] = deque()
        self.started = 0.0

    def stage_name(self) -> str:
        return bytes(self.stage.value).decode("ascii", "replace")

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.proc.join(timeout=None if kill else 5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        if self.conn in _PARENT_ENDS:
            _PARENT_ENDS.remove(self.conn)
        self.conn.close()


class _Pool:
    """Workers fed documents one by one; results re-ordered; overruns killed."""

    def __init__(self, jobs: int, timeout: float | None, pipeline: Pipeline | None) -> None:
        self.jobs = jobs
        self.timeout = timeout
        self.ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        # Built before forking, so that every worker starts with it compiled (a spawned
        # worker builds its own).
        fork = self.ctx.get_start_method() == "fork"
        self.pipeline = (pipeline or _pipeline()) if fork else None

    def run(self, inputs: Iterable[Input], kept: Mapping[str, tuple[str, int]]
            ) -> Iterator[Result]:
        workers = [_Worker(self.ctx, self.pipeline) for _ in range(self.jobs)]
        try:
            yield from self._loop(iter(inputs), kept, workers)
            for w in workers:
                w.stop()
        finally:
            for w in workers:  # an interruption (Ctrl-C, SIGTERM) or a failure
                if w.proc.is_alive() or not w.conn.closed:
                    w.stop(kill=True)

    def _loop(self, it: Iterator[Input], kept: Mapping[str, tuple[str, int]],
              workers: list[_Worker]) -> Iterator[Result]:
        ready: dict[int, Result] = {}
        retry: deque[tuple[int, Input]] = deque()  # queued on a worker that was stopped
        next_out = seq = 0
        exhausted = False
        window = self.jobs * _WINDOW
        while True:
            # Breadth first: every idle worker gets a document before any gets a second.
            for w, depth in [(w, d) for d in range(1, _DEPTH + 1) for w in workers]:
                while len(w.jobs) < depth:
                    if retry:
                        job = retry.popleft()
                    elif not exhausted and seq < next_out + window:
                        try:
                            item = next(it)
                        except StopIteration:
                            exhausted = True
                            break
                        job, seq = (seq, item), seq + 1
                        hit = kept.get(item.doc_id)
                        if hit is not None:
                            ready[job[0]] = _kept_result(item, hit)
                            continue
                    else:
                        break
                    if not w.jobs:
                        w.started = time.monotonic()
                    w.conn.send((job[0], job[1], self.timeout))
                    w.jobs.append(job)
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.jobs]
            if not busy:
                if exhausted and not retry and next_out == seq:
                    return
                continue
            self._collect(busy, workers, ready, retry)

    def _collect(self, busy: list[_Worker], workers: list[_Worker],
                 ready: dict[int, Result], retry: deque[tuple[int, Input]]) -> None:
        wait_for: float | None = None
        if self.timeout:
            wait_for = max(0.0, min(w.started for w in busy) + self.timeout + _GRACE
                           - time.monotonic())
        handles: list[Any] = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
        fired = set(mpc.wait(handles, timeout=wait_for))
        for w in busy:
            dead = False
            while w.jobs and w.conn.poll():
                try:
                    got_seq, res = w.conn.recv()
                except (EOFError, OSError):
                    dead = True
                    break
                seq, _ = w.jobs.popleft()
                assert got_seq == seq, "a worker answers in the order it was given"
                ready[seq] = res
                w.started = time.monotonic()
            if not w.jobs:
                continue
            seq, item = w.jobs[0]
            if dead or w.proc.sentinel in fired or not w.proc.is_alive():
                w.proc.join(timeout=1)
                ready[seq] = _crash_result(item, w.stage_name(), w.proc.exitcode)
                log.warning("worker died on %s; starting another", _where(item))
            elif self.timeout and time.monotonic() - w.started > self.timeout + _GRACE:
                elapsed = time.monotonic() - w.started
                ready[seq] = _timeout_result(item, w.stage_name(), elapsed, self.timeout)
            else:
                continue
            w.jobs.popleft()
            retry.extend(w.jobs)  # the document queued behind it goes to another worker
            w.jobs.clear()
            w.stop(kill=True)
            workers[workers.index(w)] = _Worker(self.ctx, self.pipeline)
