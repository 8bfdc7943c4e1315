"""Batch runs: inputs from paths, globs or stdin, mapped over worker processes in order.

Workers each build the pipeline once (gazetteers compiled once per process) and return
finished JSON lines, so the parent only writes bytes.  ``imap`` keeps input order and pulls
inputs lazily in chunks, so memory stays flat however many articles there are, and the
output is byte-identical for any number of workers.
"""

from __future__ import annotations

import glob
import json
import logging
import multiprocessing as mp
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .io import extract_path, iter_paths, to_json
from .models import ArticleRecord, ExtractError
from .pipeline import Pipeline, error_record

__all__ = ["Input", "Result", "expand_inputs", "read_stdin", "run_batch"]

log = logging.getLogger(__name__)

_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Input:
    """One article to extract: a file to read, or text already in hand (stdin)."""

    doc_id: str
    path: str | None = None
    text: str | None = None
    source: str | None = None  # the path as given, when ``path`` was made absolute
    encoding: str | None = None  # decode with this codec instead of detecting it


@dataclass(frozen=True)
class Result:
    doc_id: str
    line: str  # the JSON record, without newline
    errors: int
    where: str = ""  # the file (as given) or "-", for messages


def expand_inputs(paths: Sequence[str | Path]) -> Iterator[Input]:
    """Files, folders (recursive, sorted) and glob patterns ("data/**/*.txt"), in order."""
    for p in paths:
        s = str(p)
        if any(c in _GLOB_CHARS for c in s) and not Path(s).exists():
            matches = sorted(glob.glob(s, recursive=True))
            for m in matches:
                yield from (Input(doc_id=f.stem, path=str(f)) for f in iter_paths([m]))
            continue
        for f in iter_paths([s]):
            yield Input(doc_id=f.stem, path=str(f))


def read_stdin(stream: IO[str] | None = None) -> list[Input]:
    """Standard input: JSON Lines with a ``text`` field (and ``id``/``doc_id``), or one
    article as plain text."""
    data = (stream or sys.stdin).read()
    lines = [ln for ln in data.splitlines() if ln.strip()]
    records: list[Input] = []
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        try:
            for i, ln in enumerate(lines, 1):
                obj = json.loads(ln)
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    raise ValueError(f"line {i} has no text field")
                doc_id = str(obj.get("doc_id") or obj.get("id") or f"stdin-{i}")
                records.append(Input(doc_id=doc_id, text=obj["text"]))
            return records
        except ValueError as e:
            raise ExtractError(f"stdin looks like JSON Lines but {e}", stage="read") from e
    return [Input(doc_id="stdin", text=data)]


_PIPELINE: Pipeline | None = None


def _pipeline() -> Pipeline:
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline()
    return _PIPELINE


def _work(item: Input) -> Result:
    record = _extract(_pipeline(), item)
    return Result(doc_id=record.doc_id, line=to_json(record), errors=len(record.errors),
                  where=item.source or item.path or "-")


def _extract(pipeline: Pipeline, item: Input) -> ArticleRecord:
    if item.text is not None:
        try:
            return pipeline.run(item.text, doc_id=item.doc_id, path=item.path or "-")
        except Exception as e:  # the pipeline catches stage errors; this is a last guard
            return error_record(item.doc_id, item.path or "-", "extract", str(e))
    return extract_path(pipeline, Path(item.path or ""), source=item.source,
                        encoding=item.encoding)


def run_batch(inputs: Iterable[Input], jobs: int = 1, chunksize: int = 4,
              pipeline: Pipeline | None = None) -> Iterator[Result]:
    """Extract every input, yielding results in input order.

    With ``jobs > 1`` the work runs in that many worker processes; output is the same.
    """
    if jobs <= 1:
        p = pipeline or _pipeline()
        for item in inputs:
            record = _extract(p, item)
            yield Result(doc_id=record.doc_id, line=to_json(record), errors=len(record.errors),
                         where=item.source or item.path or "-")
        return
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    pool = ctx.Pool(processes=jobs, initializer=_init_worker)
    try:
        yield from pool.imap(_work, inputs, chunksize=chunksize)
        pool.close()
    except BaseException:
        pool.terminate()  # Ctrl-C or a failure: stop the workers now
        raise
    finally:
        pool.join()


def _init_worker() -> None:
    import signal

    # Ctrl-C goes to the parent, which terminates the pool; workers must not each raise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _pipeline()
