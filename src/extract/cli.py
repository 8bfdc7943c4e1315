"""The command line: a thin Typer layer over the library functions."""

from __future__ import annotations

import codecs
import dataclasses
import glob
import json
import logging
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .batch import Input, Result, expand_inputs, read_stdin, run_batch
from .evaluate import score
from .io import read_jsonl, safe_str
from .models import ArticleRecord, ExtractError
from .output import Kept, RunOutput, check_output_path, load_kept, partial_path

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract border-gate cooperation records from Vietnamese articles.")
log = logging.getLogger("extract")

# Seconds per document before it becomes an error record: generous (an article takes
# milliseconds; the slowest real ones well under a second), there to stop a runaway.
DEFAULT_TIMEOUT = 60.0


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
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0, help="Seconds one document may take before it becomes an error "
        "record (0: no limit).")] = DEFAULT_TIMEOUT,
) -> None:
    """Extract records from articles; JSONL to stdout or -o FILE (written atomically)."""
    if engine == "dask":
        _run_dask(paths, output, scheduler)
        return
    if engine != "local":
        _usage(f"unknown engine {engine!r} (local or dask)")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            _usage(f"unknown encoding {encoding!r}")
    if resume and output is None:
        _usage("--resume needs -o FILE")
    try:
        inputs = _inputs(paths)
        out = RunOutput(output) if output is not None else None
    except ExtractError as e:
        _usage(str(e))
    with _sigterm_as_interrupt() as signalled, out if out is not None else nullcontext():
        kept = Kept()
        if resume and out is not None:
            kept = load_kept(out.output)
            for why in kept.dropped:
                typer.echo(f"resume: dropped {why}", err=True)
            typer.echo(f"resuming: {len(kept.lines)} records kept", err=True)
        if out is not None:
            out.start()
        if encoding is not None:
            inputs = (dataclasses.replace(i, encoding=encoding) for i in inputs)
        stats = {"articles": 0, "errors": 0, "kept": 0}
        show = sys.stderr.isatty() if progress is None else progress
        t0 = time.perf_counter()
        results = run_batch(inputs, jobs=jobs, timeout=timeout or None, done=kept.lines)
        try:
            for r in _counted(results, stats, show):
                if out is None:
                    sys.stdout.write(r.line + "\n")
                else:
                    out.write(r.doc_id, r.line)
            if out is not None:
                out.commit()
        except KeyboardInterrupt:
            results.close()  # stops the workers now
            if out is not None:
                out.interrupt((d, line) for d, (line, _) in kept.lines.items())
            typer.echo(f"\ninterrupted{' (SIGTERM)' if signalled else ''} after "
                       f"{stats['articles']} articles"
                       + (f"; {output} unchanged, finished records in {partial_path(output)}; "
                          "run again with --resume to continue" if output else ""), err=True)
            raise typer.Exit(143 if signalled else 130) from None
        finally:
            results.close()
    dt = time.perf_counter() - t0
    rate = stats["articles"] / dt if dt > 0 else 0.0
    unused = len(kept.lines) - stats["kept"]
    typer.echo(f"{stats['articles']} articles"
               + (f" (and {stats['kept']} kept)" if stats["kept"] else "")
               + f", {stats['errors']} with errors, {rate:.1f} articles/s "
               f"({jobs} worker{'s' if jobs > 1 else ''})"
               + (f"; {unused} kept records of documents not in this run dropped"
                  if unused > 0 else ""), err=True)
    if stats["errors"]:
        raise typer.Exit(1)


