"""Any input, no crash: encodings, font encodings, HTML and bad files, each built here.

No binary fixture is shipped: every bad or re-encoded file is generated from the seeds or
from short texts in this module.
"""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract import extract_file, extract_many, extract_text
from extract.cli import app
from extract.io import MAX_BYTES, MAX_CHARS, MAX_LINE, decode_article
from extract.legacy import decode_tcvn3
from extract.models import ArticleRecord, ExtractError

from .conftest import SEEDS
from .test_pipeline import _values, spans

runner = CliRunner()
SEED = sorted(SEEDS.glob("*.txt"))[0]
TEXT = SEED.read_text(encoding="utf-8-sig")
SHORT = ("Ngày 20/3/2024, tại cửa khẩu quốc tế Hữu Nghị, ông Hồ Tiến Thiệu, Chủ tịch UBND tỉnh "
         "Lạng Sơn, hội đàm với đoàn công tác Quảng Tây, Trung Quốc về hợp tác thông quan.\n")
# The same sentence as VNI font bytes read as Windows-1252.
VNI = ("Ngaøy 20/3/2024, taïi cöûa khaåu quoác teá Höõu Nghò, oâng Hoà Tieán Thieäu, Chuû "
       "tòch UBND tænh Laïng Sôn, hoäi ñaøm vôùi ñoaøn coâng taùc Quaûng Taây, Trung Quoác "
       "veà hôïp taùc thoâng quan, phaùt trieån thöông maïi bieân giôùi Vieät Nam.\n")

HTML = """<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}">
<title>Hợp tác cửa khẩu - Báo Biên Phòng</title>
<meta property="og:title" content="Lạng Sơn và Quảng Tây hợp tác phát triển cửa khẩu">
<meta property="article:published_time" content="2024-03-20T08:00:00+07:00"></head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/kt">Kinh tế</a></li></ul></nav>
<article><h1>Lạng Sơn và Quảng Tây hợp tác phát triển cửa khẩu</h1>
<p>Ngày 20/3, tại cửa khẩu quốc tế Hữu Nghị, đoàn công tác tỉnh Lạng Sơn do ông Hồ Tiến Thiệu,
Chủ tịch UBND tỉnh, dẫn đầu đã hội đàm với đoàn công tác Khu tự trị dân tộc Choang Quảng Tây.</p>
<p>Hai bên thống nhất đẩy mạnh thông quan hàng hóa qua cặp cửa khẩu Hữu Nghị – Hữu Nghị Quan
và xây dựng cửa khẩu thông minh, nâng cao năng lực thông quan tại các lối mở.</p></article>
<section class="related"><h3>Tin liên quan</h3><ul>
<li><a href="/a1">Quảng Ninh và Đông Hưng ký kết hợp tác thương mại biên giới</a></li>
<li><a href="/a2">Cao Bằng mở cặp cửa khẩu Trà Lĩnh – Long Bang</a></li></ul></section>
<section id="comments" class="comments"><h3>Bình luận</h3>
<div class="comment"><p>Nguyễn Văn Bình: Bài viết rất hay, mong hai tỉnh hợp tác tốt hơn.</p>
</div></section><footer>© Báo Biên Phòng. Giấy phép số 123/GP-BTTTT.</footer></body></html>
"""


def same(a: ArticleRecord, b: ArticleRecord) -> bool:
    """Same extracted values, whatever the file name, path or carried text."""
    blank = {"doc_id": "x", "source": "", "extracted_text": None}
    return _values(a.model_copy(update=blank)) == _values(b.model_copy(update=blank))


def grounded(record: ArticleRecord, source: str) -> None:
    for t, s, e in spans(record):
        assert source[s:e] == t, (t, s, e)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 writes tone marks as separate combining characters after the letter."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + tone)
    return "".join(out).encode("cp1258")


def has_tcvn_iconv() -> bool:
    if shutil.which("iconv") is None:
        return False
    r = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=b"a",
                       capture_output=True, check=False)
    return r.returncode == 0


_TCVN3_CHARS = set(decode_tcvn3(bytes(range(128, 256)))) | {chr(i) for i in range(32, 127)}
# The seed without the characters TCVN3 lacks (curly quotes, dashes): what a TCVN3 file holds.
TCVN_TEXT = "".join(c if c in _TCVN3_CHARS or c == "\n" else " "
                    for c in unicodedata.normalize("NFC", TEXT))


