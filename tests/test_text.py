"""Normalization: canonical tones, folding, and the offset map back to the source."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.text import canonical_tones, fold, fold_key, normalize


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("hoà", "hòa", id="oa-huyen"),
        pytest.param("thoả thuận", "thỏa thuận", id="oa-hoi"),
        pytest.param("Uỷ ban", "Ủy ban", id="uy-capital"),
        pytest.param("thuỷ", "thủy", id="uy-hoi"),
        pytest.param("khoẻ", "khỏe", id="oe"),
        pytest.param("toạ đàm", "tọa đàm", id="oa-nang"),
        pytest.param("quý", "quý", id="qu-consonant-kept"),
        pytest.param("hoàng", "hoàng", id="closed-syllable-kept"),
        pytest.param("thuyết", "thuyết", id="uye-kept"),
        pytest.param("Hòa", "Hòa", id="already-new-style"),
    ],
)
def test_canonical_tones(old: str, new: str) -> None:
    assert canonical_tones(old) == new
    assert len(canonical_tones(old)) == len(old)


def test_fold_key_folds_dashes_spaces_case() -> None:
    assert fold_key("Đồng Đăng – Lạng Sơn") == fold_key("đồng đăng-lạng  sơn")
    assert fold("Uỷ ban  nhân dân") == "Ủy ban nhân dân"


def test_nfd_source_maps_back() -> None:
    src = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Lạng Sơn – Hoà")
    n = normalize(src)
    assert n.text == "Ủy ban nhân dân tỉnh Lạng Sơn - Hòa"
    i = n.text.index("Lạng Sơn")
    a, b = n.to_source(i, i + len("Lạng Sơn"))
    assert unicodedata.normalize("NFC", src[a:b]) == "Lạng Sơn"


def test_invisible_characters_dropped() -> None:
    src = "Lạng\u200b Sơn\ufeff"
    n = normalize(src)
    assert n.text == "Lạng Sơn"
    assert src[slice(*n.to_source(0, len(n.text)))].startswith("Lạng")


@given(st.text(max_size=200))
def test_normalize_is_idempotent_and_grounded(s: str) -> None:
    n = normalize(s)
    assert normalize(n.text).text == n.text
    for i in range(0, len(n.text), 7):
        a, b = n.to_source(i, min(len(n.text), i + 5))
        assert 0 <= a <= b <= len(s)


@given(st.text(alphabet="aáàảãạoòóỏõọuùúủũụyýỳỷỹỵeèéẻẽẹ hqQUOAY", max_size=60))
def test_canonical_tones_keeps_length(s: str) -> None:
    assert len(canonical_tones(s)) == len(s)
    assert canonical_tones(canonical_tones(s)) == canonical_tones(s)
