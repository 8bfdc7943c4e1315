"""Reading articles from disk and writing records as JSONL.

Decoding is strict: UTF-8 with or without BOM.  A file that cannot be read or decoded gives
an error record (stage ``read``) and the batch goes on.  Output is one JSON object per
line, in path order, byte-identical for the same input.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .models import ArticleRecord, ExtractError
from .pipeline import Pipeline, error_record

__all__ = [
    "MAX_BYTES",
    "decode",
    "extract_path",
    "iter_paths",
    "read_jsonl",
    "to_json",
    "write_jsonl",
    "write_lines_atomic",
]

log = logging.getLogger(__name__)

MAX_BYTES = 5_000_000  # one article; a larger file is refused with a clear error
TEXT_SUFFIXES = {".txt", ".text", ".md"}


def decode(data: bytes) -> str:
    """Decode an article's bytes (UTF-8, optional BOM); raises :class:`ExtractError`."""
    if not data.strip():
        raise ExtractError("empty file", stage="read")
    if b"\x00" in data[:4096]:
        raise ExtractError("binary file (NUL bytes), not text", stage="read")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ExtractError(f"not valid UTF-8 at byte {e.start}", stage="read") from e
    # Universal newlines keep offsets simple for users: \r\n and \r count as written.
    return text


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named and files under folders (recursive), each folder sorted by path."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = [f for f in path.rglob("*") if f.is_file() and f.suffix.lower()
                     in TEXT_SUFFIXES and not any(part.startswith(".") for part in
                                                  f.relative_to(path).parts)]
            yield from sorted(files)
        else:
            yield path


def extract_path(pipeline: Pipeline, path: Path, source: str | None = None) -> ArticleRecord:
    """Read, decode and extract one file; read failures become an error record.

    ``source`` is the path as the user gave it, recorded in the output (default: path)."""
    doc_id = path.stem
    shown = source if source is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExtractError(f"file too large ({size} bytes > {MAX_BYTES})", stage="read")
        text = decode(path.read_bytes())
    except ExtractError as e:
        return error_record(doc_id, shown, e.stage, str(e))
    except OSError as e:
        return error_record(doc_id, shown, "read", f"{type(e).__name__}: {e.strerror or e}")
    return pipeline.run(text, doc_id=doc_id, path=shown)


def to_json(record: ArticleRecord) -> str:
    return record.model_dump_json()


def write_jsonl(records: Iterable[ArticleRecord], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(to_json(r))
        out.write("\n")
        n += 1
    return n


def write_jsonl_atomic(records: Iterable[ArticleRecord], path: Path) -> int:
    """Write to a temporary file beside ``path`` and rename: never a half-written file."""
    return write_lines_atomic((to_json(r) for r in records), path)


def write_lines_atomic(lines: Iterable[str], path: Path) -> int:
    """Write JSON lines to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    n = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line)
                fh.write("\n")
                n += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def read_jsonl(path: str | Path) -> list[ArticleRecord]:
    """Load an output file back into validated records."""
    out: list[ArticleRecord] = []
    with Path(path).open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(ArticleRecord.model_validate_json(line))
            except ValueError as e:
                raise ExtractError(f"{path}:{i}: not a valid record: {e}", stage="read") from e
    return out
