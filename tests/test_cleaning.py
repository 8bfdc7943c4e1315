"""Cleaning: the article found inside the portal's furniture, bylines and datelines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.cleaning import Cleaner, author_names
from extract.document import Document

BODY = ("Sáng 12/3, đoàn công tác tỉnh Hà Giang do ông Nguyễn Văn Sơn, Phó Chủ tịch UBND tỉnh "
        "làm trưởng đoàn đã làm việc với Chính phủ nhân dân huyện Ma Lật Pha.")


def clean(text: str) -> Document:
    doc = Document(doc_id="t", source_path="", source=text)
    Cleaner()(doc)
    return doc


@pytest.mark.parametrize(
    ("line", "names"),
    [
        pytest.param("NGỌC LAN", ["Ngọc Lan"], id="all-caps"),
        pytest.param("Bài và ảnh: Lò Thị Hoa", ["Lò Thị Hoa"], id="labelled"),
        pytest.param("Minh Tuấn - Phòng Thông tin", ["Minh Tuấn"], id="with-unit"),
        pytest.param("Hà Anh, Quốc Việt", ["Hà Anh", "Quốc Việt"], id="two-authors"),
        pytest.param("Theo Báo Lào Cai", None, id="attribution"),
        pytest.param("Văn phòng", None, id="office"),
        pytest.param("Hai bên thống nhất nội dung hợp tác.", None, id="sentence"),
    ],
)
def test_author_lines(line: str, names: list[str] | None) -> None:
    assert author_names(line) == names


def test_portal_date_before_headline_is_furniture_dateline_after_is_not() -> None:
    doc = clean(f"Thứ sáu, 14/03/2025\nHà Giang làm việc với Vân Nam về cửa khẩu\n"
                f"Thứ năm, 13/03/2025 09:10\n{BODY}\n")
    assert "14/03/2025" not in doc.text
    assert doc.dateline is not None and "13/03/2025" in doc.text[slice(*doc.dateline)]
    assert doc.headline is not None
    assert doc.text[slice(*doc.headline)] == "Hà Giang làm việc với Vân Nam về cửa khẩu"


def test_comments_and_related_articles_are_cut() -> None:
    doc = clean(f"{BODY}\nÝ kiến bình luận:\nBài viết rất hay - Trần Văn Nam\n"
                "Tin liên quan\nLai Châu mở lối thông quan mới\n")
    assert "Trần Văn Nam" not in doc.text
    assert "Lai Châu mở" not in doc.text
    assert "Nguyễn Văn Sơn" in doc.text


def test_skip_link_slogan_image_and_credit_are_blanked() -> None:
    doc = clean("Skip to main content\nNhiệt liệt chào mừng Đại hội Đảng bộ tỉnh lần thứ XVIII\n"
                "Cao Bằng mở rộng hợp tác với Long Châu\n" + BODY +
                "\nIMG_2031.JPG\nQuang cảnh buổi làm việc. Ảnh: Thu Hà\nPHẠM HÙNG\n")
    for gone in ("Skip", "chào mừng", "IMG_2031", "Thu Hà", "PHẠM HÙNG"):
        assert gone not in doc.text, gone
    assert "Quang cảnh buổi làm việc" in doc.text
    assert len(doc.text) == len(doc.source)


@given(st.text(max_size=300))
def test_cleaning_keeps_length_and_is_idempotent(s: str) -> None:
    once = clean(s)
    assert len(once.text) == len(once.norm.text) if once.norm else True
    twice = clean(once.text)
    assert twice.text == once.text
