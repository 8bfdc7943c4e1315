"""Benchmark: `extract db` over 10,000 records.

Synthesizes N records from the seeds' committed output (out/seeds.jsonl): doc_ids varied,
publication dates spread over 2014-2025, and a meeting added to each record whose text has
a meeting trigger (its parties the first Vietnamese and the first Chinese body, its people
the record's people), so that every table is filled.  The sources stay the seed files, so
the text is read from disk and checked against the offsets as in a real run.  Then it times,
each in a fresh `extract db` process:
- the first build of a new database, with one process and with two (`--jobs 2`: records
  read and prepared in a second process beside the writer);
- a re-run on the same output (nothing to write);
- an update where 10 % of the records changed.

Usage: python bench/db.py [--n 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extract.io import read_jsonl  # noqa: E402
from extract.models import (  # noqa: E402
    ArticleRecord,
    Meeting,
    MeetingKind,
    MeetingParty,
    MeetingPerson,
    Mention,
)

TRIGGERS = (("hội đàm", MeetingKind.TALKS), ("làm việc", MeetingKind.WORKING_SESSION),
            ("hội nghị", MeetingKind.CONFERENCE), ("tiếp", MeetingKind.RECEPTION))


def _meeting(record: ArticleRecord, date: str) -> Meeting | None:
    text = Path(ROOT / record.source).read_text(encoding="utf-8")
    found = next(((w, k, text.find(w)) for w, k in TRIGGERS if w in text), None)
    if found is None:
        return None
    word, kind, at = found
    parties = []
    for side in ("VN", "CN"):
        for i, org in enumerate(record.organizations):
            if org.side == side:
                parties.append(MeetingParty(side=side, organization=org.name, index=i))
                break
    if not parties:
        return None
    people = [MeetingPerson(side=p.side, name=p.name, index=i)
              for i, p in enumerate(record.people)]
    return Meeting(kind=word, kind_norm=kind, date=date, parties=parties, people=people,
                   trigger=Mention(text=word, start=at, end=at + len(word)))


def synthesize(n: int, out: Path) -> None:
    seeds = read_jsonl(ROOT / "out" / "seeds.jsonl")
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            base = seeds[i % len(seeds)]
            date = f"{2014 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            meeting = _meeting(base, date)
            record = base.model_copy(update={
                "doc_id": f"{base.doc_id}_{i:06d}", "published": date,
                "meetings": [meeting] if meeting else []})
            fh.write(record.model_dump_json() + "\n")


def changed(src: Path, out: Path, every: int) -> int:
    n = 0
    with src.open(encoding="utf-8") as fin, out.open("w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if i % every == 0:
                record = ArticleRecord.model_validate_json(line)
                line = record.model_copy(update={"title": f"sửa lần {i}"}).model_dump_json()
                line += "\n"
                n += 1
            fout.write(line)
    return n


def timed_db(jsonl: Path, db: Path, jobs: int = 1) -> tuple[float, float, str]:
    """Wall and CPU seconds of one `extract db` process (CPU is what a busy shared machine
    does not inflate), and its summary line."""
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "extract.cli", "db", str(jsonl), "-o",
                           str(db), "--jobs", str(jobs)], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    dt = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"extract db failed ({proc.returncode}): {proc.stderr}")
    return dt, cpu, proc.stderr.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="Folder to keep the JSONL and database in.")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="extract-db-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    jsonl, db = work / "records.jsonl", work / "corpus.db"
    db.unlink(missing_ok=True)
    t0 = time.perf_counter()
    synthesize(args.n, jsonl)
    print(f"synthesized {args.n} records in {time.perf_counter() - t0:.1f} s "
          f"({jsonl.stat().st_size / 1e6:.1f} MB of JSONL)")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    for jobs in (1, 2):
        db.unlink(missing_ok=True)
        dt, cpu, summary = timed_db(jsonl, db, jobs)
        print(f"first build, --jobs {jobs}: {dt:6.1f} s wall, {cpu:5.1f} s CPU, "
              f"{args.n / dt:5.0f} records/s  ({summary})")
    conn = sqlite3.connect(db)
    counts = {t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
              for t in ("articles", "mentions", "titles", "meetings", "meeting_parties",
                        "persons", "person_positions", "bodies")}
    conn.close()
    print("rows: " + ", ".join(f"{t} {c}" for t, c in counts.items())
          + f"; database {db.stat().st_size / 1e6:.1f} MB")
    dt, cpu, summary = timed_db(jsonl, db)
    print(f"re-run:        {dt:6.1f} s wall, {cpu:5.1f} s CPU  ({summary})")
    upd = work / "changed.jsonl"
    k = changed(jsonl, upd, 10)
    dt, cpu, summary = timed_db(upd, db)
    print(f"update {k} of {args.n}: {dt:4.1f} s wall, {cpu:5.1f} s CPU  ({summary})")
    print(f"load average now {os.getloadavg()[0]:.1f}")
    print(f"(files in {work})")


if __name__ == "__main__":
    main()
