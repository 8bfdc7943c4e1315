"""The command line: a thin Typer layer over the library functions."""

from __future__ import annotations

import codecs
import dataclasses
import itertools
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .batch import Input, Result, expand_inputs, read_stdin, run_batch
from .evaluate import score
from .io import read_jsonl
from .models import ArticleRecord, ExtractError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract border-gate cooperation records from Vietnamese articles.")
log = logging.getLogger("extract")


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(
        help="Article files, folders (recursive), glob patterns, or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="JSONL file.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Keep records already in -o FILE (or FILE.partial); do the rest.")]
    = False,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Progress bar (default: when stderr is a terminal).")]
    = None,
    engine: Annotated[str, typer.Option(
        "--engine", help="local, or dask (then -o is a folder of part files).")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")] = None,
    encoding: Annotated[str | None, typer.Option(
        "--encoding", help="Decode every file with this codec (e.g. cp1258) instead of "
        "detecting it.")] = None,
) -> None:
    """Extract records from articles; JSONL to stdout or -o FILE (written atomically)."""
    if engine == "dask":
        _run_dask(paths, output, scheduler)
        return
    if engine != "local":
        typer.echo(f"error: unknown engine {engine!r} (local or dask)", err=True)
        raise typer.Exit(2)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            typer.echo(f"error: unknown encoding {encoding!r}", err=True)
            raise typer.Exit(2) from None
    try:
        inputs = _inputs(paths)
    except ExtractError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    if resume and output is None:
        typer.echo("error: --resume needs -o FILE", err=True)
        raise typer.Exit(2)
    kept: list[str] = []
    if resume and output is not None:
        kept = _existing_lines(output)
        done = {json.loads(line)["doc_id"] for line in kept}
        inputs = (i for i in inputs if i.doc_id not in done)
        typer.echo(f"resuming: {len(kept)} records kept", err=True)
    if encoding is not None:
        inputs = (dataclasses.replace(i, encoding=encoding) for i in inputs)
    stats = {"articles": 0, "errors": 0}
    show = sys.stderr.isatty() if progress is None else progress
    t0 = time.perf_counter()
    lines = _lines(run_batch(inputs, jobs=jobs), stats, show)
    try:
        if output is None:
            for line in lines:
                sys.stdout.write(line + "\n")
        else:
            _write(output, kept, lines)
    except KeyboardInterrupt:
        typer.echo(f"\ninterrupted after {stats['articles']} articles"
                   + (f"; {output} unchanged, finished records in {_partial(output)}; "
                      "run again with --resume to continue" if output else ""), err=True)
        raise typer.Exit(130) from None
    dt = time.perf_counter() - t0
    rate = stats["articles"] / dt if dt > 0 else 0.0
    typer.echo(f"{stats['articles']} articles, {stats['errors']} with errors, "
               f"{rate:.1f} articles/s ({jobs} worker{'s' if jobs > 1 else ''})", err=True)
    if stats["errors"]:
        raise typer.Exit(1)


def _run_dask(paths: list[str], output: Path | None, scheduler: str | None) -> None:
    if output is None or scheduler is None:
        typer.echo("error: --engine dask needs -o FOLDER and --scheduler ADDRESS", err=True)
        raise typer.Exit(2)
    from .distributed import run_dask

    t0 = time.perf_counter()
    try:
        parts = run_dask(paths, output, scheduler=scheduler)
    except ExtractError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    n, errors = sum(p[1] for p in parts), sum(p[2] for p in parts)
    dt = time.perf_counter() - t0
    typer.echo(f"{n} articles, {errors} with errors, {n / dt if dt else 0:.1f} articles/s "
               f"(dask, {len(parts)} parts in {output})", err=True)
    if errors:
        raise typer.Exit(1)


def _inputs(paths: list[str]) -> Iterator[Input]:
    if paths == ["-"]:
        return iter(read_stdin())
    missing = [p for p in paths if not any(c in p for c in "*?[") and not Path(p).exists()]
    if missing:
        raise ExtractError(f"no such file or folder: {', '.join(missing)}", stage="usage")
    return expand_inputs(paths)


def _lines(results: Iterator[Result], stats: dict[str, int], show: bool) -> Iterator[str]:
    """Count, report errors on stderr, and show progress, passing lines through."""
    with Progress(SpinnerColumn(), TextColumn("{task.completed} articles"),
                  TimeElapsedColumn(), console=Console(stderr=True),
                  disable=not show, transient=True) as bar:
        task = bar.add_task("extract", total=None)
        for r in results:
            stats["articles"] += 1
            if r.errors:
                stats["errors"] += 1
                for err in json.loads(r.line)["errors"]:
                    typer.echo(f"error: {r.where}: [{err['stage']}] {err['message']}", err=True)
            bar.advance(task)
            yield r.line


def _partial(output: Path) -> Path:
    return output.with_name(output.name + ".partial")


def _existing_lines(output: Path) -> list[str]:
    lines: list[str] = []
    for path in (output, _partial(output)):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    json.loads(line)["doc_id"]
                except (ValueError, KeyError, TypeError):
                    continue  # a torn last line: that document is done again
                lines.append(line)
    return lines


def _write(output: Path, kept: list[str], lines: Iterator[str]) -> None:
    """Write kept and new lines to FILE.partial as they come, then rename it to FILE.

    An interrupted run leaves FILE as it was and FILE.partial with whole finished lines."""
    partial = _partial(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = partial.with_name(partial.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        try:
            for line in itertools.chain(kept, lines):
                fh.write(line + "\n")
                fh.flush()
        finally:
            fh.flush()
            os.replace(tmp, partial)
    os.replace(partial, output)


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
    typer.echo(f"{'field':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}")
    for f in report.shown_fields():
        s = report.fields[f]
        typer.echo(f"{f:<16}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6d}{s.fp:5d}"
                   f"{s.fn:5d}")
    for f in report.shown_fields():
        s = report.fields[f]
        for doc, v in s.misses:
            typer.echo(f"miss  {f:<16}{doc}: {v}")
        for doc, v in s.extras:
            typer.echo(f"extra {f:<16}{doc}: {v}")


def main() -> None:  # pragma: no cover
    app()


# --- issue 6: tools for users of the output (diff for CI, HTML review page) ---------------

def _load(path: Path) -> list[ArticleRecord]:
    try:
        return read_jsonl(path)
    except (ExtractError, OSError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="Old JSONL output (e.g. the committed one).")],
    new: Annotated[Path, typer.Argument(help="New JSONL output.")],
    fmt: Annotated[str, typer.Option("--format", help="text, markdown or json.")] = "text",
    spans: Annotated[bool, typer.Option("--spans", help="Moved offsets count as changes.")]
    = False,
    colour: Annotated[bool | None, typer.Option("--color/--no-color",
                                                help="Colour (default: when a TTY).")] = None,
) -> None:
    """Per-document, per-field differences between two outputs; exit 1 when they differ."""
    from .diff import diff_records, render_markdown, render_text

    if fmt not in ("text", "markdown", "json"):
        typer.echo(f"error: unknown format {fmt!r} (text, markdown, json)", err=True)
        raise typer.Exit(2)
    try:
        report = diff_records(_load(old), _load(new), spans=spans)
    except ExtractError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    if fmt == "json":
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        typer.echo(render_markdown(report))
    else:
        use = sys.stdout.isatty() if colour is None else colour
        # click strips ANSI codes off a non-TTY unless told otherwise (--color in a CI log).
        typer.echo(render_text(report, use), color=use)
    if not report.equal:
        raise typer.Exit(1)


@app.command()
def report(
    output: Annotated[Path, typer.Argument(help="JSONL output of `extract run`.")],
    html: Annotated[Path, typer.Option("--html", help="Page to write.")] = Path("report.html"),
) -> None:
    """A self-contained HTML review page: highlighted articles, tables, filters."""
    from .report import write_report

    records = _load(output)
    write_report(records, html)
    typer.echo(f"wrote {html} ({len(records)} articles)", err=True)


if __name__ == "__main__":  # pragma: no cover
    app()
