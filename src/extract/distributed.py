"""Scale-out on Dask: the same extraction mapped over partitions of files on a cluster.

Each partition is a contiguous slice of the sorted input list; a worker builds the pipeline
once per process and writes ``part-NNNNN.jsonl`` with the records in input order, so the
concatenation of the parts, in name order, is byte-identical to a local run.  Dask is an
optional extra: ``pip install extract[dask]``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from .batch import Input, expand_inputs, run_batch
from .models import ExtractError

__all__ = ["run_dask"]

log = logging.getLogger(__name__)


def _partition(items: list[Input], out_dir: str, index: int) -> tuple[str, int, int]:
    """Extract one partition into its part file; returns (path, records, with errors)."""
    path = Path(out_dir) / f"part-{index:05d}.jsonl"
    tmp = path.with_name(path.name + ".tmp")
    n = errors = 0
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for r in run_batch(items, jobs=1):
            fh.write(r.line + "\n")
            n += 1
            errors += bool(r.errors)
    tmp.replace(path)
    return str(path), n, errors


def run_dask(paths: Sequence[str | Path], out_dir: str | Path, *,
             scheduler: str | None = None, partition_size: int = 500,
             client: object | None = None) -> list[tuple[str, int, int]]:
    """Run the extraction of ``paths`` on a Dask cluster, writing partitioned JSONL.

    ``scheduler`` is the address of a running scheduler ("tcp://host:8786"); or pass a
    ``distributed.Client``.  Returns, per part file, (path, records, records with errors).
    The input files must be readable at the same paths from the workers (a shared disk).
    """
    try:
        import distributed
    except ImportError as e:  # pragma: no cover - depends on the extra
        raise ExtractError("Dask is not installed: pip install 'extract[dask]'",
                           stage="usage") from e
    # Workers read absolute paths; records keep the paths as given, as a local run does.
    inputs = [Input(doc_id=i.doc_id, path=str(Path(i.path).resolve()) if i.path else None,
                    source=i.path) for i in expand_inputs(paths)]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.jsonl"):
        old.unlink()
    chunks = [inputs[i: i + partition_size] for i in range(0, len(inputs), partition_size)]
    own = client is None
    # distributed ships no type information: its client is used as Any.
    dask_client: Any = client if client is not None else cast(Any, distributed).Client(
        scheduler)
    try:
        futures = [dask_client.submit(_partition, chunk, str(out.resolve()), k, pure=False)
                   for k, chunk in enumerate(chunks)]
        results: list[tuple[str, int, int]] = dask_client.gather(futures)
    finally:
        if own:
            dask_client.close()
    log.info("dask: %d parts, %d records", len(results), sum(n for _, n, _ in results))
    return results
