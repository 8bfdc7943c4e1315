"""Records as spaCy Docs, for users of displaCy and of their own spaCy components.

spaCy's Vietnamese tokenizer needs pyvi, which this project does not require, so the Doc is
built directly from words and spaces: the text is cut at every entity boundary as well as
at word/punctuation edges, so each entity maps exactly onto whole tokens whatever ``nlp``
is (``spacy.blank("xx")`` will do; only its vocab and pipeline components are used).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .models import ArticleRecord, ExtractError
from .views import entities, load_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["SPANS_KEY", "to_spacy", "words_and_spaces"]

SPANS_KEY = "extract"
_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")


def words_and_spaces(text: str, cuts: set[int]) -> tuple[list[str], list[bool]]:
    """Tokens of ``text`` (split also at ``cuts``) with spaCy's trailing-space flags."""
    pieces: list[str] = []
    for m in _TOKEN.finditer(text):
        a, b = m.span()
        inner = sorted(c for c in cuts if a < c < b)
        for x, y in zip([a, *inner], [*inner, b], strict=True):
            pieces.append(text[x:y])
    words: list[str] = []
    spaces: list[bool] = []
    for p in pieces:
        # A single space after a token is spaCy's trailing-space flag; other whitespace
        # (newlines, runs of spaces) becomes a token of its own, as spaCy's tokenizer does.
        if p == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            continue
        if p.isspace() and p.startswith(" ") and words and not spaces[-1] \
                and not words[-1].isspace() and 0 not in cuts:
            spaces[-1] = True
            p = p[1:]
        words.append(p)
        spaces.append(False)
    return words, spaces


def to_spacy(record: ArticleRecord, nlp: Any, text: str | None = None) -> Doc:
    """The article as a Doc: all entities in ``doc.spans["extract"]``, non-overlapping ones
    (longest first) in ``doc.ents``; each span's label is its kind (``PERSON``, ``TITLE``,
    ...) and its ``kb_id_`` the normalized value.  ``nlp``'s components are then applied."""
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans

    source = load_text(record, text)
    if source is None:
        raise ExtractError(f"{record.doc_id}: article text not found or does not match "
                           "the record; pass text=", stage="spacy")
    ents = entities(record)
    words, spaces = words_and_spaces(source, {c for e in ents for c in (e.start, e.end)})
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    spans: list[Span] = []
    for e in ents:
        span = doc.char_span(e.start, e.end, label=e.kind.upper(), kb_id=e.value,
                             alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[SPANS_KEY] = spans
    doc.ents = filter_spans(spans)
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
