"""Texts of the shapes that once made a stage super-linear (issue 12), at any size.

Each shape repeats one small fragment of article-like text (a list of markers after a
dateline, short name lines before a paragraph, a body named again in its short form …)
until the text has ``n`` characters.  A stage that rescans its candidates for each
candidate, or the rest of the text for each match, is quadratic (or worse) on these.  Lines
are cut at ``line`` characters (the reader refuses longer ones), except for shapes whose
line structure is the point.  Deterministic: the same shape and size give the same text.

Used by ``bench/fuzz.py`` (timed, up to the reader's 500,000-character cap) and by
``tests/test_linearity.py`` (work counted, at small sizes).
"""

from __future__ import annotations

import random
from collections.abc import Callable

__all__ = ["SHAPES", "make"]

LEAD = ("Ngày 27/5/2025, Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn hội đàm với "
        "đoàn Trung Quốc. ")
_PARAGRAPH = ("Ngày 27/5/2025, Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn hội đàm "
              "với đoàn Trung Quốc. ") * 3
_SUR = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        "Dương", "Lý", "Lò", "Vi", "Nông", "Triệu", "Mã", "Lưu"]
_MID = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Xuân", "Ngọc", "Kim"]
_GIV = ["An", "Bình", "Cường", "Dũng", "Hùng", "Lan", "Mai", "Nam", "Phong", "Quân", "Sơn",
        "Tâm", "Toàn", "Vinh", "Yến"]
_CAPS = ["Quản", "Lý", "Khu", "Kinh", "Tế", "Cửa", "Khẩu", "Đồng", "Đăng", "Lạng", "Sơn",
         "Bằng", "Tường", "Hữu", "Nghị"]
_PROVINCES = ["Lạng Sơn", "Cao Bằng", "Lào Cai", "Hà Giang"]
_SENTENCE = "Hai bên trao đổi về hợp tác thương mại biên giới tại cửa khẩu"

Fragment = Callable[[random.Random, int], str]


def _name(r: random.Random) -> str:
    return f"{r.choice(_SUR)} {r.choice(_MID)} {r.choice(_GIV)}"


# name -> (lead text, fragment i -> text, own line structure)
SHAPES: dict[str, tuple[str, Fragment, bool]] = {
    # "mốc 1, mốc 2, …" after a dateline: every "mốc" restarted the list walk (cubic).
    "markers_list": ("Ngày 27/5/2025, đoàn khảo sát ", lambda r, i: f"mốc {i % 9000 + 1}, ",
                     False),
    # "mốc 1-" ×300 per line: each marker checked against every marker found.
    "markers_dash": ("", lambda r, i: (f"{_SENTENCE}. " if i % 300 == 0 else "") + "mốc 1-"
                     + ("\n" if i % 300 == 299 else ""), True),
    # Short name lines before a paragraph: the masthead scan looked up each line's
    # neighbours by searching the list of lines.
    "name_lines": ("", lambda r, i: f"{r.choice(_SUR)} Văn {r.choice(_GIV)}\n", True),
    # A body named again in its short form: each short form compared with every mention.
    "orgs_short_forms": ("Ngày 27/5/2025.\n", lambda r, i: f"Sở Công Thương tỉnh "
                         f"{_PROVINCES[i % 4]}, Sở Công Thương, ", False),
    "dates_list": (f"{_SENTENCE} ", lambda r, i: f"ngày {i % 28 + 1}/{i % 12 + 1}/2024, ",
                   False),
    "day_months": (LEAD, lambda r, i: f"{i % 28 + 1}/{i % 12 + 1} và ", False),
    "ban_quan_ly": (LEAD, lambda r, i: "Ban Quản lý ", False),
    "gate_markers": (LEAD, lambda r, i: "cửa khẩu Tân Thanh mốc 1088/2-1089 ", False),
    "gate_pairs": (LEAD, lambda r, i: "cửa khẩu Hữu Nghị - Hữu Nghị Quan, ", False),
    "delegation": (LEAD, lambda r, i: f"do ông {_name(r)} làm trưởng đoàn. ", False),
    "names_list": (LEAD, lambda r, i: f"ông {_name(r)}, ", False),
    "titles_list": (LEAD, lambda r, i: f"đồng chí {_name(r)}, Phó Chủ tịch UBND tỉnh Lạng "
                    "Sơn, ", False),
    "capitalized": (LEAD, lambda r, i: r.choice(_CAPS) + " ", False),
    "plural_bodies": (LEAD, lambda r, i: "UBND các tỉnh Quảng Ninh, Lạng Sơn, Cao Bằng, Hà "
                      "Giang, ", False),
    "dept_lists": (LEAD, lambda r, i: "các Sở, Ban, ngành: Công Thương, Ngoại vụ, Tài chính, ",
                   False),
    "standing_committee": (LEAD, lambda r, i: "Ủy viên Ban Thường vụ Tỉnh ủy ", False),
    "conferences": (LEAD, lambda r, i: "Hội nghị ", False),
}


def make(shape: str, n: int, line: int = 100_000, seed: int = 0) -> str:
    """About ``n`` characters of ``shape``; lines of at most ``line`` characters."""
    lead, fragment, own_lines = SHAPES[shape]
    r = random.Random(seed)
    out = [lead]
    size = len(lead)
    since = size
    i = 0
    while size < n:
        f = fragment(r, i)
        i += 1
        if not own_lines and since + len(f) > line:
            out.append("\n")
            size += 1
            since = 0
        out.append(f)
        size += len(f)
        since = 0 if f.endswith("\n") else since + len(f)
    text = "".join(out)[:n]
    if shape == "name_lines":
        text += "\n" + _PARAGRAPH
    return text
