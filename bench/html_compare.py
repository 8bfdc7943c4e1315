"""Compare boilerplate-removal libraries on the saved pages in bench/pages/.

For each page: the share of article sentences kept (recall) and of boilerplate snippets
(menus, related lists, comments, footers) let through (noise).  The pages are small copies
of three layouts seen on Vietnamese news sites, with the article and noise marked below.

    .venv/bin/python bench/html_compare.py
"""

from __future__ import annotations

from pathlib import Path

import justext
import trafilatura

PAGES = Path(__file__).resolve().parent / "pages"
TRUTH = {
    "bienphong.html": (["Ngày 20/3/2024, tại cửa khẩu", "Hai bên thống nhất đẩy mạnh",
                        "Phát biểu tại buổi hội đàm"],
                       ["Trang chủ", "Tin liên quan", "Đông Hưng", "Bình luận",
                        "Bài viết rất hay", "Tân Thanh cũng", "Giấy phép"]),
    "vnexpress-like.html": (["Sáng 15/9, tại cửa khẩu", "Ông Hoàng Xuân Ánh",
                             "mỗi ngày có khoảng 300 xe"],
                            ["Thời sự", "Tin liên quan", "sầu riêng", "Ý kiến (12)",
                             "thủ tục thông quan được", "Tin vui cho bà con",
                             "nhiều người xem nhất"]),
    "tinh-table.htm": (["Ngày 11/5/2022, tại thành phố", "Tham dự hội đàm có ông",
                        "Hai bên thống nhất nâng cao"],
                       ["Giới thiệu", "Các tin khác", "đón đoàn công tác", "Ý kiến bạn đọc",
                        "cửa khẩu thông minh", "Bản quyền"]),
}


def with_trafilatura(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True) or ""


def with_justext(html: str) -> str:
    paras = justext.justext(html.encode(), justext.get_stoplist("Vietnamese"))
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def main() -> None:
    print(f"{'page':<22}{'library':<13}{'recall':>8}{'noise':>8}")
    for name, (keep, noise) in TRUTH.items():
        html = (PAGES / name).read_text(encoding="utf-8")
        for lib, fn in (("trafilatura", with_trafilatura), ("justext", with_justext)):
            text = fn(html)
            r = sum(k in text for k in keep) / len(keep)
            n = sum(x in text for x in noise) / len(noise)
            print(f"{name:<22}{lib:<13}{r:8.2f}{n:8.2f}")


if __name__ == "__main__":
    main()
