"""Legacy Vietnamese font encodings: TCVN3 (ABC) conversion and VNI detection.

Before Unicode, Vietnamese documents were typed in 8-bit "font encodings": the bytes are
ordinary single-byte text to any charset detector, and only the font made them look
Vietnamese.  TCVN3 (TCVN 5712:1993, the ABC fonts) is still common in provincial documents;
VNI (the VNI-Times fonts) puts a base letter and a separate tone byte.  Both read as
Windows-1252 gibberish ("Cöa khÈu" for "Cửa khẩu"), so they are recognized *after*
decoding, by how much more Vietnamese the converted text is.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["decode_tcvn3", "looks_vni", "vietnamese_score"]

# Bytes 0x80-0xFF of TCVN 5712:1993 (VN3, as in glibc iconv's TCVN5712-1): lowercase letters
# with tones at 0xB5-0xFE, capitals at 0x80-0xAF; 0xB0-0xB4 are the five tone marks alone.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ"
)
# Some capitals with tones sit on control codes in TCVN 5712:1993.
_TCVN3_LOW = {1: "Ú", 2: "Ụ", 4: "Ừ", 5: "Ử", 6: "Ữ", 17: "Ứ", 18: "Ự", 19: "Ỳ", 20: "Ỷ",
               21: "Ỹ", 22: "Ý", 23: "Ỵ"}
_TCVN3_TABLE = {0x80 + i: c for i, c in enumerate(_TCVN3_HIGH)} | {
    b: c for b, c in _TCVN3_LOW.items()}

# Letters that only Vietnamese writes (precomposed, NFC) and the tone-free ones it shares.
_VN_MARKED = set(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)
_VN_MARKED |= {c.upper() for c in _VN_MARKED}
_COMMON = set(" \t\r\n.,;:!?()[]\"'-/%–—“”‘’…·•°«»&+*=#@_")

# VNI writes a vowel followed by a tone or shape byte, e.g. "Vieät Nam", "cuûa", "ñöôïc".
_VNI_WORDS = re.compile(
    r"(?i)\b(?:vieät|cuûa|vaø|ñaõ|ngaøy|nhöõng|ñöôïc|khaåu|cöûa|tænh|trung quoác|ñeán|"
    r"ngöôøi|hôïp taùc|thöông maïi|quaûn lyù|bieân giôùi)\b"
)


def decode_tcvn3(data: bytes) -> str:
    """Bytes in TCVN3 to Unicode (NFC: a letter followed by a lone tone byte is composed)."""
    table = _TCVN3_TABLE
    text = "".join(table.get(b) or chr(b) for b in data)
    return unicodedata.normalize("NFC", text)


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[^\W\d_]+")


def vietnamese_score(text: str) -> float:
    """How Vietnamese a decoded text looks, per character (higher is better).

    Marked letters count for, symbols outside the alphabet and punctuation against.  A wrong
    single-byte reading of Vietnamese also yields marked letters (TCVN3 maps nearly every
    high byte to one), but in impossible syllables: a Vietnamese syllable carries one tone
    at most, so the marks of a word with two or more tones count against.
    """
    if not text:
        return 0.0
    nfc = unicodedata.normalize("NFC", text)
    odd = 0
    for ch in nfc:
        if ch.isascii():
            if not ch.isprintable() and ch not in _COMMON:
                odd += 1
        elif ch not in _VN_MARKED and ch not in _COMMON and not ch.isspace():
            odd += 1
    good = bad = 0
    for word in _WORD.findall(nfc):
        marked = sum(1 for ch in word if ch in _VN_MARKED)
        if not marked:
            continue
        tones = sum(1 for ch in unicodedata.normalize("NFD", word) if ch in _TONES)
        if tones > 1:
            bad += marked
        else:
            good += marked
    return (good - 2 * bad - 2 * odd) / len(nfc)


def looks_vni(text: str) -> bool:
    """Text decoded from VNI font bytes (several of its tell-tale common words)."""
    return len(_VNI_WORDS.findall(text[:200_000])) >= 3
