"""Reading articles from disk and writing records as JSONL.

Any file gives a record: text in UTF-8 (with or without BOM), UTF-16 with a BOM, Windows-1258
and other single-byte encodings (detected, or named with ``encoding=``), the TCVN3 font
encoding (converted) and HTML pages (main text extracted).  A file that cannot be read, is
not text, is too big or has no Vietnamese gives an error record (stage ``read``) and the
batch goes on.  Output is one JSON object per line, in path order, byte-identical for the
same input.
"""

from __future__ import annotations

import codecs
import errno
import logging
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from .legacy import decode_tcvn3, looks_vni, vietnamese_score
from .models import ArticleRecord, ErrorInfo, ExtractError
from .pipeline import Budget, Pipeline, error_record

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_LINE",
    "Article",
    "check_size",
    "decode",
    "decode_input",
    "extract_path",
    "iter_paths",
    "read_article",
    "read_jsonl",
    "safe_str",
    "to_json",
    "write_jsonl",
    "write_lines_atomic",
]

log = logging.getLogger(__name__)

MAX_BYTES = 5_000_000  # one article; a larger file is refused with a clear error
# A news paragraph is a few thousand characters; a longer "line" is a dump, not an article,
# and the line-based cleaning would spend its time on it.
MAX_LINE = 100_000
# Extraction time grows faster than the text (a 3.6M-character file took minutes): a cap on
# the decoded text keeps every document within a few seconds.  Articles are under 50,000.
MAX_CHARS = 500_000
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}

# File signatures of the binaries most often saved under a .txt name.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"\xd0\xcf\x11\xe0": "an MS Office document",
    b"{\\rtf": "an RTF document",
}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
# Single-byte encodings tried when the bytes are not UTF-8, with TCVN3 beside them.
_LEGACY = ("cp1258", "cp1252", "latin-1")
_TCVN3_HINT = re.compile("[\u00b5-\u00bf\u00c6-\u00cb\u00d2-\u00d8\u00de\u00f5-\u00fe]")


@dataclass(frozen=True)
class Article:
    """A file read and decoded: the text the offsets refer to, and page metadata."""

    text: str
    encoding: str
    converted: bool = False  # text is not the file's bytes decoded (HTML, TCVN3): keep it
    title: str | None = None
    published: date | None = None
    note: str | None = None  # a repair made on reading (bytes replaced), told in the record


def safe_str(s: str, replacement: str | None = None) -> str:
    """``s`` without lone surrogates, so that it can be written as UTF-8.

    A file name's undecodable bytes (held as U+DC80..U+DCFF by Python) become ``\\xNN`` and
    other lone surrogates ``\\uXXXX``, so names stay unique and readable; with a
    ``replacement`` (U+FFFD for article text) each becomes that one character instead,
    which keeps the offsets."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        pass
    out = []
    for c in s:
        o = ord(c)
        if 0xD800 <= o <= 0xDFFF:
            if replacement is not None:
                out.append(replacement)
            elif 0xDC80 <= o <= 0xDCFF:
                out.append(f"\\x{o - 0xDC00:02x}")
            else:
                out.append(f"\\u{o:04x}")
        else:
            out.append(c)
    return "".join(out)


def _sniff_binary(data: bytes) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ExtractError(f"binary file: {what}, not text", stage="read")
    head = data[:4096]
    if b"\x00" in head:
        # Text in UTF-16 without a BOM has a NUL in every other byte for ASCII letters.
        half = len(head) // 2
        for order, nuls, chars in (("le", head[1::2], head[0::2]),
                                   ("be", head[0::2], head[1::2])):
            if half and nuls.count(0) > half * 0.3 and chars.count(0) < half * 0.02:
                raise ExtractError(f"looks like UTF-16 without a BOM; name it with "
                                   f"--encoding utf-16-{order}", stage="read")
        raise ExtractError("binary file (NUL bytes), not text", stage="read")
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\x0c")
    # TCVN3 puts a few capitals on control codes, never a tenth of the text.
    if controls > len(head) // 10:
        raise ExtractError(f"binary file ({controls} control bytes in the first "
                           f"{len(head)}), not text", stage="read")


def _fix_tcvn3(text: str, encoding: str) -> tuple[str, str, bool]:
    """TCVN3 bytes read as a single-byte charset look like Latin-1 symbols; convert them."""
    if len(_TCVN3_HINT.findall(text[:20_000])) < 3:
        return text, encoding, False
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError:
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            return text, encoding, False
    converted = decode_tcvn3(raw)
    if vietnamese_score(converted) > vietnamese_score(text) + 0.02:
        return converted, "tcvn3", True
    return text, encoding, False


def _check_legacy_fonts(text: str) -> None:
    if looks_vni(text):
        raise ExtractError("text is in the VNI font encoding (e.g. 'Vieät Nam'); convert it "
                           "to Unicode first (e.g. with UniKey's converter)", stage="read")


def decode_article(data: bytes, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode bytes to text; returns (text, encoding used, converted from a font encoding)."""
    text, used, converted, _ = _decode(data, encoding)
    return text, used, converted


