"""Fuzz the reading and extraction path with generated and mutated inputs.

Inputs are cut, spliced, re-encoded (UTF-16, Windows-1258, TCVN3, NFD), wrapped in HTML and
bit-flipped from the seeds (and the genre texts when present), then written to a file and
read back through ``extract_path``, as a batch run would.  A crash is an exception escaping
``extract_path``, a record that does not validate, or a span not grounded in the text it
refers to.  Deterministic for a given ``--seed``.

Then the shapes that once made a stage super-linear (``bench/shapes.py``) are run at
several sizes up to the reader's 500,000-character cap, each timed (CPU time of the
worker, which other processes on a shared machine disturb less than wall time) against a
budget of ``--budget-ms`` plus ``--budget-us`` per character; the slowest are printed.  Over
budget is reported, and is a failure only with ``--check-time``.

    .venv/bin/python bench/fuzz.py -n 100000 --jobs 2
"""

from __future__ import annotations

import argparse
import codecs
import logging
import multiprocessing as mp
import random
import tempfile
import time
import traceback
import unicodedata
from pathlib import Path

from shapes import SHAPES, make

from extract.io import MAX_CHARS, decode_article, extract_path
from extract.legacy import decode_tcvn3
from extract.models import ArticleRecord
from extract.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
_TCVN3_ENCODE = {c: bytes([b]) for b in range(128, 256)
                 for c in [decode_tcvn3(bytes([b]))] if len(c) == 1}
_JUNK = ["\x00", "\x07", "\u200b", "\ufeff", "\u202e", "\r", "\t", "\u0301", "\u0323",
         "友谊关", "Привет", "مرحبا", "🙂", "\ud7ff", "\U0001f600", "<p>", "&amp;", "\u00a0",
         "\n" * 5, "Ngày 32/13/2025", "ông", "cửa khẩu", "–", "—", "…"]


def corpus() -> list[str]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "genre" / "texts").glob("*.txt"))
    return [p.read_text(encoding="utf-8-sig") for p in paths]


def to_tcvn3(text: str) -> bytes:
    return b"".join(_TCVN3_ENCODE.get(c, c.encode("ascii", "replace"))
                    for c in unicodedata.normalize("NFC", text))


def to_cp1258(text: str) -> bytes:
    return unicodedata.normalize("NFD", text).encode("cp1258", "replace")


def mutate(rng: random.Random, texts: list[str]) -> tuple[bytes, str]:
    """One input: its bytes and the file suffix."""
    t = rng.choice(texts)
    a = rng.randrange(len(t) + 1)
    text = t[a:a + rng.choice([0, 1, 10, 100, 400, 1000, 2000])]
    if rng.random() < 0.3:  # splice a piece of another text
        u = rng.choice(texts)
        b = rng.randrange(len(u) + 1)
        pos = rng.randrange(len(text) + 1)
        text = text[:pos] + u[b:b + rng.randrange(600)] + text[pos:]
    for _ in range(rng.choice([0, 0, 1, 3, 10])):  # junk characters
        pos = rng.randrange(len(text) + 1)
        text = text[:pos] + rng.choice(_JUNK) + text[pos:]
    if rng.random() < 0.05:
        text = "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(300)))
    suffix = ".txt"
    if rng.random() < 0.08:
        suffix = ".html"
        text = (f"<html><head><title>{text[:60]}</title></head><body><article><p>"
                + text.replace("\n", "</p><p>") + "</p></article></body></html>")
    if rng.random() < 0.2:
        text = unicodedata.normalize(rng.choice(["NFD", "NFC", "NFKC"]), text)
    enc = rng.random()
    if enc < 0.6:
        data = text.encode("utf-8", "surrogatepass")
    elif enc < 0.7:
        data = codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")
    elif enc < 0.8:
        data = text.encode("utf-16", "surrogatepass")
    elif enc < 0.9:
        data = to_cp1258(text)
    else:
        data = to_tcvn3(text)
    if rng.random() < 0.3 and data:  # flip, drop or insert bytes
        buf = bytearray(data)
        for _ in range(rng.choice([1, 2, 5, 20])):
            i = rng.randrange(len(buf) + 1)
            op = rng.random()
            if op < 0.5 and i < len(buf):
                buf[i] ^= 1 << rng.randrange(8)
            elif op < 0.75 and i < len(buf):
                del buf[i]
            else:
                buf[i:i] = bytes([rng.randrange(256)])
        data = bytes(buf)
    return data, suffix


def _spans(r: ArticleRecord) -> list[tuple[str, int, int]]:
    out = [(d.text, d.start, d.end) for d in r.dates]
    for p in r.people:
        out += [(m.text, m.start, m.end) for m in p.mentions]
    for o in r.organizations:
        out += [(m.text, m.start, m.end) for m in o.mentions]
    out += [(x.text, x.start, x.end) for x in [*r.titles, *r.gate_pairs, *r.gates, *r.markers]]
    return out