def _usage(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[list[bool]]:
    """SIGTERM (a scheduler, a CI timeout, ``kill``) ends the run as Ctrl-C does: workers
    stopped, finished records kept for --resume.  The yielded list is true once it came."""
    came: list[bool] = []

    def handler(signum: int, frame: object) -> None:
        came.append(True)
        raise KeyboardInterrupt

    try:
        old = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (an embedding application): leave it alone
        yield came
        return
    try:
        yield came
    finally:
        signal.signal(signal.SIGTERM, old)


def _run_dask(paths: list[str], output: Path | None, scheduler: str | None) -> None:
    if output is None or scheduler is None:
        _usage("--engine dask needs -o FOLDER and --scheduler ADDRESS")
    from .distributed import run_dask

    t0 = time.perf_counter()
    try:
        parts = run_dask(paths, output, scheduler=scheduler)
    except ExtractError as e:
        _usage(str(e))
    n, errors = sum(p[1] for p in parts), sum(p[2] for p in parts)
    dt = time.perf_counter() - t0
    typer.echo(f"{n} articles, {errors} with errors, {n / dt if dt else 0:.1f} articles/s "
               f"(dask, {len(parts)} parts in {output})", err=True)
    if errors:
        raise typer.Exit(1)


def _inputs(paths: list[str]) -> Iterator[Input]:
    """The inputs named; a path that does not exist or a glob that matches nothing is a
    usage error (exit 2), like a file the shell could not find."""
    if paths == ["-"]:
        return read_stdin()
    missing = [p for p in paths if not any(c in p for c in "*?[") and not Path(p).exists()
               and not Path(p).is_symlink()]
    if missing:
        raise ExtractError(f"no such file or folder: {', '.join(map(safe_str, missing))}",
                           stage="usage")
    empty = [p for p in paths if any(c in p for c in "*?[") and not Path(p).exists()
             and not glob.glob(p, recursive=True)]
    if empty:
        raise ExtractError(f"no file matches {', '.join(map(safe_str, empty))}", stage="usage")
    return expand_inputs(paths)


def _counted(results: Iterator[Result], stats: dict[str, int], show: bool
             ) -> Iterator[Result]:
    """Count, report errors on stderr, and show progress, passing results through."""
    with Progress(SpinnerColumn(), TextColumn("{task.completed} articles"),
                  TimeElapsedColumn(), console=Console(stderr=True),
                  disable=not show, transient=True) as bar:
        task = bar.add_task("extract", total=None)
        for r in results:
            if r.kept:
                stats["kept"] += 1
                stats["errors"] += bool(r.errors)
                yield r
                continue
            stats["articles"] += 1
            if r.errors:
                stats["errors"] += 1
                for err in json.loads(r.line)["errors"]:
                    typer.echo(f"error: {r.where}: [{err['stage']}] {err['message']}", err=True)
            bar.advance(task)
            yield r


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

    try:
        check_output_path(html, "--html")
    except ExtractError as e:
        _usage(str(e))
    records = _load(output)
    try:
        write_report(records, html)
    except OSError as e:
        _usage(f"cannot write {html}: {e.strerror or e}")
    typer.echo(f"wrote {html} ({len(records)} articles)", err=True)


# --- issue 11: the corpus as a database (people and bodies across articles) ---------------

def _period(first: str | None, last: str | None) -> str:
    if first is None:
        return "undated"
    return first if first == last else f"{first} to {last}"


@app.command("db")
def db_command(
    outputs: Annotated[list[Path], typer.Argument(
        help="JSONL outputs of `extract run` (files, or folders of *.jsonl parts).")],
    database: Annotated[Path, typer.Option("-o", "--output", help="SQLite file to write or "
                                           "update.")] = Path("corpus.db"),
    root: Annotated[Path | None, typer.Option(
        "--root", help="Folder the records' relative source paths start from (for the "
        "article text; default: the current folder).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes: 2 reads and "
                                      "prepares records beside the writer.")] = 1,
) -> None:
    """Write or update (by doc_id) the corpus database: articles, mentions, meetings, people
    and bodies linked across articles, full-text index."""
    from .corpus import build_db

    try:
        report = build_db(outputs, database, root=root, jobs=jobs)
    except ExtractError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    for bad in report.bad:
        typer.echo(f"error: {bad}", err=True)
    linked = ("links unchanged" if report.linked is None else
              f"{report.linked.persons} people, {report.linked.bodies} bodies")
    typer.echo(f"{database}: {report.added} added, {report.updated} updated, "
               f"{report.unchanged} unchanged, {len(report.bad)} bad lines; {linked}",
               err=True)
    if report.bad:
        raise typer.Exit(1)


@app.command()
def people(
    database: Annotated[Path, typer.Argument(help="Corpus database of `extract db`.")],
    name: Annotated[str, typer.Argument(help="A person's name (tones optional).")],
) -> None:
    """A person's timeline: every position with the dates it was seen, and the meetings."""
    from .corpus.timeline import find_people, meeting_rows, position_rows

    try:
        found = find_people(database, name)
        if not found:
            typer.echo(f"no person matches {name!r}", err=True)
            raise typer.Exit(1)
        for p in found:
            typer.echo(f"{p.name} ({p.side or 'side unknown'}): {p.n_articles} article"
                       f"{'s' if p.n_articles != 1 else ''}, "
                       f"{_period(p.first_seen, p.last_seen)}  [{p.id}]")
            if len(p.names) > 1:
                typer.echo(f"  spellings: {', '.join(p.names)}")
            for r in position_rows(database, p.id):
                body = f", {r['body']}" if r["body"] else ""
                typer.echo(f"  {_period(r['first_seen'], r['last_seen']):<26}{r['title']}"
                           f"{body}  ({', '.join(r['doc_ids'])})")
            for m in meeting_rows(database, p.id):
                place = f" at {m['place']}" if m["place"] else ""
                typer.echo(f"  {m['date'] or 'undated':<26}{m['kind']}{place} with "
                           f"{', '.join(m['with']) or '-'}  ({m['doc_id']})")
    except ExtractError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e


@app.command()
def bodies(
    database: Annotated[Path, typer.Argument(help="Corpus database of `extract db`.")],
    name: Annotated[str, typer.Argument(help="A body's name, alias or gazetteer id.")],
) -> None:
    """A body's timeline: the articles naming it, its meetings, the positions held there."""
    from .corpus.timeline import body_rows, find_bodies

    try:
        found = find_bodies(database, name)
        if not found:
            typer.echo(f"no body matches {name!r}", err=True)
            raise typer.Exit(1)
        for b in found:
            typer.echo(f"{b.name} ({b.side or 'side unknown'}): {b.n_articles} article"
                       f"{'s' if b.n_articles != 1 else ''}, "
                       f"{_period(b.first_seen, b.last_seen)}  [{b.id}]")
            others = [a for a in b.names if a != b.name]
            if others:
                typer.echo(f"  also written: {'; '.join(others)}")
            for r in body_rows(database, b.id):
                where = f"  ({r['doc_id']})" if r["doc_id"] else ""
                typer.echo(f"  {r['date'] or 'undated':<12}{r['event']:<10}{r['detail']}"
                           f"{where}")
    except ExtractError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e


@app.command()
def graph(
    database: Annotated[Path, typer.Argument(help="Corpus database of `extract db`.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="GraphML file.")] = Path(
        "meetings.graphml"),
) -> None:
    """Who met whom: bodies and people as nodes, meetings as dated edges (GraphML)."""
    from .corpus import write_graphml

    try:
        stats = write_graphml(database, output)
    except ExtractError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    typer.echo(f"wrote {output}: {stats.nodes} nodes, {stats.edges} edges from "
               f"{stats.meetings} meetings", err=True)


if __name__ == "__main__":  # pragma: no cover
    app()
