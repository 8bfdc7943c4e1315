"""HTML views of records: highlighted article text and value tables.

Used by ``ArticleRecord._repr_html_`` (Jupyter) and by the review page (report.py).
Entities may overlap (a title span around a person's name, an organization inside a title),
which displaCy's ``ent`` style cannot show; here every entity is an element of its own and
spans that cross are cut into fragments, so nested highlights stay readable.  Everything
taken from the article or the record is escaped.
"""

from __future__ import annotations

from html import escape

from .models import ArticleRecord
from .views import KINDS, Entity, entities, load_text, meeting_triggers

__all__ = ["COLOURS", "CSS", "highlight_html", "meetings_html", "record_html", "tables_html"]

COLOURS: dict[str, str] = {
    "date": "#ffd98e",
    "person": "#a6e3a1",
    "title": "#cfe0ff",
    "org": "#f5c2e7",
    "gate_pair": "#fab387",
    "gate": "#cbb8ff",
    "marker": "#94e2d5",
    "meeting": "#f9e2af",
}

CSS = "\n".join(
    [
        ".xt-text{white-space:pre-wrap;line-height:2.1;font-family:Georgia,serif;"
        "font-size:15px;max-width:60em}",
        ".xt-ent{border-radius:3px;padding:1px 0;border-bottom:2px solid rgba(0,0,0,.35)}",
        ".xt-ent .xt-ent{padding:0 1px}",
        ".xt-lbl{font:bold 9px sans-serif;vertical-align:super;margin-left:1px;opacity:.75;"
        "text-transform:uppercase}",
        ".xt-table{border-collapse:collapse;font:13px sans-serif;margin:.4em 0 1em}",
        ".xt-table td,.xt-table th{border:1px solid #ccc;padding:2px 6px;text-align:left;"
        "vertical-align:top}",
        ".xt-key{display:inline-block;padding:0 6px;margin-right:4px;border-radius:3px;"
        "font:12px sans-serif}",
    ]
    + [f".xt-k-{k}{{background:{c}}}" for k, c in COLOURS.items()]
)


def _tip(e: Entity) -> str:
    return f"{e.kind}: {e.value} · {e.method} · {e.confidence:.2f}"


def highlight_html(text: str, ents: list[Entity]) -> str:
    """``text`` with each entity wrapped in ``<span class="xt-ent xt-k-KIND">``.

    Entities that start earlier (or are longer) open first, so a title encloses the name
    inside it.  At a position where an open entity ends while an inner one is still open,
    the inner ones are closed and reopened: the markup stays well formed for any overlap.
    """
    ents = sorted(ents, key=lambda e: (e.start, -e.end, e.kind))
    bounds = sorted({0, len(text)} | {e.start for e in ents} | {e.end for e in ents})
    out: list[str] = []
    stack: list[Entity] = []
    pending = list(ents)

    def open_tag(e: Entity) -> str:
        return (f'<span class="xt-ent xt-k-{e.kind}" data-kind="{e.kind}" '
                f'data-value="{escape(e.value)}" title="{escape(_tip(e))}">')

    def close_tag(e: Entity, last: bool) -> str:
        label = f'<span class="xt-lbl">{e.kind}</span>' if last else ""
        return label + "</span>"

    for i, pos in enumerate(bounds):
        # Close everything ending here, reopening survivors that were above them.
        if any(e.end == pos for e in stack):
            reopen: list[Entity] = []
            while any(e.end == pos for e in stack):
                e = stack.pop()
                done = e.end == pos
                out.append(close_tag(e, done))
                if not done:
                    reopen.append(e)
            for e in reversed(reopen):
                out.append(open_tag(e))
                stack.append(e)
        while pending and pending[0].start == pos:
            e = pending.pop(0)
            if e.end == e.start:
                continue
            out.append(open_tag(e))
            stack.append(e)
        if i + 1 < len(bounds):
            out.append(escape(text[pos:bounds[i + 1]]))
    return "".join(out)


def tables_html(record: ArticleRecord) -> str:
    """One small table per kind: value, text, offsets, method, confidence."""
    parts: list[str] = []
    meta = [("doc_id", record.doc_id), ("source", record.source), ("title", record.title),
            ("published", record.published), ("authors", ", ".join(record.authors))]
    parts.append('<table class="xt-table">' + "".join(
        f"<tr><th>{k}</th><td>{escape(str(v or ''))}</td></tr>" for k, v in meta) + "</table>")
    for fname, kind in KINDS.items():
        rows = entities(record, kind)
        if not rows:
            continue
        parts.append(f'<h4><span class="xt-key xt-k-{kind}">{kind}</span>{fname} '
                     f"({len(rows)})</h4>")
        body = "".join(
            f"<tr><td>{escape(e.value)}</td><td>{escape(e.text)}</td>"
            f"<td>{e.start}–{e.end}</td><td>{e.method}</td><td>{e.confidence:.2f}</td></tr>"
            for e in rows)
        parts.append('<table class="xt-table"><tr><th>value</th><th>text</th><th>offsets</th>'
                     f"<th>method</th><th>confidence</th></tr>{body}</table>")
    for err in record.errors:
        parts.append(f"<p><b>error</b> [{escape(err.stage)}] {escape(err.message)}</p>")
    return "".join(parts)


def meetings_html(record: ArticleRecord) -> str:
    """The record's meetings as one table: date, kind, place, VN side, CN side (bodies, and
    the people of that side with the title they held)."""
    if not record.meetings:
        return ""

    def side(m_index: int, s: str) -> str:
        m = record.meetings[m_index]
        bodies = [escape(p.organization) for p in m.parties if p.side == s]
        people = [escape(q.name) + (f" <i>({escape(q.title)})</i>" if q.title else "")
                  for q in m.people if q.side == s]
        return "<br>".join(bodies) + ("<br>— " + ", ".join(people) if people else "")

    rows = "".join(
        f"<tr class='row-meeting' data-doc='{escape(record.doc_id)}'>"
        f"<td>{escape(m.date or '')}</td><td>{escape(m.kind)} ({escape(m.kind_norm.value)})"
        f"</td><td>{escape(m.place or '')}</td><td>{side(i, 'VN')}</td><td>{side(i, 'CN')}"
        "</td></tr>" for i, m in enumerate(record.meetings))
    return (f'<h4><span class="xt-key xt-k-meeting">meeting</span>meetings '
            f"({len(record.meetings)})</h4><table class='xt-table xt-meetings'><tr><th>date</th>"
            "<th>kind</th><th>place</th><th>VN side</th><th>CN side</th></tr>"
            f"{rows}</table>")


def record_html(record: ArticleRecord, text: str | None = None) -> str:
    """The notebook view: legend, highlighted article (when its text is found), tables."""
    source = load_text(record, text)
    legend = "".join(f'<span class="xt-key xt-k-{k}">{k}</span>' for k in COLOURS)
    ents = entities(record) + meeting_triggers(record)
    body = (f'<div class="xt-text">{highlight_html(source, ents)}</div>'
            if source is not None else
            "<p><i>article text not found at the record's source path; "
            "pass it with display.record_html(record, text)</i></p>")
    return (f"<div class=\"xt-record\"><style>{CSS}</style>"
            f"<h3>{escape(record.title or record.doc_id)}</h3><p>{legend}</p>"
            f"{meetings_html(record)}{body}{tables_html(record)}</div>")
