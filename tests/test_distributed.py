"""The Dask engine gives the same records, byte for byte, as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app

from .conftest import GENRE, SEEDS

distributed = pytest.importorskip("distributed")


def test_dask_parts_equal_local_output(tmp_path: Path) -> None:
    from extract.distributed import run_dask

    src = sorted(SEEDS.glob("*.txt")) + sorted((GENRE / "texts").glob("*.txt"))[:20]
    d = tmp_path / "in"
    d.mkdir()
    for i, p in enumerate(src):
        (d / f"x{i:03d}.txt").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    local = tmp_path / "local.jsonl"
    assert CliRunner().invoke(app, ["run", str(d), "-o", str(local)]).exit_code == 0
    with distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=None) as c, \
            distributed.Client(c) as client:
        parts = run_dask([str(d)], tmp_path / "parts", client=client, partition_size=7)
    assert len(parts) == 4 and sum(n for _, n, _ in parts) == len(src)
    joined = b"".join(p.read_bytes() for p in sorted((tmp_path / "parts").glob("part-*.jsonl")))
    assert joined == local.read_bytes()


def test_dask_engine_needs_scheduler_and_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(SEEDS), "--engine", "dask"])
    assert result.exit_code == 2
