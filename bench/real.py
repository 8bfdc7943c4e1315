"""Score extract on the real-article development set (tests/real), batch by batch.

The articles are third-party text: only their manifests (doc_id, query, url, sha256) and
the gold annotations are committed.  The texts live in the git-ignored folders
``tests/real/<batch>/texts/<doc_id>.txt``, or in a folder named by ``EXTRACT_REAL_TEXTS``
holding ``<batch>/<doc_id>.txt``.  When texts are missing this script says which and how to
restore them, and exits 2; a text whose sha256 differs from the manifest is reported and
left out (it is not the text the gold was written for).

Usage: python bench/real.py [--batch b1 ...] [--misses] [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from extract.evaluate import FIELDS, Report, load_gold, prediction_view, score_documents
from extract.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "real"
CORE = ("published", "authors", "dates", "people", "titles", "organizations", "gate_pairs",
        "markers")

RESTORE = """\
The real articles' texts are not in git (third-party text). To restore them:
  - if a copy exists elsewhere, point EXTRACT_REAL_TEXTS at a folder holding
    <batch>/<doc_id>.txt (or copy them into tests/real/<batch>/texts/);
  - otherwise re-fetch each manifest line: run its `query` on the search tool's `pages`
    corpus, take the result whose url is the manifest's `url`, and save its excerpt verbatim
    as tests/real/<batch>/texts/<doc_id>.txt; the sha256 in the manifest checks the copy."""


def batches() -> list[Path]:
    return sorted(p for p in REAL.iterdir() if (p / "manifest.jsonl").is_file())


def manifest(batch: Path) -> list[dict[str, Any]]:
    lines = (batch / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def text_path(batch: Path, doc_id: str) -> Path:
    env = os.environ.get("EXTRACT_REAL_TEXTS")
    if env:
        p = Path(env) / batch.name / f"{doc_id}.txt"
        if p.is_file():
            return p
    return batch / "texts" / f"{doc_id}.txt"


def fmt_row(name: str, n: int, report: Report) -> str:
    f1s = [report.fields[f].f1 for f in CORE]
    extra = [report.fields[f].f1 for f in FIELDS if f not in CORE]
    cells = " | ".join(f"{x:.2f}" for x in f1s + extra)
    return f"| {name} | {n} | {cells} | {sum(f1s) / len(f1s):.3f} |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", action="append", help="score only these batches (b1, ...)")
    ap.add_argument("--misses", action="store_true", help="print misses and extras")
    ap.add_argument("--json", type=Path, help="write the per-batch scores here")
    args = ap.parse_args()

    chosen = [b for b in batches() if not args.batch or b.name in args.batch]
    if not chosen:
        print("no batches with a manifest.jsonl under tests/real/", file=sys.stderr)
        return 2
    pipeline = Pipeline()
    missing: list[str] = []
    all_gold: dict[str, dict[str, Any]] = {}
    all_pred: dict[str, dict[str, Any]] = {}
    rows = []
    result: dict[str, Any] = {}
    for batch in chosen:
        if not any((batch / "gold").glob("*.json")):
            print(f"{batch.name}: no gold files yet, skipped", file=sys.stderr)
            continue
        gold = load_gold(batch / "gold")
        pred: dict[str, dict[str, Any]] = {}
        for entry in manifest(batch):
            doc_id = entry["doc_id"]
            path = text_path(batch, doc_id)
            if not path.is_file():
                missing.append(f"{batch.name}/{doc_id}")
                gold.pop(doc_id, None)
                continue
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                print(f"sha256 differs from the manifest, left out: {path}", file=sys.stderr)
                gold.pop(doc_id, None)
                continue
            record = pipeline.run(data.decode("utf-8"), doc_id=doc_id, path=str(path))
            pred[doc_id] = prediction_view(record)
        gold = {k: v for k, v in gold.items() if k in pred}
        if not gold:
            continue
        report = score_documents(gold, pred)
        rows.append(fmt_row(batch.name, len(gold), report))
        result[batch.name] = report.as_dict()
        all_gold.update(gold)
        all_pred.update(pred)
        if args.misses:
            for f in FIELDS:
                for doc, v in report.fields[f].misses:
                    print(f"miss  {f:<16}{doc}: {v}")
                for doc, v in report.fields[f].extras:
                    print(f"extra {f:<16}{doc}: {v}")
    if missing:
        print(f"{len(missing)} texts missing (e.g. {missing[0]}).\n{RESTORE}", file=sys.stderr)
        if not all_gold:
            return 2
    header_extra = [f for f in FIELDS if f not in CORE]
    print("| batch | articles | " + " | ".join(CORE + tuple(header_extra)) + " | macro (core) |")
    print("|" + "---|" * (len(CORE) + len(header_extra) + 3))
    for row in rows:
        print(row)
    if len(rows) > 1:
        total = score_documents(all_gold, all_pred)
        print(fmt_row("all", len(all_gold), total))
        result["all"] = total.as_dict()
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