def iconv_tcvn3(text: str) -> bytes:
    return subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(),
                          capture_output=True, check=True).stdout


# --- encodings that decode to the same article --------------------------------------------

ENCODINGS: list[object] = [
    pytest.param(lambda t: codecs.BOM_UTF8 + t.encode(), "utf-8-sig", id="utf8-bom"),
    pytest.param(lambda t: t.encode(), "utf-8", id="utf8"),
    pytest.param(lambda t: t.encode("utf-16"), "utf-16", id="utf16-native-bom"),
    pytest.param(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16", id="utf16le"),
    pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16", id="utf16be"),
    pytest.param(to_cp1258, "cp1258", id="windows-1258"),
]


@pytest.mark.parametrize(("encode", "codec"), ENCODINGS)
def test_encodings_give_the_same_values(tmp_path: Path, encode: Callable[[str], bytes],
                                        codec: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(encode(TEXT))
    text, used, _ = decode_article(path.read_bytes())
    assert used == codec
    assert unicodedata.normalize("NFC", text) == unicodedata.normalize("NFC", TEXT)
    record = extract_file(path)
    assert record.errors == []
    grounded(record, text)
    assert same(record, extract_file(SEED))


def test_encoding_override(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(to_cp1258(SHORT))
    record = extract_file(path, encoding="cp1258")
    assert record.errors == [] and record.people
    wrong = extract_file(path, encoding="utf-8")
    assert wrong.errors and "utf-8" in wrong.errors[0].message
    utf16 = tmp_path / "b.txt"
    utf16.write_bytes(SHORT.encode("utf-16-be"))
    assert extract_file(utf16, encoding="utf-16-be").people
    unknown = extract_file(path, encoding="no-such-codec")
    assert "unknown encoding" in unknown.errors[0].message


def test_cli_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(to_cp1258(SHORT))
    ok = runner.invoke(app, ["run", str(path), "--encoding", "cp1258"])
    assert ok.exit_code == 0, ok.output
    assert ArticleRecord.model_validate_json(ok.stdout.splitlines()[0]).people
    assert runner.invoke(app, ["run", str(path), "--encoding", "nope"]).exit_code == 2


def test_nfd_file_gives_the_same_values(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    nfd = unicodedata.normalize("NFD", TEXT)
    path.write_text(nfd, encoding="utf-8")
    record = extract_file(path)
    grounded(record, nfd)
    assert same(record, extract_file(SEED))


# --- legacy font encodings ----------------------------------------------------------------

@pytest.mark.skipif(not has_tcvn_iconv(), reason="glibc iconv with TCVN5712-1 needed")
def test_tcvn3_table_matches_iconv() -> None:
    assert decode_tcvn3(iconv_tcvn3(TCVN_TEXT)) == TCVN_TEXT


@pytest.mark.skipif(not has_tcvn_iconv(), reason="glibc iconv with TCVN5712-1 needed")
def test_tcvn3_file_is_converted(tmp_path: Path) -> None:
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(iconv_tcvn3(TCVN_TEXT))
    record = extract_file(path)
    assert record.errors == []
    assert record.extracted_text == TCVN_TEXT
    grounded(record, record.extracted_text)
    assert same(record, extract_text(TCVN_TEXT))
    assert record.people


@pytest.mark.skipif(not has_tcvn_iconv(), reason="glibc iconv with TCVN5712-1 needed")
def test_tcvn3_saved_again_as_utf8_is_converted(tmp_path: Path) -> None:
    # A TCVN3 file opened as Windows-1252 and saved as UTF-8: valid UTF-8, still gibberish.
    path = tmp_path / "mojibake.txt"
    path.write_text(iconv_tcvn3(SHORT).decode("cp1252"), encoding="utf-8")
    record = extract_file(path)
    assert record.extracted_text == SHORT
    assert [p.name for p in record.people] == ["Hồ Tiến Thiệu"]


def test_vni_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "vni.txt"
    path.write_bytes(VNI.encode("cp1252"))
    record = extract_file(path)
    assert record.errors and "VNI" in record.errors[0].message
    assert record.people == []


# --- HTML ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["page.html", "page.htm", "saved-page.txt"])
def test_html_main_text_and_metadata(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(HTML.format(charset="utf-8"), encoding="utf-8")
    record = extract_file(path)
    assert record.errors == []
    text = record.extracted_text
    assert text is not None and "Hữu Nghị Quan" in text
    for noise in ("Bình luận", "Bài viết rất hay", "Tin liên quan", "Đông Hưng", "Trang chủ",
                  "Giấy phép", "<p>"):
        assert noise not in text, noise
    assert record.title == "Lạng Sơn và Quảng Tây hợp tác phát triển cửa khẩu"
    assert record.published == "2024-03-20"
    grounded(record, text)
    assert [p.name for p in record.people] == ["Hồ Tiến Thiệu"]
    # The page's date gives the year-less "Ngày 20/3" its year.
    assert any(d.value == "2024-03-20" for d in record.dates)


def test_html_in_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(to_cp1258(HTML.format(charset="windows-1258")))
    record = extract_file(path)
    assert record.errors == []
    assert record.extracted_text is not None
    assert "Hữu Nghị Quan" in unicodedata.normalize("NFC", record.extracted_text)


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>")
    record = extract_file(path)
    assert record.errors and record.errors[0].stage == "read"


# --- bad inputs: an error record each -----------------------------------------------------

def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(SHORT.encode())
            fh.truncate(size)  # sparse: 50 MB on disk costs nothing
    return make


BAD: list[object] = [
    pytest.param(lambda p: p.write_bytes(b""), "empty", id="empty"),
    pytest.param(lambda p: p.write_bytes(b" \n\t\r\n "), "empty", id="whitespace"),
    pytest.param(lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "PDF",
                 id="pdf-as-txt"),
    pytest.param(lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "PNG",
                 id="png-as-txt"),
    pytest.param(lambda p: p.write_bytes(bytes(range(1, 32)) * 50), "binary",
                 id="control-bytes"),
    pytest.param(lambda p: p.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 100), "UTF-8",
                 id="undecodable"),
    pytest.param(lambda p: p.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x41"), "utf-16",
                 id="broken-utf16"),
    pytest.param(lambda p: p.write_bytes(SHORT.encode("utf-16-le")), "--encoding utf-16-le",
                 id="utf16-without-bom"),
    pytest.param(_sparse(50_000_000), "too large", id="50MB"),
    pytest.param(lambda p: p.write_text(SHORT * (MAX_CHARS // len(SHORT) + 1)), "too long",
                 id="too-many-characters"),
    pytest.param(lambda p: p.write_text(SHORT + "á" * (MAX_LINE + 1), encoding="utf-8"),
                 "line of", id="long-line"),
    pytest.param(lambda p: p.write_text("The border gate reopened on Monday. " * 20),
                 "no Vietnamese", id="english"),
    pytest.param(lambda p: p.write_text("友谊关口岸今天恢复通关。" * 20), "no Vietnamese",
                 id="chinese"),
    pytest.param(lambda p: p.write_text("12/3/2024 1088/2 -- 15:30 ... \n" * 20),
                 "no Vietnamese", id="digits-only"),
    pytest.param(lambda p: None, "FileNotFoundError", id="vanished"),
    pytest.param(lambda p: p.mkdir(), "a folder", id="directory"),
]


@pytest.mark.parametrize(("make", "expected"), BAD)
def test_bad_input_gives_an_error_record(tmp_path: Path, make: Callable[[Path], None],
                                         expected: str) -> None:
    path = tmp_path / "bad.txt"
    make(path)
    record = extract_file(path)
    assert record.errors, record
    assert record.errors[0].stage == "read"
    assert expected in record.errors[0].message
    assert record.doc_id == "bad" and record.source == str(path)
    ArticleRecord.model_validate_json(record.model_dump_json())


def test_max_bytes_is_a_bound_not_the_50mb_case() -> None:
    assert MAX_BYTES < 50_000_000


def test_file_vanishing_mid_run(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(SHORT, encoding="utf-8")
    out = []
    for record in extract_many([tmp_path]):
        out.append(record)
        if record.doc_id == "a":
            (tmp_path / "b.txt").unlink()
    assert [r.doc_id for r in out] == ["a", "b", "c"]
    assert [bool(r.errors) for r in out] == [False, True, False]
    assert "FileNotFoundError" in out[1].errors[0].message


def test_decode_raises_only_extract_error() -> None:
    with pytest.raises(ExtractError):
        decode_article(b"\x00\x01\x02binary")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600) | st.text(max_size=300).map(
    lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_a_record(data: bytes) -> None:
    try:
        text, _, _ = decode_article(data)
    except ExtractError:
        return
    assert isinstance(text, str)


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.html"]))
def test_any_file_gives_a_valid_record(tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(SHORT.encode()[: len(data) % 200] + data)
    record = extract_file(path)
    ArticleRecord.model_validate_json(record.model_dump_json())
    if not record.errors:
        source = record.extracted_text or decode_article(path.read_bytes())[0]
        grounded(record, source)


# --- a folder with good and bad files ------------------------------------------------------

def test_folder_with_good_and_bad_files(tmp_path: Path) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "cp1258.txt").write_bytes(to_cp1258(SHORT))
    (tmp_path / "page.html").write_text(HTML.format(charset="utf-8"), encoding="utf-8")
    out = tmp_path / "out" / "all.jsonl"
    result = runner.invoke(app, ["run", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    records = {r.doc_id: r for r in map(ArticleRecord.model_validate_json,
                                         out.read_text(encoding="utf-8").splitlines())}
    good = {s.stem for s in SEEDS.glob("*.txt")} | {"cp1258", "page"}
    assert set(records) == good | {"empty", "scan"}
    assert [(d, records[d].errors) for d in sorted(good) if records[d].errors] == []
    assert records["empty"].errors and records["scan"].errors
    assert "empty.txt: [read] empty file" in result.stderr
    assert "with errors" in result.stderr.splitlines()[-1]
    for seed in SEEDS.glob("*.txt"):
        assert same(records[seed.stem], extract_file(seed))
    assert not any(p.name.endswith(".tmp") for p in out.parent.iterdir())


def test_unreadable_file_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(SHORT, encoding="utf-8")
    path.chmod(0)
    try:
        record = extract_file(path)
        if os.access(path, os.R_OK):  # root reads anything: nothing to test
            assert record.errors == []
        else:
            assert "PermissionError" in record.errors[0].message
    finally:
        path.chmod(0o644)


# --- properties over arbitrary text -------------------------------------------------------

_lines = st.lists(
    st.sampled_from([*SHORT.split(), "\n", "Thứ ba, 27/05/2025 - 21:33", "(Ảnh: TTXVN)",
                                     "Tin liên quan", "PV", "\u200b", "\t", "–", "BÁO LẠNG SƠN"])
    | st.text(max_size=12), max_size=80).map(" ".join)


def _clean(text: str) -> str:
    from extract.cleaning import Cleaner
    from extract.document import Document

    doc = Document(doc_id="x", source_path="", source=text)
    Cleaner()(doc)
    return doc.text


def test_cleaning_is_idempotent_on_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        once = _clean(path.read_text(encoding="utf-8-sig"))
        assert _clean(once) == once, path.name


def test_cleaning_is_idempotent_after_a_photo_credit() -> None:
    # Once a counter-example: the credit was blanked after the byline check had run.
    once = _clean("Ngày (Ảnh: TTXVN) Ngày")
    assert _clean(once) == once


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines)
def test_cleaning_is_idempotent(text: str) -> None:
    once = _clean(text)
    assert _clean(once) == once


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines)
def test_nfc_and_nfd_give_the_same_values(text: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    a, b = extract_text(nfc), extract_text(nfd)
    grounded(a, nfc)
    grounded(b, nfd)
    assert same(a, b)


@pytest.mark.slow
def test_fuzz_run() -> None:
    """The fuzz script on a small budget (the full 100,000 run is `bench/fuzz.py`), with
    the super-linear shapes at two sizes under a generous time bound (ten times what a
    linear run takes on a loaded machine; a quadratic stage needs far more at 50,000)."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, str(root / "bench" / "fuzz.py"), "-n", "3000",
                             "--shape-sizes", "5000,50000", "--check-time",
                             "--budget-ms", "2000", "--budget-us", "200"],
                            capture_output=True, text=True, check=False)
    assert "crashes: 0" in result.stdout, result.stdout + result.stderr
    assert "shape inputs over the time budget: 0 of" in result.stdout, result.stdout
    assert result.returncode == 0
