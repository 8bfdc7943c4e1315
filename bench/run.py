"""Benchmark: extract's throughput against the off-the-shelf peer, in one run.

Builds a corpus of N articles (seeds/ and the project's own genre and held-out texts, with
ids varied), then measures and prints:
- cold start (import + pipeline build) in a fresh interpreter;
- articles/s and words/s with 1 and 2 worker processes, and time per stage;
- cost at several corpus sizes (linearity);
- the peer (underthesea ``ner`` plus ``dateparser.search_dates``) on a sample of the same
  texts, and the ratio;
- peak RSS of the parent and of the workers.

Usage: python bench/run.py [--n 2000] [--scales 1000,4000,16000] [--peer-sample 60]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "seeds", ROOT / "tests" / "genre" / "texts", ROOT / "tests" / "heldout" / "texts"]


def build_corpus(n: int, out: Path) -> list[Path]:
    texts = [p.read_text(encoding="utf-8-sig") for d in SOURCES for p in sorted(d.glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = out / f"{i:07d}_{i % len(texts):03d}.txt"
        p.write_text(texts[i % len(texts)], encoding="utf-8")
        paths.append(p)
    return paths


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, "
            f"Python {platform.python_version()}")


def cold_start() -> tuple[float, float]:
    code = ("import time; t=time.perf_counter(); import extract; "
            "from extract.pipeline import Pipeline; Pipeline(); print(time.perf_counter()-t)")
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    wall = time.perf_counter() - t0
    return float(out.stdout.strip()), wall


def run(paths: list[Path], jobs: int) -> tuple[float, dict[str, float]]:
    from extract.batch import Input, run_batch
    from extract.pipeline import Pipeline

    pipeline = Pipeline() if jobs == 1 else None
    inputs = [Input(doc_id=p.stem, path=str(p)) for p in paths]
    t0 = time.perf_counter()
    n = sum(1 for _ in run_batch(inputs, jobs=jobs, chunksize=16, pipeline=pipeline))
    dt = time.perf_counter() - t0
    assert n == len(paths)
    return dt, dict(pipeline.timings) if pipeline else {}


def read_write_times(paths: list[Path]) -> tuple[float, float]:
    from extract.io import decode, to_json
    from extract.pipeline import Pipeline

    t0 = time.perf_counter()
    texts = [decode(p.read_bytes()) for p in paths]
    read = time.perf_counter() - t0
    pipeline = Pipeline()
    records = [pipeline.run(t) for t in texts[:200]]
    t0 = time.perf_counter()
    for r in records:
        to_json(r)
    write = (time.perf_counter() - t0) * len(paths) / len(records)
    return read, write


def peer(texts: list[str]) -> float:
    from dateparser.search import search_dates
    from underthesea import ner

    ner("khởi động")  # load the model outside the timing
    t0 = time.perf_counter()
    for t in texts:
        for para in t.split("\n"):
            if para.strip():
                ner(para)
        search_dates(t, languages=["vi"])
    return time.perf_counter() - t0


def rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--scales", default="1000,4000,16000")
    ap.add_argument("--peer-sample", type=int, default=60)
    ap.add_argument("--keep", action="store_true", help="keep the generated corpus")
    args = ap.parse_args()
    scales = [int(s) for s in args.scales.split(",") if s] if args.scales else []
    tmp = Path(tempfile.mkdtemp(prefix="extract-bench-"))
    try:
        paths = build_corpus(max([args.n, *scales]), tmp / "corpus")
        corpus = paths[: args.n]
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus)
        print(f"machine: {machine()}")
        print(f"corpus: {len(corpus)} articles, {words} words "
              f"({words / len(corpus):.0f} words/article)")
        inner, wall = cold_start()
        print(f"cold start: {inner:.2f} s import + pipeline build ({wall:.2f} s with the "
              f"interpreter)")
        results = {}
        for jobs in (1, 2):
            dt, timings = run(corpus, jobs)
            results[jobs] = dt
            print(f"{jobs} worker{'s' if jobs > 1 else ' '}: {len(corpus) / dt:8.1f} articles/s "
                  f"{words / dt:10.0f} words/s  ({dt:.2f} s)")
            if timings:
                read, write = read_write_times(corpus)
                total = sum(timings.values()) + read + write
                stages = {"read": read, **timings, "write": write}
                print("  time per stage (1 worker): " + ", ".join(
                    f"{k} {v / len(corpus) * 1000:.2f} ms ({v / total:.0%})"
                    for k, v in stages.items()))
        print(f"speed-up with 2 workers: {results[1] / results[2]:.2f}x")
        rss_parent = rss_mb(resource.RUSAGE_SELF)
        rss_children = rss_mb(resource.RUSAGE_CHILDREN)
        for n in scales:
            dt, _ = run(paths[:n], 1)
            print(f"scale {n:6d} articles: {dt:7.2f} s, {dt / n * 1000:.2f} ms/article")
        sample = [p.read_text(encoding="utf-8") for p in corpus[: args.peer_sample]]
        peer_rate: float | None = None
        if sample:  # --peer-sample 0 skips the peer
            sample_words = sum(len(t.split()) for t in sample)
            pdt = peer(sample)
            ours = len(corpus) / results[1]
            peer_rate = len(sample) / pdt
            print(f"peer (underthesea ner + dateparser.search_dates, {len(sample)} articles): "
                  f"{peer_rate:.2f} articles/s, {sample_words / pdt:.0f} words/s")
            print(f"ratio, 1 worker vs peer: {ours / peer_rate:.0f}x")
        print(f"peak RSS: {rss_parent:.0f} MB parent, {rss_children:.0f} MB largest worker "
              f"(before the peer ran)")
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / "last.json").write_text(json.dumps({
            "machine": machine(), "articles": len(corpus), "words": words,
            "cold_start_s": inner, "seconds": results, "peer_articles_per_s": peer_rate,
            "rss_mb": {"parent": rss_parent, "children": rss_children}}, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
