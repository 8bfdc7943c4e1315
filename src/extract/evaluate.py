"""Scoring output against gold annotations, by the rules at the end of GUIDE.md.

Per field: precision, recall and F1 over the union of gold documents, each document's
values compared as sets after normalization (NFC, canonical tones, casefold, whitespace and
dash spacing folded).  People, authors, gate pairs: exact after normalization; dates and
markers: exact strings; titles: person exact, role by prefix; organizations: a prediction
matches a gold organization when one of its forms equals one of the gold surface forms or
reaches rapidfuzz ratio >= 92 with one (abbreviations KTCK, UBND, BCH, BĐBP, BQL expanded);
each gold organization is matched once.

Meetings (scored only for gold documents that have a ``meetings`` key) are three flattened
sets per document: meeting dates (``meetings``), ``(date, side, organization)``
(``meeting_parties``, the organization matched as in organizations, with the surface forms
the gold file lists for it) and ``(date, side, person)`` (``meeting_people``).
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

__all__ = ["FIELDS", "MEETING_FIELDS", "FieldScore", "Report", "load_gold", "score",
           "score_documents"]

MEETING_FIELDS = ("meetings", "meeting_parties", "meeting_people")
FIELDS = ("published", "authors", "dates", "people", "titles", "organizations",
          "gate_pairs", "markers", *MEETING_FIELDS)

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
    meeting_documents: int = 0  # gold documents with a ``meetings`` key

    def shown_fields(self) -> list[str]:
        """The fields scored: meetings only when some gold document annotates them."""
        return [f for f in FIELDS if f not in MEETING_FIELDS or self.meeting_documents]

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "missing_documents": self.missing,
            "meeting_documents": self.meeting_documents,
            "fields": {
                k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4),
                    "f1": round(v.f1, 4), "tp": v.tp, "fp": v.fp, "fn": v.fn,
                    "misses": [list(x) for x in v.misses],
                    "extras": [list(x) for x in v.extras]}
                for k, v in self.fields.items() if k in self.shown_fields()
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
        "meetings": [
            {"kind": m.kind, "date": m.date, "place": m.place,
             "parties": [[p.side, p.organization] for p in m.parties],
             "people": [[q.side, q.name] for q in m.people],
             # Every form of each party's organization entry, for matching as organizations.
             "party_forms": [_forms(record, p.index) for p in m.parties]}
            for m in record.meetings],
    }


def _forms(record: ArticleRecord, index: int) -> list[str]:
    if not 0 <= index < len(record.organizations):
        return []
    o = record.organizations[index]
    return [o.name, *o.aliases, *(m.text for m in o.mentions)]


_NO_DATE = "(no date)"


def _meeting_date(m: dict[str, Any]) -> str:
    return str(m.get("date") or _NO_DATE)


def _gold_party_forms(gold_doc: dict[str, Any], name: str) -> list[str]:
    """The gold party's name and the other forms of its entry in the gold organizations."""
    key = norm_org(name)
    for forms in gold_doc.get("organizations", []):
        if key in {norm_org(f) for f in forms}:
            return [name, *forms]
    return [name]


def _meetings(fields: dict[str, FieldScore], doc: str, gold_doc: dict[str, Any],
              pred_doc: dict[str, Any]) -> None:
    gold = gold_doc.get("meetings") or []
    pred = pred_doc.get("meetings") or []
    _set_field(fields["meetings"], doc, [_meeting_date(m) for m in gold],
               [_meeting_date(m) for m in pred], key=str)
    _set_field(fields["meeting_people"], doc,
               [f"{_meeting_date(m)} | {side} | {name}" for m in gold
                for side, name in m.get("people", [])],
               [f"{_meeting_date(m)} | {side} | {name}" for m in pred
                for side, name in m.get("people", [])])
    # Parties: per (date, side), organizations matched one to one as in organizations.
    gold_groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    for m in gold:
        for side, name in m.get("parties", []):
            group = gold_groups.setdefault((_meeting_date(m), str(side)), {})
            group.setdefault(norm_org(name), _gold_party_forms(gold_doc, name))
    pred_groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    for m in pred:
        forms_list = m.get("party_forms") or [[n] for _, n in m.get("parties", [])]
        for (side, name), forms in zip(m.get("parties", []), forms_list, strict=False):
            group = pred_groups.setdefault((_meeting_date(m), str(side)), {})
            group.setdefault(norm_org(name), [name, *forms])
    fs = fields["meeting_parties"]
    for key in sorted(set(gold_groups) | set(pred_groups)):
        g = list(gold_groups.get(key, {}).values())
        p = list(pred_groups.get(key, {}).values())
        sub = FieldScore()
        _organizations(sub, doc, g, p)
        fs.tp += sub.tp
        fs.fp += sub.fp
        fs.fn += sub.fn
        fs.misses += [(d, f"{key[0]} | {key[1]} | {v}") for d, v in sub.misses]
        fs.extras += [(d, f"{key[0]} | {key[1]} | {v}") for d, v in sub.extras]


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
    meeting_documents = 0
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
        if "meetings" in g:  # a gold file without the key is not scored for meetings
            meeting_documents += 1
            _meetings(fields, doc_id, g, p)
    return Report(fields=fields, documents=len(gold), missing=missing,
                  meeting_documents=meeting_documents)


def score(gold_dir: str | Path, records: Iterable[ArticleRecord]) -> Report:
    """Score records against the gold files in ``gold_dir``."""
    predicted = {r.doc_id: prediction_view(r) for r in records}
    return score_documents(load_gold(gold_dir), predicted)
