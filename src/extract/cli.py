"""The command line: a thin Typer layer over the library functions."""

from __future__ import annotations

import codecs
import json
import logging
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from .evaluate import FIELDS, score
from .io import extract_path, iter_paths, read_jsonl, write_jsonl, write_jsonl_atomic
from .models import ArticleRecord, ExtractError
from .pipeline import Pipeline

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract border-gate cooperation records from Vietnamese articles.")
log = logging.getLogger("extract")


def _records(paths: list[Path], stats: dict[str, int],
             encoding: str | None = None) -> Iterator[ArticleRecord]:
    pipeline = Pipeline()
    for p in iter_paths(paths):
        record = extract_path(pipeline, p, encoding=encoding)
        stats["articles"] += 1
        if record.errors:
            stats["errors"] += 1
            for err in record.errors:
                typer.echo(f"error: {p}: [{err.stage}] {err.message}", err=True)
        yield record


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="JSONL file.")] = None,
    encoding: Annotated[str | None, typer.Option(
        "--encoding", help="Decode every file with this codec (e.g. cp1258) instead of "
        "detecting it.")] = None,
) -> None:
    """Extract records from articles; JSONL to stdout or -o FILE."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        typer.echo(f"error: no such file or folder: {', '.join(map(str, missing))}", err=True)
        raise typer.Exit(2)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            typer.echo(f"error: unknown encoding {encoding!r}", err=True)
            raise typer.Exit(2) from None
    stats = {"articles": 0, "errors": 0}
    t0 = time.perf_counter()
    records = _records(paths, stats, encoding)
    if output is None:
        write_jsonl(records, sys.stdout)
    else:
        write_jsonl_atomic(records, output)
    dt = time.perf_counter() - t0
    rate = stats["articles"] / dt if dt > 0 else 0.0
    typer.echo(f"{stats['articles']} articles, {stats['errors']} with errors, "
               f"{rate:.1f} articles/s", err=True)
    if stats["errors"]:
        raise typer.Exit(1)


@app.command()
def schema(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the schema.")] = Path(
        "schemas"),
) -> None:
    """Write the JSON Schema of the output record (schemas/article.schema.json)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "article.schema.json"
    path.write_text(schema_text(), encoding="utf-8")
    typer.echo(f"wrote {path}", err=True)


def schema_text() -> str:
    return json.dumps(ArticleRecord.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold *.json files.")],
    output: Annotated[Path, typer.Argument(help="JSONL output of `extract run`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report.")] = False,
) -> None:
    """Per-field precision, recall and F1 against gold annotations, with misses and extras."""
    try:
        report = score(gold_dir, read_jsonl(output))
    except (ExtractError, OSError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{report.documents} gold documents"
               + (f", {len(report.missing)} without output" if report.missing else ""))
    typer.echo(f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}")
    for f in FIELDS:
        s = report.fields[f]
        typer.echo(f"{f:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6d}{s.fp:5d}"
                   f"{s.fn:5d}")
    for f in FIELDS:
        s = report.fields[f]
        for doc, v in s.misses:
            typer.echo(f"miss  {f:<14}{doc}: {v}")
        for doc, v in s.extras:
            typer.echo(f"extra {f:<14}{doc}: {v}")


def main() -> None:  # pragma: no cover
    app()
