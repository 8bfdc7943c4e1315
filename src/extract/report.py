"""The review page: one self-contained HTML file over an output JSONL.

No network at view time (inline CSS and JS, no CDN, no fonts), so the page can be attached
to a CI run or mailed.  It lists the articles, shows each article's text with entities
highlighted by kind (hover: normalized value, method, confidence), one table per kind
across the corpus, and filters by kind and by document.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from .display import COLOURS, CSS, highlight_html, meetings_html, tables_html
from .models import ArticleRecord
from .views import KINDS, entities, load_text, meeting_triggers

__all__ = ["render_report", "write_report"]

_PAGE_CSS = """
body{font-family:sans-serif;margin:0;display:flex;color:#222}
nav{width:17em;flex:none;padding:1em;border-right:1px solid #ddd;height:100vh;overflow:auto;
position:sticky;top:0;box-sizing:border-box;font-size:13px}
nav a{display:block;margin:.2em 0;color:#135;text-decoration:none}
main{padding:1em 2em;flex:auto;min-width:0}
.filters label{display:block;margin:.15em 0}
article{border-bottom:1px solid #ddd;padding-bottom:1em;margin-bottom:1em}
.hidden{display:none}
"""

# Filters: unchecking a kind adds class "off-KIND" to <body>; CSS then drops that kind's
# highlight and its table rows.  The document filter hides other articles and rows.
_JS = """
(function(){
  function apply(){
    var doc=document.getElementById('doc-filter').value;
    document.querySelectorAll('.kind-filter').forEach(function(cb){
      document.body.classList.toggle('off-'+cb.value,!cb.checked);
    });
    document.querySelectorAll('article').forEach(function(a){
      a.classList.toggle('hidden',doc!=='' && a.dataset.doc!==doc);
    });
    document.querySelectorAll('tr[data-doc]').forEach(function(tr){
      tr.classList.toggle('hidden',doc!=='' && tr.dataset.doc!==doc);
    });
  }
  document.querySelectorAll('.kind-filter,#doc-filter').forEach(function(el){
    el.addEventListener('change',apply);
  });
  apply();
})();
"""


def _kind_css() -> str:
    rules = []
    for k in COLOURS:
        rules.append(f"body.off-{k} .xt-k-{k}.xt-ent{{background:none;border-bottom:none}}"
                     f"body.off-{k} .xt-k-{k} > .xt-lbl{{display:none}}"
                     f"body.off-{k} tr.row-{k},body.off-{k} section.tbl-{k}{{display:none}}")
    return "\n".join(rules)


def render_report(records: Sequence[ArticleRecord], *, title: str = "Extraction review",
                  texts: dict[str, str] | None = None) -> str:
    """The page as a string.  Article texts come from ``texts`` (doc_id → text) or from
    each record's source path; an article whose text is missing gets its tables only."""
    texts = texts or {}
    nav = ["<h3>Filters</h3><div class='filters'><b>kinds</b>"]
    for k in COLOURS:
        nav.append(f"<label><input type='checkbox' class='kind-filter' value='{k}' checked> "
                   f"<span class='xt-key xt-k-{k}'>{k}</span></label>")
    nav.append("<b>document</b><br><select id='doc-filter'><option value=''>all</option>")
    nav += [f"<option value='{escape(r.doc_id)}'>{escape(r.doc_id)}</option>" for r in records]
    nav.append("</select></div><h3>Articles</h3>")
    nav += [f"<a href='#doc-{escape(r.doc_id)}'>{escape(r.title or r.doc_id)}</a>"
            for r in records]

    arts: list[str] = []
    for r in records:
        text = load_text(r, texts.get(r.doc_id))
        # Meetings: their table above the text, their trigger words highlighted in it.
        body = (f"<div class='xt-text'>{highlight_html(text, entities(r) + meeting_triggers(r))}"
                "</div>" if text is not None else "<p><i>article text not found</i></p>")
        arts.append(f"<article id='doc-{escape(r.doc_id)}' data-doc='{escape(r.doc_id)}'>"
                    f"<h2>{escape(r.title or r.doc_id)}</h2>"
                    f"{meetings_html(r)}"
                    f"<details><summary>record</summary>{tables_html(r)}</details>{body}"
                    "</article>")

    tables: list[str] = []
    for fname, k in KINDS.items():
        rows = [e for r in records for e in entities(r, k)]
        trs = "".join(
            f"<tr class='row-{k}' data-doc='{escape(e.doc_id)}'><td>{escape(e.doc_id)}</td>"
            f"<td>{escape(e.value)}</td><td>{escape(e.text)}</td><td>{e.start}–{e.end}</td>"
            f"<td>{e.method}</td><td>{e.confidence:.2f}</td></tr>" for e in rows)
        tables.append(
            f"<section class='tbl-{k}'><h3><span class='xt-key xt-k-{k}'>{k}</span>{fname} "
            f"({len(rows)})</h3><table class='xt-table' id='table-{k}'><tr><th>doc</th>"
            f"<th>value</th><th>text</th><th>offsets</th><th>method</th><th>confidence</th>"
            f"</tr>{trs}</table></section>")

    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{CSS}\n{_PAGE_CSS}\n{_kind_css()}</style>"
        f"</head><body><nav>{''.join(nav)}</nav><main><h1>{escape(title)}</h1>"
        f"<p>{len(records)} articles</p>{''.join(arts)}<h2>Tables</h2>{''.join(tables)}"
        f"</main><script>{_JS}</script></body></html>\n")


def write_report(records: Sequence[ArticleRecord], path: Path,
                 title: str = "Extraction review") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(records, title=title), encoding="utf-8")