# UTF-8 with a few stray bytes (a truncated copy-paste, one byte flipped on disk) is still
# UTF-8: at most this many invalid sequences, and at least _STRAY_RATIO valid non-ASCII
# characters for each.  A file in a single-byte encoding has an invalid sequence at nearly
# every Vietnamese letter.
_MAX_STRAYS = 8
_STRAY_RATIO = 20


def _utf8_with_strays(data: bytes, bad_at: int) -> tuple[str, str] | None:
    text = data.decode("utf-8", errors="replace")
    strays = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid = sum(1 for c in text if ord(c) > 127) - text.count("\ufffd")
    if strays <= 0 or strays > max(_MAX_STRAYS, len(data) // 20_000) \
            or valid < _STRAY_RATIO * strays:
        return None
    return text, (f"{strays} invalid UTF-8 byte sequence(s) replaced by U+FFFD (the first "
                  f"at byte {bad_at}); the rest of the text is extracted")


def _decode(data: bytes, encoding: str | None = None) -> tuple[str, str, bool, str | None]:
    """:func:`decode_article`, with a note when invalid bytes were replaced."""
    if not data.strip():
        raise ExtractError("empty file", stage="read")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError as e:
            raise ExtractError(f"unknown encoding {encoding!r}", stage="read") from e
        except UnicodeDecodeError as e:
            raise ExtractError(f"not valid {encoding} at byte {e.start}", stage="read") from e
        text, used, converted = _fix_tcvn3(text, encoding)
        _check_legacy_fonts(text)
        return text, used, converted, None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, False, None
            except UnicodeDecodeError as e:
                raise ExtractError(f"not valid {codec} at byte {e.start} despite its BOM",
                                   stage="read") from e
    _sniff_binary(data)
    note = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        stray = _utf8_with_strays(data, e.start)
        if stray is not None:
            # Converted: the text is not the file's bytes, so the record carries it.
            (text, note), used, converted = stray, "utf-8", True
        else:
            text, used, converted = _decode_legacy(data, e.start)
    else:
        # UTF-8 text may still hold TCVN3 read once as cp1252 and saved again.
        text, used, converted = _fix_tcvn3(text, "utf-8")
    _check_legacy_fonts(text)
    return text, used, converted, note


def _decode_legacy(data: bytes, bad_at: int) -> tuple[str, str, bool]:
    """Not UTF-8: pick the single-byte reading (or TCVN3) that looks most Vietnamese."""
    candidates: dict[str, tuple[str, bool]] = {}
    _check_legacy_fonts(data.decode("cp1252", errors="replace"))
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            candidates[best.encoding] = (data.decode(best.encoding, errors="strict"), False)
    except (UnicodeDecodeError, LookupError):
        pass
    for codec in _LEGACY:
        try:
            candidates[codec] = (data.decode(codec), False)
        except UnicodeDecodeError:
            continue
    candidates["tcvn3"] = (decode_tcvn3(data), True)
    # Sorted names first so that ties resolve the same way on every run.
    name = max(sorted(candidates), key=lambda k: vietnamese_score(candidates[k][0]))
    text, converted = candidates[name]
    if vietnamese_score(text) <= 0.0 and not looks_vni(text):
        raise ExtractError(f"not valid UTF-8 at byte {bad_at}, and no single-byte encoding "
                           "gives Vietnamese text; name one with --encoding", stage="read")
    log.debug("decoded as %s", name)
    return text, name, converted


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode an article's bytes (see :func:`decode_article`); raises :class:`ExtractError`."""
    return decode_article(data, encoding)[0]


_VN_MARKED = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
                        "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]")