def check(pipeline: Pipeline, path: Path) -> str | None:
    """None when the input went through cleanly, else a description of the crash."""
    try:
        record = extract_path(pipeline, path)
        ArticleRecord.model_validate_json(record.model_dump_json())
        if record.errors:
            return None
        source = record.extracted_text or decode_article(path.read_bytes())[0]
        for text, s, e in _spans(record):
            if source[s:e] != text:
                return f"ungrounded span {text!r} at {s}:{e}"
    except Exception:
        return traceback.format_exc()
    return None


def worker(args: tuple[int, int, int, str]) -> tuple[int, int, list[str]]:
    start, count, seed, tmp = args
    logging.disable(logging.CRITICAL)  # expected error records are not news here
    texts = corpus()
    pipeline = Pipeline()
    errors = 0
    crashes: list[str] = []
    for i in range(start, start + count):
        rng = random.Random(seed * 1_000_003 + i)
        data, suffix = mutate(rng, texts)
        path = Path(tmp) / f"in{i}{suffix}"
        path.write_bytes(data)
        rec = check(pipeline, path)
        if rec is not None:
            crash_path = Path(tmp) / f"crash{i}{suffix}"
            path.rename(crash_path)
            crashes.append(f"{crash_path}: {rec}")
        else:
            errors += bool(extract_path(pipeline, path).errors) if i % 50 == 0 else 0
            path.unlink()
    return count, errors, crashes


def shape_worker(args: tuple[str, int, str]) -> tuple[str, int, int, float, str | None]:
    """One super-linear shape at one size, through the reader:
    (shape, size asked, characters, CPU seconds, crash)."""
    shape, size, tmp = args
    logging.disable(logging.CRITICAL)
    if "p" not in _PIPELINE:
        _PIPELINE["p"] = Pipeline()
        _PIPELINE["p"].run(make(shape, 300))  # tables loaded lazily: not part of the time
    pipeline = _PIPELINE["p"]
    text = make(shape, size)
    path = Path(tmp) / f"{shape}-{size}.txt"
    path.write_text(text, encoding="utf-8")
    t0 = time.process_time()
    crash = check(pipeline, path)
    dt = time.process_time() - t0
    if crash is None:
        path.unlink()
    return shape, size, len(text), dt, crash


_PIPELINE: dict[str, Pipeline] = {}  # one per worker process, built on first use


def run_shapes(ns: argparse.Namespace, tmp: str) -> tuple[list[str], int]:
    """Time every shape at every size; print the slowest; (crashes, inputs over budget)."""
    sizes = [min(int(s), MAX_CHARS) for s in ns.shape_sizes.split(",") if s]
    tasks = [(shape, size, tmp) for size in sizes for shape in SHAPES]
    with mp.get_context("spawn").Pool(ns.jobs) as pool:
        results = list(pool.imap_unordered(shape_worker, tasks))
    crashes = [f"shape {s} at {n} chars: {c}" for s, _, n, _, c in results if c is not None]
    over = 0
    print(f"super-linear shapes: {len(SHAPES)} at {len(sizes)} sizes "
          f"(budget {ns.budget_ms:.0f} ms + {ns.budget_us:g} us/char)")
    for shape, size, n, dt, _ in sorted(results, key=lambda r: -r[3] / r[2]):
        budget = ns.budget_ms / 1000 + ns.budget_us * n / 1e6
        over += dt > budget
        if dt > budget or size == max(sizes):
            print(f"  {shape:20s} {n:>8} chars {dt:7.2f} s CPU {dt / n * 1e6:6.1f} us/char"
                  + ("  OVER BUDGET" if dt > budget else ""))
    print(f"shape inputs over the time budget: {over} of {len(results)}")
    return crashes, over


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100_000, help="inputs to try")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--shape-sizes", default="10000,100000,500000",
                    help="sizes (characters) of the super-linear shapes; empty for none")
    ap.add_argument("--budget-ms", type=float, default=500.0,
                    help="time budget per shape input: this constant ...")
    ap.add_argument("--budget-us", type=float, default=20.0,
                    help="... plus this many microseconds per character")
    ap.add_argument("--check-time", action="store_true",
                    help="exit 1 when a shape input is over its time budget")
    ns = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="extract-fuzz-")
    chunk = 1000
    tasks = [(s, min(chunk, ns.n - s), ns.seed, tmp) for s in range(0, ns.n, chunk)]
    t0 = time.perf_counter()
    tried = sampled_errors = 0
    crashes: list[str] = []
    with mp.get_context("spawn").Pool(ns.jobs) as pool:
        for count, errors, crash in pool.imap_unordered(worker, tasks):
            tried += count
            sampled_errors += errors
            crashes += crash
    dt = time.perf_counter() - t0
    print(f"inputs tried: {tried}")
    print(f"error records (1 in 50 sampled): {sampled_errors} of {tried // 50}")
    print(f"time: {dt:.1f} s ({tried / dt:.0f} inputs/s, {ns.jobs} workers)")
    over = 0
    if ns.shape_sizes:
        shape_crashes, over = run_shapes(ns, tmp)
        crashes += shape_crashes
    print(f"crashes: {len(crashes)}")
    for c in crashes[:20]:
        print(c)
    if crashes or (ns.check_time and over):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
