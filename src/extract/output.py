"""A run's output file: locked against a second writer, written as it goes, resumable.

``-o FILE`` is written to ``FILE.partial.tmp`` line by line and renamed to ``FILE`` when the
run is complete.  The temporary file is locked (``flock``) for the whole run, so a second
run on the same ``FILE`` stops at once with a clear error instead of writing over the first
(two writers on one file left megabytes of NUL bytes).  An interrupted run (Ctrl-C,
SIGTERM) renames it to ``FILE.partial``; a killed one (kill -9, power loss) leaves it as it
is.  ``--resume`` keeps the records of all three files that validate as records, one per
doc_id, and writes everything in input order, so a resumed run gives the bytes of a clean one.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .io import to_json
from .models import ArticleRecord, ExtractError

__all__ = ["Kept", "RunOutput", "check_output_path", "load_kept", "partial_path"]

log = logging.getLogger(__name__)


def partial_path(output: Path) -> Path:
    """Where an interrupted run leaves its finished records."""
    return output.with_name(output.name + ".partial")


def _tmp_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial.tmp")


def check_output_path(output: Path, what: str = "-o") -> None:
    """A file to write must not be a folder (nor sit under a file); raises ExtractError."""
    if output.is_dir() or str(output).endswith(("/", os.sep)):
        raise ExtractError(f"{what} {output} is a folder; give a file name "
                           f"(e.g. {output / 'out.jsonl'})", stage="usage")
    parent = output.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if parent.exists() and not parent.is_dir():
        raise ExtractError(f"{what} {output}: {parent} is not a folder", stage="usage")


@dataclass
class Kept:
    """Records already done, by doc_id (the canonical JSON line and its error count)."""

    lines: dict[str, tuple[str, int]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # why lines were not kept, for messages


def _read_records(path: Path, kept: Kept) -> None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as e:
        kept.dropped.append(f"{path}: {e.strerror or e}")
        return
    bad = 0
    first_bad = ""
    for i, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            record = ArticleRecord.model_validate_json(raw)
        except (ValidationError, ValueError) as e:
            bad += 1
            if not first_bad:
                first_bad = f"line {i}: {str(e).splitlines()[0][:120]}"
            continue
        # Later files (the more recent runs) win: one record per doc_id.
        kept.lines[record.doc_id] = (to_json(record), len(record.errors))
    if bad:
        kept.dropped.append(f"{path}: {bad} line(s) that are not valid records ({first_bad})")


def load_kept(output: Path) -> Kept:
    """The valid records of ``FILE``, ``FILE.partial`` and ``FILE.partial.tmp``.

    A torn last line, bad bytes or a JSON object that is not a record are dropped (that
    document is done again) and listed in ``Kept.dropped``."""
    kept = Kept()
    for path in (output, partial_path(output), _tmp_path(output)):
        _read_records(path, kept)
    return kept


class RunOutput:
    """The output of one run to ``FILE``; use as a context manager.

    ``write`` each line in input order, then ``commit`` (rename to FILE) or, when the run
    is interrupted, ``interrupt`` (rename to FILE.partial, adding records still unwritten)."""

    def __init__(self, output: Path) -> None:
        check_output_path(output)
        self.output = output
        self.partial = partial_path(output)
        self.tmp = _tmp_path(output)
        self.written: set[str] = set()
        output.parent.mkdir(parents=True, exist_ok=True)
        self._fd = self._lock()
        self._fh = os.fdopen(self._fd, "w", encoding="utf-8", newline="\n")
        self._done = False

    def _lock(self) -> int:
        # The lock lives on the temporary file itself; after taking it, check that the name
        # still points at the locked file (the winner may have renamed it in between).
        for _ in range(10):
            fd = os.open(self.tmp, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                os.close(fd)
                if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise ExtractError(
                        f"another extract run is writing {self.output} ({self.tmp} is "
                        "locked); wait for it to finish or choose another -o",
                        stage="usage") from None
                raise
            try:
                same = os.stat(self.tmp).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                return fd
            os.close(fd)
        raise ExtractError(f"could not lock {self.tmp}", stage="usage")

    def start(self) -> None:
        """Empty the temporary file (after :func:`load_kept` has read it)."""
        self._fh.seek(0)
        self._fh.truncate()

    def write(self, doc_id: str, line: str) -> None:
        self._fh.write(line + "\n")
        # Flushed per line: a killed run leaves whole finished lines for --resume.
        self._fh.flush()
        self.written.add(doc_id)

    def commit(self) -> None:
        self._fh.flush()
        os.replace(self.tmp, self.output)
        self.partial.unlink(missing_ok=True)
        self._done = True

    def interrupt(self, unwritten: Iterable[tuple[str, str]] = ()) -> None:
        """Keep every finished record in FILE.partial; FILE stays as it was."""
        for doc_id, line in unwritten:
            if doc_id not in self.written:
                self.write(doc_id, line)
        self._fh.flush()
        os.replace(self.tmp, self.partial)
        self._done = True

    def close(self) -> None:
        # Closing the file releases the lock.  Left behind unrenamed only on a crash.
        self._fh.close()

    def __enter__(self) -> RunOutput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
