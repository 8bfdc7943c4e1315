"""Text normalization for matching, with an offset map back to the decoded source.

Recognizers work on a *normalized* copy of the article: NFC, one canonical tone placement,
dash and space variants folded, site furniture blanked.  Every position in that copy maps
back to a position in the source text, so every span the recognizers report can be grounded
in the source (``source[start:end] == text``).

Most changes keep the length (a tone-placement fix swaps two characters' marks, a dash is a
dash), so for an NFC source the map is the identity and costs nothing.  Only composition of
decomposed (NFD) input and dropped invisible characters change lengths; then an explicit map
is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "LOWER",
    "UPPER",
    "NormText",
    "alternation",
    "canonical_tones",
    "fold",
    "fold_key",
    "normalize",
    "one_syllable",
    "strip_span",
]

# Vietnamese has two conventions for the tone mark in the open syllables -oa, -oe, -uy:
# old style "hoà, thoả, Uỷ" puts it on the second vowel, new style "hòa, thỏa, Ủy" on the
# first.  Portals mix both, sometimes in one article, so matching must see one form.  We
# pick the new style.  The swap applies only when the pair ends the syllable: with a final
# consonant ("hoàng", "thuyết") both conventions agree on the second vowel, and in "quý"
# the u belongs to the consonant qu-, so the mark stays on y.
# Vietnamese letters by case, for character classes ("À-Ỹ" would mix both cases).
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_VN_LETTER = UPPER + LOWER


def _with_tone(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _split_tone(ch: str) -> tuple[str, str]:
    d = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in d if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    return base, tone


def _tone_class(vowels: str) -> str:
    out = []
    for b in vowels:
        out.append(b)
        for t in _TONES:
            out.append(_with_tone(b, t))
    return "".join(out)


_OLD_STYLE = re.compile(
    rf"(?<![{_VN_LETTER}])([{_VN_LETTER}]*?)"
    rf"(?:(?P<o>[oO])(?P<a>[{_tone_class('aAeE')}])|(?P<u>[uU])(?P<y>[{_tone_class('yY')}]))"
    rf"(?![{_VN_LETTER}])"
)


def _fix_tone(m: re.Match[str]) -> str:
    prefix = m.group(1)
    first = m.group("o") or m.group("u")
    second = m.group("a") or m.group("y")
    base2, tone = _split_tone(second)
    if not tone:
        return m.group(0)
    if m.group("u") and prefix[-1:] in ("q", "Q"):
        return m.group(0)  # "quý": u is part of the consonant qu-
    return prefix + _with_tone(first, tone) + base2


_OLD_PAIR = re.compile(f"[oO][{_tone_class('aAeE')}]|[uU][{_tone_class('yY')}]")


def canonical_tones(text: str) -> str:
    """Move the tone mark of open -oa/-oe/-uy syllables to the first vowel; keeps length."""
    if not _OLD_PAIR.search(text):
        return text  # most text has no candidate pair at all: skip the word-level pass
    return _OLD_STYLE.sub(_fix_tone, text)


# Dashes and spaces that portals use interchangeably.  Each maps to one character, so the
# fold keeps the length.
_CHAR_FOLD = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
    "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ",
    "\u3000": " ", "\t": " ", "\r": " ", "\x0b": " ", "\x0c": " ",
    # Line ends other than LF (NEL, the Unicode line and paragraph separators) are line
    # ends: bylines and datelines are found line by line.  A CR alone is one too (old Mac
    # files); a CR before LF stays a space, so CRLF files keep their line numbers.
    "\x85": "\n", "\u2028": "\n", "\u2029": "\n",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
}
_FOLD_TABLE = str.maketrans(_CHAR_FOLD)
# Invisible characters that can sit inside a word; they are dropped (length changes).
# U+FE0E/U+FE0F (variation selectors, pasted from emoji keyboards) are among them: left in,
# they cut a name in two.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f")
_LONE_CR = re.compile(r"\r(?!\n)")


def _fold(text: str) -> str:
    """The one-character folds of :data:`_CHAR_FOLD`, a lone CR made a line end."""
    if "\r" in text:
        text = _LONE_CR.sub("\n", text)
    return text.translate(_FOLD_TABLE)
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE))


@dataclass(frozen=True)
class NormText:
    """The normalized text and the map from its positions to source positions."""

    source: str
    text: str
    # starts[i] is the source offset where normalized char i begins; ends[i] where it ends.
    # None when the map is the identity.
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized [start, end) to the source [start, end)."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.source)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def normalize(source: str) -> NormText:
    """NFC, canonical tone placement, folded dashes/spaces; offsets map back to ``source``."""
    if unicodedata.is_normalized("NFC", source) and _INVISIBLE.isdisjoint(source):
        text = canonical_tones(_fold(source))
        return NormText(source=source, text=text)
    # General path: compose each cluster (a base character with its combining marks)
    # separately, so each output character knows which source characters it came from.
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(source)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(source[j]):
            j += 1
        cluster = source[i:j]
        if cluster in _INVISIBLE:
            i = j
            continue
        composed = unicodedata.normalize("NFC", cluster)
        for ch in composed:
            pieces.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    text = canonical_tones(_fold("".join(pieces)))
    return NormText(source=source, text=text, starts=tuple(starts), ends=tuple(ends))


_SPACES = re.compile(r"\s+")
_DASH_SPACES = re.compile(r"\s*-\s*")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so prefixes never win)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Canonical form of a value: NFC, tones, dashes and spaces folded (case kept)."""
    t = canonical_tones(unicodedata.normalize("NFC", text).translate(_FOLD_TABLE))
    t = t.translate(_DROP_INVISIBLE)
    t = _DASH_SPACES.sub(" - ", t)
    return _SPACES.sub(" ", t).strip()


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """Comparison key: :func:`fold` then casefold, dashes without spaces."""
    return _DASH_SPACES.sub("-", fold(text)).casefold()


_VOWELS = "aeiouy"
_ONE_SYLLABLE = re.compile(rf"[^{_VOWELS}]*[{_VOWELS}]+[^{_VOWELS}]*")


@lru_cache(maxsize=65536)
def one_syllable(word: str) -> bool:
    """Written like one Vietnamese syllable: a single run of vowels ("Nguyễn", "Quang",
    "Khuê"), as every word of a Vietnamese name is; "Analytic", "Admin" are not."""
    base = "".join(c for c in unicodedata.normalize("NFD", word.casefold())
                   if not unicodedata.combining(c)).replace("đ", "d")
    return _ONE_SYLLABLE.fullmatch(base) is not None
