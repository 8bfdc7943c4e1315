"""Views for users of the output: entity rows, notebook HTML, DataFrames, spaCy Docs."""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

import extract
from extract.display import highlight_html, record_html
from extract.models import ArticleRecord, ExtractError
from extract.views import KINDS, Entity, entities, load_text

from .conftest import ROOT

OUT = ROOT / "out" / "seeds.jsonl"


@pytest.fixture(scope="module")
def records() -> list[ArticleRecord]:
    return extract.read_jsonl(OUT)


class _Tags(HTMLParser):
    """Checks spans are balanced and collects the text outside labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.in_label = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "span"
        self.depth += 1
        if ("class", "xt-lbl") in attrs:
            self.in_label = self.depth

    def handle_endtag(self, tag: str) -> None:
        assert self.depth > 0
        if self.in_label == self.depth:
            self.in_label = 0
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.in_label:
            self.text.append(data)


def _ent(start: int, end: int, kind: str = "org", text: str = "") -> Entity:
    return Entity("d", kind, start, end, text, f"v{start}-{end}", "rule", 1.0)


@given(st.text(alphabet="ab <&>\"'\nđ", min_size=1, max_size=40), st.data())
def test_highlight_is_well_formed_and_keeps_text(text: str, data: st.DataObject) -> None:
    # Any overlap pattern (nested, crossing, identical spans) gives balanced markup whose
    # text, labels aside, is the article itself, escaped.
    n = len(text)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=6))
    kinds = list(KINDS.values())
    ents = [_ent(min(a, b), max(a, b), kinds[i % len(kinds)]) for i, (a, b) in
            enumerate(pairs)]
    out = highlight_html(text, ents)
    parser = _Tags()
    parser.feed(out)
    parser.close()
    assert parser.depth == 0
    assert "".join(parser.text) == text
    assert "<script" not in out.replace("&lt;script", "")


@pytest.mark.parametrize(("ents", "expected"), [
    pytest.param([_ent(0, 9, "title"), _ent(4, 9, "person")],
                 '<T>Phó <P>Ba Bé<l></P><l></T>', id="name-inside-title"),
    pytest.param([_ent(0, 6, "title"), _ent(4, 9, "person")],
                 '<T>Phó <P>Ba</P><l></T><P> Bé<l></P>', id="crossing-split"),
    pytest.param([], "Phó Ba Bé", id="none"),
])
def test_highlight_nesting(ents: list[Entity], expected: str) -> None:
    out = highlight_html("Phó Ba Bé", ents)
    short = re.sub(r'<span class="xt-ent xt-k-(\w)\w*"[^>]*>', lambda m: f"<{m[1].upper()}>",
                   out)
    short = re.sub(r'<span class="xt-lbl">\w+</span>', "<l>", short)
    short = re.sub(r"</span>", "</X>", short)
    # Close tags are positional; map each back to the element it closes.
    stack: list[str] = []
    result = []
    for tok in re.split(r"(<[^>]+>)", short):
        if re.fullmatch(r"<[A-Z]>", tok):
            stack.append(tok[1])
            result.append(tok)
        elif tok == "</X>":
            result.append(f"</{stack.pop()}>")
        else:
            result.append(tok)
    assert "".join(result) == expected


def test_record_html_escapes_and_shows_every_kind(records: list[ArticleRecord]) -> None:
    r = records[1]
    page = r._repr_html_()
    for e in entities(r):
        assert f'data-value="{html.escape(e.value)}"' in page
    evil = ArticleRecord(doc_id="<b>x</b>", source="", title="<script>alert(1)</script>")
    out = record_html(evil, text="<i>")
    assert "<script>alert" not in out and "&lt;script&gt;" in out and "&lt;i&gt;" in out


def test_load_text_refuses_a_text_that_does_not_match(records: list[ArticleRecord]) -> None:
    r = next(r for r in records if r.dates)
    assert load_text(r) is not None
    assert load_text(r, "x" * 5000) is None
    assert "not found" in record_html(r, "x" * 5000)


@pytest.mark.parametrize("kind", [*KINDS, *KINDS.values()])
def test_to_frame_rows_are_grounded(records: list[ArticleRecord], kind: str) -> None:
    df = extract.to_frame(records, kind=kind)
    k = KINDS.get(kind, kind)
    assert len(df) == sum(len(entities(r, k)) for r in records)
    texts = {r.doc_id: load_text(r) for r in records}
    for row in df.itertuples():
        source = texts[row.doc_id]
        assert source is not None and source[row.start:row.end] == row.text
        assert row.kind == k


def test_to_frame_unknown_kind(records: list[ArticleRecord]) -> None:
    with pytest.raises(ExtractError, match="unknown kind"):
        extract.to_frame(records, kind="cats")


def test_to_spacy_spans_match_offsets(records: list[ArticleRecord]) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("xx")
    for r in records:
        doc = r.to_spacy(nlp)
        source = load_text(r)
        assert doc.text == source
        got = {(s.start_char, s.end_char, s.label_) for s in doc.spans["extract"]}
        assert got == {(e.start, e.end, e.kind.upper()) for e in entities(r)}
        ents = list(doc.ents)
        assert all(a.end <= b.start for a, b in itertools.pairwise(ents))


def test_to_spacy_without_text_is_an_error() -> None:
    spacy = pytest.importorskip("spacy")
    r = ArticleRecord(doc_id="x", source="/nonexistent/file.txt")
    with pytest.raises(ExtractError, match="not found"):
        r.to_spacy(spacy.blank("xx"))
    assert len(r.to_spacy(spacy.blank("xx"), text="Ngày 20/3")) > 0


def test_api_roundtrip_and_jobs_pass_through() -> None:
    paths = sorted((ROOT / "seeds").glob("*.txt"))[:2]
    one = list(extract.extract_many(paths))
    two = list(extract.extract_many(paths, jobs=2))
    assert one == two == [extract.extract_file(p) for p in paths]
    with pytest.raises(ExtractError):
        list(extract.extract_many(paths, jobs=0))
