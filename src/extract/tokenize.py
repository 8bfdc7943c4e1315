"""Vietnamese tokenization: sentences and words, as spans of the normalized text.

underthesea segments sentences and words (a Vietnamese word is often several syllables:
"Quản lý", "Trung Quốc").  Its output strings are re-spaced and sometimes re-toned, so they
are never used as text: each sentence and word is aligned back onto the article's own
characters, and only those positions are kept.
"""

from __future__ import annotations

import logging
import re

from .document import Document
from .text import fold_key, strip_span

__all__ = ["Tokenizer"]

log = logging.getLogger(__name__)

_SYLLABLE = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_PARA = re.compile(r"[^\n]+")


class Tokenizer:
    """Stage: sentence spans (always) and word spans (when ``words`` is true)."""

    name = "tokenize"

    def __init__(self, words: bool = False) -> None:
        self.words = words
        # Imported here: underthesea takes ~0.4 s to import, paid once per process.
        from underthesea import sent_tokenize, word_tokenize

        self._sent_tokenize = sent_tokenize
        self._word_tokenize = word_tokenize

    def __call__(self, doc: Document) -> None:
        text = doc.text
        sentences: list[tuple[int, int]] = []
        for para in _PARA.finditer(text):
            if not para.group().strip():
                continue
            sentences.extend(self._sentences(text, para.start(), para.end()))
        doc.sentences = sentences
        if self.words:
            words: list[tuple[int, int]] = []
            for s, e in sentences:
                words.extend(self._words(text, s, e))
            doc.words = words

    def _sentences(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        para = text[start:end]
        out: list[tuple[int, int]] = []
        cursor = 0
        for sent in self._sent_tokenize(para):
            head = sent.strip()[:12]
            if not head:
                continue
            found = para.find(head, cursor)
            if found < 0:
                continue  # re-written by the tokenizer; the next sentence resyncs
            if out:
                ps, _ = out[-1]
                out[-1] = (ps, start + found)
            out.append((start + found, end))
            cursor = found + len(head)
        if not out:
            out.append((start, end))
        else:
            _, e0 = out[0]
            out[0] = (start, e0)
        return [strip_span(text, s, e) for s, e in out if text[s:e].strip()]

    def _words(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        syl = [(m.start() + start, m.end() + start) for m in _SYLLABLE.finditer(text[start:end])]
        out: list[tuple[int, int]] = []
        k = 0
        for token in self._word_tokenize(text[start:end]):
            parts = token.split()
            first = k
            for part in parts:
                key = fold_key(part)
                # Resync within a short window if the tokenizer split differently.
                j = k
                while j < min(len(syl), k + 4) and fold_key(text[syl[j][0]:syl[j][1]]) != key:
                    j += 1
                k = (j if j < min(len(syl), k + 4) else k) + 1
                if k > len(syl):
                    break
            if first < len(syl) and k - 1 < len(syl) and k > first:
                out.append((syl[first][0], syl[k - 1][1]))
        return out