_VN_BASE = re.compile("[đĐăâêôơưĂÂÊÔƠƯ]")


def check_size(text: str) -> None:
    """The limits on one article's text (characters, line length); raises ExtractError."""
    if not text.strip():
        raise ExtractError("empty text", stage="read")
    if len(text) > MAX_CHARS:
        raise ExtractError(f"text too long ({len(text)} characters > {MAX_CHARS}): not one "
                           "article", stage="read")
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > MAX_LINE:
        raise ExtractError(f"a line of {longest} characters (> {MAX_LINE}): not article "
                           "text", stage="read")


def _check_text(text: str) -> None:
    check_size(text)
    nfc = unicodedata.normalize("NFC", text[:200_000])
    # Fast path: plenty of Vietnamese-only letters among the letters means Vietnamese; the
    # per-character score below is only needed for doubtful texts.
    head = nfc[:4000]
    if len(_VN_MARKED.findall(head)) >= max(20, len(head) // 40) and _VN_BASE.search(head):
        return
    if vietnamese_score(nfc) <= 0.0 or not any(c in nfc for c in "đĐ" "ăâêôơư" "ĂÂÊÔƠƯ"):
        raise ExtractError("no Vietnamese text found (no Vietnamese letters)", stage="read")


def is_html(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(data[:2048]))


def _html_article(html: str, encoding: str) -> Article:
    """Main text of a saved web page, without comments or related-article lists."""
    try:
        import trafilatura
    except ImportError as e:
        # Name what is actually missing: trafilatura may be installed and one of its own
        # imports fail (lxml.html.clean, split out of lxml into lxml_html_clean).
        missing = e.name or str(e)
        raise ExtractError(f"HTML input needs the 'html' extra (pip install 'extract[html]'): "
                           f"cannot import {missing} ({e})", stage="read") from e
    # No deduplicate=True: its cache spans calls, so a page seen twice would lose its text
    # the second time and the output would depend on the order of the batch.
    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                      include_links=False, include_images=False,
                                      with_metadata=True,
                                      favor_precision=True)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise ExtractError("HTML page without main text", stage="read")
    title = (getattr(doc, "title", None) or "").strip() or None
    published: date | None = None
    raw_date = getattr(doc, "date", None)
    if raw_date:
        try:
            published = date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            published = None
    # The headline heads the text, as in a saved article, so that it is grounded too.
    headed = title is None or body.startswith(title)
    text = f"{body}\n" if headed else f"{title}\n\n{body}\n"
    return Article(text=text, encoding=encoding, converted=True, title=title,
                   published=published)


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES + 1; anything else is refused.

    Opened without blocking and checked on the open descriptor: a FIFO would otherwise
    wait forever for a writer, and a device never ends."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = next((w for test, w in _KINDS if test(st.st_mode)), "not a regular file")
            raise ExtractError(f"not a regular file: {what}", stage="read")
        if st.st_size > MAX_BYTES:
            raise ExtractError(f"file too large ({st.st_size} bytes > {MAX_BYTES})",
                               stage="read")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            # Bounded even if the file grows between stat and read.
            data = fh.read(MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ExtractError(f"file too large (> {MAX_BYTES} bytes)", stage="read")
    return data


def read_article(path: Path, encoding: str | None = None) -> Article:
    """Read and decode one file; raises :class:`ExtractError` (stage ``read``) or OSError."""
    data = _read_regular(path)
    text, used, converted, note = _decode(data, encoding)
    if is_html(path, data):
        article = _html_article(text, used)
    else:
        article = Article(text=text, encoding=used, converted=converted, note=note)
    _check_text(article.text)
    return article


def decode_input(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """An article given as bytes (stdin): decoded and checked as a file is; returns the
    text and a note on any repair.  Raises :class:`ExtractError`."""
    text, _, _, note = _decode(data, encoding)
    _check_text(text)
    return text, note


def _walk(root: Path) -> list[Path]:
    """Article files under ``root``: every entry with an article suffix that is not a
    folder (a dangling link, a FIFO or a link loop too, so that it gets an error record
    instead of vanishing), hidden names skipped.  Links to folders are followed once: a
    folder reached again (a link loop) is skipped with a warning."""
    suffixes = TEXT_SUFFIXES | HTML_SUFFIXES
    found: list[Path] = []
    seen = {os.path.realpath(root)}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            real = os.path.realpath(os.path.join(dirpath, d))
            if real in seen:
                log.warning("skipping %s: a link to a folder already read (a link loop?)",
                            safe_str(os.path.join(dirpath, d)))
                continue
            seen.add(real)
            keep.append(d)
        dirnames[:] = keep
        found += [Path(dirpath, f) for f in filenames
                  if not f.startswith(".") and Path(f).suffix.lower() in suffixes]
    return sorted(found)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named and files under folders (recursive), each folder sorted by path."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _os_error(path: Path, e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "a symbolic link loop"
    if e.errno == errno.ENOENT and path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"a dangling symbolic link (to {safe_str(target)})"
    return f"{type(e).__name__}: {e.strerror or e}"


def extract_path(pipeline: Pipeline, path: Path, source: str | None = None, *,
                 encoding: str | None = None, doc_id: str | None = None,
                 budget: Budget | None = None) -> ArticleRecord:
    """Read, decode and extract one file; read failures become an error record.

    ``source`` is the path as the user gave it, recorded in the output (default: path);
    ``encoding`` overrides the detection of the file's encoding; ``doc_id`` defaults to the
    file's stem; ``budget`` is the document's time budget (see :class:`Pipeline`)."""
    doc_id = safe_str(doc_id if doc_id is not None else path.stem)
    shown = safe_str(source if source is not None else str(path))
    try:
        article = read_article(path, encoding)
    except ExtractError as e:
        return error_record(doc_id, shown, e.stage, str(e))
    except OSError as e:
        return error_record(doc_id, shown, "read", _os_error(path, e))
    except Exception as e:  # a decoder or HTML library bug must not stop the batch
        log.exception("reading %s failed", shown)
        return error_record(doc_id, shown, "read", f"{type(e).__name__}: {e}")
    record = pipeline.run(article.text, doc_id=doc_id, path=shown,
                          reference_date=article.published, budget=budget)
    if not article.converted:
        return record
    update: dict[str, object] = {"extracted_text": article.text}
    if article.note is not None:
        update["errors"] = [ErrorInfo(stage="read", message=article.note), *record.errors]
    if record.title is None and article.title:
        update["title"] = article.title
    if record.published is None and article.published:
        update["published"] = article.published.isoformat()
    return record.model_copy(update=update)


def to_json(record: ArticleRecord) -> str:
    return record.model_dump_json()


def write_jsonl(records: Iterable[ArticleRecord], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(to_json(r))
        out.write("\n")
        n += 1
    return n


def write_jsonl_atomic(records: Iterable[ArticleRecord], path: Path) -> int:
    """Write to a temporary file beside ``path`` and rename: never a half-written file."""
    return write_lines_atomic((to_json(r) for r in records), path)


def write_lines_atomic(lines: Iterable[str], path: Path) -> int:
    """Write JSON lines to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    n = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line)
                fh.write("\n")
                n += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def read_jsonl(path: str | Path) -> list[ArticleRecord]:
    """Load an output file back into validated records; raises ExtractError on a line that
    is not one (bad bytes, another encoding, a JSON value that is not a record)."""
    out: list[ArticleRecord] = []
    with Path(path).open("rb") as fh:
        for i, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise ExtractError(f"{path}:{i}: not UTF-8 (byte {e.start}); JSON Lines output "
                                   "is UTF-8", stage="read") from e
            try:
                out.append(ArticleRecord.model_validate_json(line))
            except ValueError as e:
                raise ExtractError(f"{path}:{i}: not a valid record: {e}", stage="read") from e
    return out
