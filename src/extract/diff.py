"""Differences between two extraction outputs, per document and per field.

Items are compared by their normalized value (a person's name, a date's ISO value, a gate
pair's two names), so a change that only moves offsets (an edited header line above the
body) is not reported unless ``spans=True``.  A key present on both sides whose other
normalized fields differ (side, organization, gazetteer id ...) is a change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .models import ArticleRecord, ExtractError

__all__ = ["FIELDS", "DiffReport", "DocDiff", "FieldDiff", "diff_records", "render_markdown",
           "render_text"]

FIELDS = ["title", "published", "authors", "dates", "people", "titles", "organizations",
          "gate_pairs", "gates", "markers", "errors"]

# The normalized identity of an item per field; the remaining non-span fields are compared
# as its attributes.
_KEYS: dict[str, tuple[str, ...]] = {
    "dates": ("value",),
    "people": ("name",),
    "titles": ("person", "title"),
    "organizations": ("name",),
    "gate_pairs": ("vn", "cn"),
    "gates": ("name",),
    "markers": ("value",),
    "errors": ("stage", "message"),
}
_SPAN = {"text", "start", "end", "method", "confidence", "mentions"}


@dataclass
class FieldDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)  # key, old, new

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class DocDiff:
    doc_id: str
    status: str  # "changed", "only-old", "only-new"
    fields: dict[str, FieldDiff] = field(default_factory=dict)


@dataclass
class DiffReport:
    docs: list[DocDiff]
    compared: int
    spans: bool

    @property
    def equal(self) -> bool:
        return not self.docs

    def counts(self) -> dict[str, dict[str, int]]:
        out = {f: {"added": 0, "removed": 0, "changed": 0} for f in FIELDS}
        for d in self.docs:
            for f, fd in d.fields.items():
                out[f]["added"] += len(fd.added)
                out[f]["removed"] += len(fd.removed)
                out[f]["changed"] += len(fd.changed)
        return {f: c for f, c in out.items() if any(c.values())}

    def as_dict(self) -> dict[str, Any]:
        return {
            "equal": self.equal,
            "compared": self.compared,
            "spans": self.spans,
            "documents": [
                {"doc_id": d.doc_id, "status": d.status,
                 "fields": {f: {"added": fd.added, "removed": fd.removed,
                                "changed": [{"key": k, "old": o, "new": n}
                                            for k, o, n in fd.changed]}
                            for f, fd in d.fields.items()}}
                for d in self.docs],
            "counts": self.counts(),
        }


def _fmt(v: Any) -> str:
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def _items(record: ArticleRecord, fname: str, spans: bool) -> dict[str, list[str]]:
    """key → sorted attribute strings (a list: the same key may occur more than once)."""
    value = getattr(record, fname)
    if fname in ("title", "published"):
        # A scalar: a new value is a change of the field, not an addition.
        return {} if value is None else {fname: [value]}
    if fname == "authors":
        return {a: [""] for a in value}
    out: dict[str, list[str]] = {}
    for item in value:
        d = item.model_dump(mode="json")
        key = " – ".join(str(d[k]) for k in _KEYS[fname])
        attrs = {k: v for k, v in d.items() if k not in _SPAN and k not in _KEYS[fname]}
        if spans:
            mentions = d.get("mentions") or [d]
            attrs["spans"] = [[m["start"], m["end"]] for m in mentions]
        out.setdefault(key, []).append(_fmt(attrs) if attrs else "")
    return {k: sorted(v) for k, v in out.items()}


def _field_diff(old: ArticleRecord, new: ArticleRecord, fname: str, spans: bool) -> FieldDiff:
    a, b = _items(old, fname, spans), _items(new, fname, spans)
    fd = FieldDiff()
    for k in sorted(a.keys() - b.keys()):
        fd.removed.append(k)
    for k in sorted(b.keys() - a.keys()):
        fd.added.append(k)
    for k in sorted(a.keys() & b.keys()):
        if a[k] != b[k]:
            fd.changed.append((k, "; ".join(a[k]), "; ".join(b[k])))
    return fd


def _index(records: Sequence[ArticleRecord], side: str) -> dict[str, ArticleRecord]:
    out: dict[str, ArticleRecord] = {}
    for r in records:
        if r.doc_id in out:
            raise ExtractError(f"{side}: doc_id {r.doc_id!r} appears twice", stage="diff")
        out[r.doc_id] = r
    return out


def diff_records(old: Sequence[ArticleRecord], new: Sequence[ArticleRecord], *,
                 spans: bool = False) -> DiffReport:
    """Match records by doc_id and compare each field; documents in doc_id order."""
    a, b = _index(old, "old"), _index(new, "new")
    docs: list[DocDiff] = []
    for doc_id in sorted(a.keys() | b.keys()):
        if doc_id not in b:
            docs.append(DocDiff(doc_id, "only-old"))
            continue
        if doc_id not in a:
            docs.append(DocDiff(doc_id, "only-new"))
            continue
        fields = {f: fd for f in FIELDS if (fd := _field_diff(a[doc_id], b[doc_id], f, spans))}
        if fields:
            docs.append(DocDiff(doc_id, "changed", fields))
    return DiffReport(docs, len(a.keys() & b.keys()), spans)


# Characters that must not reach a terminal or a CI log raw: C0/C1 controls (newlines
# would start lines of their own, e.g. a GitHub "::error" workflow command; ESC starts
# terminal sequences), DEL, the Unicode line/paragraph separators and the bidirectional
# overrides that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069]")


def _esc(m: re.Match[str]) -> str:
    c = m.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
        f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def _printable(s: str) -> str:
    """A value as one printable line: control characters shown as escapes (``\\n``)."""
    return _UNSAFE.sub(_esc, s)


def render_text(report: DiffReport, colour: bool = False) -> str:
    """Plain lines for a terminal or a CI log; ANSI colours when ``colour``.

    Every value (doc_ids are file names, values come from the articles) is printed with
    its control characters escaped, so no input can add lines or terminal codes."""
    def c(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if colour else s

    lines: list[str] = []
    for d in report.docs:
        doc = _printable(d.doc_id)
        if d.status == "only-old":
            lines.append(c("31", f"- {doc}: only in OLD"))
            continue
        if d.status == "only-new":
            lines.append(c("32", f"+ {doc}: only in NEW"))
            continue
        lines.append(c("1", f"~ {doc}"))
        for f, fd in d.fields.items():
            for v in fd.removed:
                lines.append(c("31", f"    - {f}: {_printable(v)}"))
            for v in fd.added:
                lines.append(c("32", f"    + {f}: {_printable(v)}"))
            for k, o, n in fd.changed:
                lines.append(c("33", f"    ~ {f}: {_printable(k)}: {_printable(o)} → "
                                     f"{_printable(n)}"))
    lines.append(_summary(report))
    for f, cnt in report.counts().items():
        lines.append(f"  {f:<14} +{cnt['added']} -{cnt['removed']} ~{cnt['changed']}")
    return "\n".join(lines)


def _summary(report: DiffReport) -> str:
    if report.equal:
        return f"no differences ({report.compared} documents compared)"
    only = sum(d.status != "changed" for d in report.docs)
    return (f"{len(report.docs)} documents differ ({report.compared} compared"
            + (f", {only} on one side only" if only else "") + ")")


# Markdown punctuation that could open a link, an image, a code span, emphasis, an HTML
# tag or an entity, or end a table cell; each is backslash-escaped (CommonMark renders
# "\\[" as "[").  "-", "." and "+" only matter at a line start, where no value is put.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~&])")


def _md(s: str) -> str:
    """A value as inert markdown text on one line."""
    return _MD_SPECIAL.sub(r"\\\1", _printable(s))


def render_markdown(report: DiffReport) -> str:
    """A pull-request comment: summary, counts table, then one section per document."""
    lines = ["### Extraction diff", "", _summary(report)]
    counts = report.counts()
    if counts:
        lines += ["", "| field | added | removed | changed |", "|---|---:|---:|---:|"]
        lines += [f"| {f} | {c['added']} | {c['removed']} | {c['changed']} |"
                  for f, c in counts.items()]
    for d in report.docs:
        lines += ["", f"#### {_md(d.doc_id)}"]
        if d.status != "changed":
            lines.append(f"only in {'OLD' if d.status == 'only-old' else 'NEW'}")
            continue
        for f, fd in d.fields.items():
            lines += [f"- **{f}**: " + ", ".join(
                [f"➕ {_md(v)}" for v in fd.added] + [f"➖ {_md(v)}" for v in fd.removed]
                + [f"✏️ {_md(k)}: {_md(o)} → {_md(n)}" for k, o, n in fd.changed])]
    return "\n".join(lines)
