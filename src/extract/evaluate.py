"""Scoring output against gold annotations, by the rules at the end of GUIDE.md.

Per field: precision, recall and F1 over the union of gold documents, each document's
values compared as sets after normalization (NFC, canonical tones, casefold, whitespace and
dash spacing folded).  People, authors, gate pairs: exact after normalization; dates and
markers: exact strings; titles: person exact, role by prefix; organizations: a prediction
matches a gold organization when one of its forms equals one of the gold surface forms or
reaches rapidfuzz ratio >= 92 with one (abbreviations KTCK, UBND, BCH, BĐBP, BQL expanded);
each gold organization is matched once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .models import ArticleRecord, ExtractError
from .text import fold_key

__all__ = ["FIELDS", "FieldScore", "Report", "load_gold", "score", "score_documents"]

FIELDS = ("published", "authors", "dates", "people", "titles", "organizations",
          "gate_pairs", "markers")

_GUIDE_ABBR = [("KTCK", "kinh tế cửa khẩu"), ("UBND", "ủy ban nhân dân"),
               ("BĐBP", "bộ đội biên phòng"), ("BCH", "bộ chỉ huy"), ("BQL", "ban quản lý")]
_ABBR = [(re.compile(rf"(?<!\w){a}(?!\w)", re.IGNORECASE), b) for a, b in _GUIDE_ABBR]


def norm(s: str) -> str:
    return fold_key(s)


def norm_org(s: str) -> str:
    for pat, long in _ABBR:
        s = pat.sub(long, s)
    return fold_key(s)


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, value)
    extras: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    fields: dict[str, FieldScore]
    documents: int
    missing: list[str]  # gold documents with no prediction

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "missing_documents": self.missing,
            "fields": {
                k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4),
                    "f1": round(v.f1, 4), "tp": v.tp, "fp": v.fp, "fn": v.fn,
                    "misses": [list(x) for x in v.misses],
                    "extras": [list(x) for x in v.extras]}
                for k, v in self.fields.items()
            },
        }


def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Gold annotation files (``*.json``, GUIDE.md's shape) by doc_id."""
    out: dict[str, dict[str, Any]] = {}
    paths = sorted(Path(gold_dir).glob("*.json"))
    if not paths:
        raise ExtractError(f"no gold files (*.json) in {gold_dir}", stage="evaluate")
    for p in paths:
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ExtractError(f"{p}: {e}", stage="evaluate") from e
        if not isinstance(data, dict):
            raise ExtractError(f"{p}: not a JSON object", stage="evaluate")
        out[str(data.get("doc_id") or p.stem)] = data
    return out


def prediction_view(record: ArticleRecord) -> dict[str, Any]:
    """A record in the gold shape, organizations with all their forms."""
    return {
        "doc_id": record.doc_id,
        "published": record.published,
        "authors": list(record.authors),
        "dates": [d.value for d in record.dates],
        "people": [p.name for p in record.people],
        "titles": [[t.person, t.title] for t in record.titles],
        "organizations": [[o.name, *o.aliases, *(m.text for m in o.mentions)]
                          for o in record.organizations],
        "gate_pairs": [[g.vn, g.cn] for g in record.gate_pairs],
        "markers": [m.value for m in record.markers],
    }


def _set_field(fs: FieldScore, doc: str, gold: Iterable[str], pred: Iterable[str],
               key: Any = norm) -> None:
    g = {key(x): x for x in gold}
    p = {key(x): x for x in pred}
    for k, v in g.items():
        if k in p:
            fs.tp += 1
        else:
            fs.fn += 1
            fs.misses.append((doc, v))
    for k, v in p.items():
        if k not in g:
            fs.fp += 1
            fs.extras.append((doc, v))


def _titles(fs: FieldScore, doc: str, gold: Sequence[Sequence[str]],
            pred: Sequence[Sequence[str]]) -> None:
    preds = list({(norm(p), norm(t)): (p, t) for p, t in pred}.items())
    used = [False] * len(preds)
    for person, role in gold:
        gp, gr = norm(person), norm(role)
        hit = next((i for i, ((pp, pt), _) in enumerate(preds)
                    if not used[i] and pp == gp and pt == gr), None)
        if hit is None:
            hit = next((i for i, ((pp, pt), _) in enumerate(preds)
                        if not used[i] and pp == gp and pt.startswith(gr)), None)
        if hit is None:
            fs.fn += 1
            fs.misses.append((doc, f"{person} | {role}"))
        else:
            used[hit] = True
            fs.tp += 1
    for i, (_, (p, t)) in enumerate(preds):
        if not used[i]:
            fs.fp += 1
            fs.extras.append((doc, f"{p} | {t}"))


def _org_match(pred_forms: list[str], gold_forms: list[str]) -> bool:
    if set(pred_forms) & set(gold_forms):
        return True
    return any(fuzz.ratio(p, g) >= 92 for p in pred_forms for g in gold_forms)


def _organizations(fs: FieldScore, doc: str, gold: Sequence[Sequence[str]],
                   pred: Sequence[Sequence[str]]) -> None:
    gold_forms = [[norm_org(x) for x in g] for g in gold]
    used = [False] * len(gold)
    for p in pred:
        forms = [norm_org(x) for x in p]
        hit = next((i for i, g in enumerate(gold_forms)
                    if not used[i] and set(forms) & set(g)), None)
        if hit is None:
            hit = next((i for i, g in enumerate(gold_forms)
                        if not used[i] and _org_match(forms, g)), None)
        if hit is None:
            fs.fp += 1
            fs.extras.append((doc, p[0]))
        else:
            used[hit] = True
            fs.tp += 1
    for i, g in enumerate(gold):
        if not used[i]:
            fs.fn += 1
            fs.misses.append((doc, g[0]))


def score_documents(gold: dict[str, dict[str, Any]],
                    predicted: dict[str, dict[str, Any]]) -> Report:
    """Score predictions (gold-shaped dicts by doc_id) against gold."""
    fields = {f: FieldScore() for f in FIELDS}
    missing = []
    for doc_id in sorted(gold):
        g = gold[doc_id]
        p = predicted.get(doc_id)
        if p is None:
            missing.append(doc_id)
            p = {}
        gp, pp = g.get("published"), p.get("published")
        _set_field(fields["published"], doc_id, [gp] if gp else [], [pp] if pp else [],
                   key=str)
        _set_field(fields["authors"], doc_id, g.get("authors", []), p.get("authors", []))
        _set_field(fields["dates"], doc_id, g.get("dates", []), p.get("dates", []), key=str)
        _set_field(fields["people"], doc_id, g.get("people", []), p.get("people", []))
        _titles(fields["titles"], doc_id, g.get("titles", []), p.get("titles", []))
        _organizations(fields["organizations"], doc_id, g.get("organizations", []),
                       p.get("organizations", []))
        _set_field(fields["gate_pairs"], doc_id, [" || ".join(x) for x in
                                                  g.get("gate_pairs", [])],
                   [" || ".join(x) for x in p.get("gate_pairs", [])])
        _set_field(fields["markers"], doc_id, g.get("markers", []), p.get("markers", []),
                   key=str)
    return Report(fields=fields, documents=len(gold), missing=missing)


def score(gold_dir: str | Path, records: Iterable[ArticleRecord]) -> Report:
    """Score records against the gold files in ``gold_dir``."""
    predicted = {r.doc_id: prediction_view(r) for r in records}
    return score_documents(load_gold(gold_dir), predicted)
