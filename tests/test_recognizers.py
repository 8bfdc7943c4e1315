"""Per-recognizer tables, in texts written for these tests (not from the seeds)."""

from __future__ import annotations

import pytest

# -- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        pytest.param("Ngày 25-1, lãnh đạo hai huyện gặp mặt.", ["2025-01-25"], id="day-month-dash"),
        pytest.param("Chiều ngày 27/11/2024 tại Móng Cái.", ["2024-11-27"], id="afternoon-full"),
        pytest.param("Hội nghị diễn ra ngày 8 tháng 1 năm 2015.", ["2015-01-08"], id="words"),
        pytest.param("Kết quả quý 3 năm 2025 và quý III/2024.", ["2025-Q3", "2024-Q3"],
                     id="quarters"),
        pytest.param("từ ngày 30/10-1/11/2022 tại Hà Khẩu", ["2022-10-30/2022-11-01"],
                     id="span-shared-year"),
        pytest.param("Kỷ niệm 75 năm (18-1-1950 - 18-1-2025).", ["1950-01-18/2025-01-18"],
                     id="anniversary"),
        pytest.param("trong giai đoạn 2021-2025", ["2021/2025"], id="period"),
        pytest.param("Ngày 28/12, hai bên ký biên bản.", ["2024-12-28"], id="year-before"),
        pytest.param("Văn bản số 1523/UBND-KT ngày 5/6/2023.", ["2023-06-05"],
                     id="document-number-then-date"),
        pytest.param("thông quan 3/4 số xe tại mốc 1116", [], id="fraction-and-marker"),
        pytest.param("Hội nghị lần thứ 15 kéo dài 3 ngày", [], id="ordinal-duration"),
        pytest.param("tháng 2/2025 và cuối tháng 12/2013", ["2025-02", "2013-12"], id="months"),
        pytest.param("date 2025-11-28", ["2025-11-28"], id="iso"),
        pytest.param("Trong hai ngày 30/4 và 1/5, khách tăng.", ["2025-04-30", "2025-05-01"],
                     id="day-month-list"),
        pytest.param("từ ngày 5 đến ngày 7/6/2024", ["2024-06-05/2024-06-07"], id="day-span"),
    ],
)
def test_dates(process, text: str, expect: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert sorted({d.value for d in process(text).dates}) == sorted(expect)


def test_year_less_date_without_article_date_is_left_out(process) -> None:  # type: ignore[no-untyped-def]
    assert process("Ngày 27/5, hai bên hội đàm.", None).dates == []


# -- organizations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        pytest.param("Đại diện Sở Ngoại vụ tỉnh Hà Giang và Sở Ngoại vụ Vân Nam dự họp.",
                     ["Sở Ngoại vụ tỉnh Hà Giang", "Sở Ngoại vụ Vân Nam"], id="two-sides"),
        pytest.param("Chi cục Hải quan cửa khẩu Tân Thanh phối hợp với Đồn Biên phòng Ba Sơn.",
                     ["Chi cục Hải quan cửa khẩu Tân Thanh", "Đồn Biên phòng Ba Sơn"],
                     id="customs-and-post"),
        pytest.param("Làm việc với Chính phủ nhân dân huyện Hà Khẩu, Vân Nam.",
                     ["Chính phủ nhân dân huyện Hà Khẩu"], id="chinese-county"),
        pytest.param("Cục Quản lý cửa khẩu thành phố Đông Hưng cử đại diện.",
                     ["Cục Quản lý cửa khẩu thành phố Đông Hưng"], id="chinese-port-office"),
        pytest.param("Tổng Lãnh sự quán Việt Nam tại Côn Minh tổ chức gặp mặt.",
                     ["Tổng Lãnh sự quán Việt Nam tại Côn Minh"], id="consulate"),
        pytest.param("các Sở: Tài chính, Xây dựng và Công Thương cùng tham gia.",
                     ["Sở Tài chính", "Sở Xây dựng", "Sở Công Thương"], id="elliptical-colon"),
        pytest.param("Đoàn đại biểu Hội nghị tham quan Khu kinh tế cửa khẩu Lào Cai.", [],
                     id="delegation-and-zone-are-not"),
        pytest.param("Bà Lục Thị Thu, Chủ tịch Hội Liên hiệp Phụ nữ huyện Tràng Định chủ trì.",
                     ["Hội Liên hiệp Phụ nữ huyện Tràng Định"], id="mass-organization"),
        pytest.param("Phó Trưởng Ban Thường trực Ban Quản lý cửa khẩu Lạng Sơn",
                     ["Ban Quản lý cửa khẩu Lạng Sơn"], id="ban-inside-title-is-not-a-body"),
    ],
)
def test_organizations(process, text: str, expect: list[str]) -> None:  # type: ignore[no-untyped-def]
    from extract.recognizers.organizations import OrganizationRecognizer

    canon = OrganizationRecognizer().canonical
    got = sorted({o.name for o in process(text).orgs})
    assert got == sorted({canon(e) for e in expect})


def test_abbreviated_and_full_forms_are_one_body(process) -> None:  # type: ignore[no-untyped-def]
    doc = process("UBND tỉnh Lào Cai và Ủy ban nhân dân tỉnh Lào Cai là một. "
                  "BCH BĐBP tỉnh và Bộ Chỉ huy Bộ đội Biên phòng tỉnh cũng vậy.")
    assert len({o.name for o in doc.orgs}) == 2


def test_back_reference_resolves_to_named_body(process) -> None:  # type: ignore[no-untyped-def]
    doc = process("Ban Quản lý Khu kinh tế tỉnh Lào Cai tiếp đoàn. Sau đó, Ban Quản lý "
                  "đã trao đổi với phía bạn.")
    names = {o.name for o in doc.orgs}
    assert len(names) == 1
    assert len(doc.orgs) == 2


# -- people and titles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "people", "titles"),
    [
        pytest.param("Đồng chí Hầu A Lềnh, Bí thư Tỉnh ủy Hà Giang, phát biểu.",
                     ["Hầu A Lềnh"], [("Hầu A Lềnh", "Bí thư")], id="after-name"),
        pytest.param("Phó Chủ tịch UBND tỉnh Lai Châu Giàng A Tính chủ trì.",
                     ["Giàng A Tính"], [("Giàng A Tính", "Phó Chủ tịch")], id="before-name"),
        pytest.param("Thượng tá Lò Văn Hùng, Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh "
                     "Điện Biên, báo cáo.", ["Lò Văn Hùng"],
                     [("Lò Văn Hùng", "Thượng tá"), ("Lò Văn Hùng", "Chỉ huy trưởng")],
                     id="rank-and-title"),
        pytest.param("Đoàn do bà Lương Thị Mai, Giám đốc Sở Công Thương làm trưởng đoàn.",
                     ["Lương Thị Mai"],
                     [("Lương Thị Mai", "Giám đốc"), ("Lương Thị Mai", "Trưởng đoàn")],
                     id="delegation-head"),
        pytest.param("Ông Vi Quốc Cường, Phó Thị trưởng thành phố Bằng Tường, cho biết. "
                     "Ông Cường nhấn mạnh hợp tác.", ["Vi Quốc Cường"],
                     [("Vi Quốc Cường", "Phó Thị trưởng")], id="chinese-official-short-ref"),
        pytest.param("Đoàn đi theo đường Trần Hưng Đạo đến Cao Bằng.", [], [], id="street"),
        pytest.param("Anh Nguyễn Văn Tú, lái xe chở hàng, cho biết thủ tục nhanh.",
                     ["Nguyễn Văn Tú"], [], id="no-title"),
        pytest.param("Tổng Lãnh sự Việt Nam tại Nam Ninh Đỗ Tiến Thành dự buổi gặp mặt.",
                     ["Đỗ Tiến Thành"], [("Đỗ Tiến Thành", "Tổng Lãnh sự")],
                     id="consul-city-before-name"),
        pytest.param("Đồng chí Hoàng Văn Nhị, Phó Trưởng Ban Thường trực Ban Quản lý Khu kinh tế "
                     "tỉnh Cao Bằng phát biểu.", ["Hoàng Văn Nhị"],
                     [("Hoàng Văn Nhị", "Phó Trưởng Ban Thường trực")], id="board-deputy"),
        pytest.param("Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh Điện "
                     "Biên Lò Văn Tiến tiếp đoàn.", ["Lò Văn Tiến"],
                     [("Lò Văn Tiến", "Ủy viên Ban Thường vụ"),
                      ("Lò Văn Tiến", "Phó Chủ tịch Thường trực")], id="stacked-before-name"),
        pytest.param("Bí thư Thành ủy, Chủ tịch HĐND thành phố Móng Cái Hoàng Bá Nam tiếp đoàn.",
                     ["Hoàng Bá Nam"], [("Hoàng Bá Nam", "Bí thư"), ("Hoàng Bá Nam", "Chủ tịch")],
                     id="name-right-after-city"),
    ],
)
def test_people_and_titles(process, text: str, people: list[str],  # type: ignore[no-untyped-def]
                           titles: list[tuple[str, str]]) -> None:
    doc = process(text)
    assert sorted({p.name for p in doc.people}) == sorted(people)
    got = {(t.person, t.title) for t in doc.titles}
    for person, role in titles:
        assert any(p == person and t.startswith(role) for p, t in got), (person, role, got)
    assert len(got) == len(titles)


def test_short_reference_is_a_mention_of_the_full_name(process) -> None:  # type: ignore[no-untyped-def]
    doc = process("Ông Hoàng Văn Toàn, Cục trưởng Cục Hải quan tỉnh, phát biểu. "
                  "Theo ông Toàn, lượng xe tăng.")
    assert [p.name for p in doc.people] == ["Hoàng Văn Toàn", "Hoàng Văn Toàn"]
    assert doc.people[1].short


# -- gates and markers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pairs", "markers"),
    [
        pytest.param("cặp cửa khẩu Thanh Thủy (Hà Giang) - Thiên Bảo (Vân Nam)",
                     [("Thanh Thủy", "Thiên Bảo", "vn-hg-thanh-thuy")], [], id="brackets"),
        pytest.param("cặp cửa khẩu quốc tế Hà Khẩu - Lào Cai", [("Lào Cai", "Hà Khẩu", None)], [],
                     id="chinese-side-first"),
        pytest.param("lối thông quan khu vực mốc 1119-1120", [], ["1119-1120"], id="marker-only"),
        pytest.param("Khu hợp tác kinh tế qua biên giới Hà Khẩu - Lào Cai", [], [],
                     id="zone-is-not-a-pair"),
        pytest.param("tại các mốc 1090, 1091 và mốc số 53", [], ["1090", "1091", "53"],
                     id="marker-list"),
        pytest.param("cặp cửa khẩu Tà Lùng - Thủy Khẩu, khu vực mốc 1213",
                     [("Tà Lùng", "Thủy Khẩu", "vn-cb-ta-lung")], ["1213"], id="pair-with-marker"),
    ],
)
def test_gates_and_markers(process, text: str, pairs: list[tuple[str, str, str | None]],  # type: ignore[no-untyped-def]
                           markers: list[str]) -> None:
    doc = process(text)
    got = [(g.vn, g.cn) for g in doc.gates if g.cn]
    assert got == [(vn, cn) for vn, cn, _ in pairs]
    for g, (_, _, gid) in zip([g for g in doc.gates if g.cn], pairs, strict=True):
        if gid:
            assert g.gazetteer_id == gid
    assert [m.value for m in doc.markers] == markers


def test_single_gate_is_linked_with_counterpart() -> None:
    from extract import extract_text

    r = extract_text("Cửa khẩu quốc tế Hữu Nghị (Lạng Sơn) thông quan 1.200 xe.")
    assert r.gate_pairs == []
    assert [(g.name, g.kind, g.counterpart) for g in r.gates] == [
        ("Hữu Nghị", "quốc tế", "Hữu Nghị Quan")]
    assert r.gates[0].cn_hanzi == "友谊关"


# -- linking ----------------------------------------------------------------------------------


def test_known_bodies_are_linked_with_side(process) -> None:  # type: ignore[no-untyped-def]
    doc = process("UBND tỉnh Lạng Sơn làm việc với Sở Thương mại Quảng Tây.")
    linked = {o.name: (o.gazetteer_id, o.side) for o in doc.orgs}
    assert all(gid for gid, _ in linked.values()), linked
    assert sorted(side for _, side in linked.values()) == ["CN", "VN"]


def test_fuzzy_link_needs_the_same_place(process) -> None:  # type: ignore[no-untyped-def]
    doc = process("Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang tham dự.")
    assert [o.gazetteer_id for o in doc.orgs] == [None]


def test_person_side_stated_or_from_title_bodies() -> None:
    from extract import extract_text

    r = extract_text("Về phía Trung Quốc có ông Ngô Thụy Lâm, Chi đội trưởng; phía Việt Nam có "
                     "Đại tá Triệu Minh Tuấn. Ông Lò Văn Pó, Chủ tịch UBND huyện Mường Khương, "
                     "phát biểu.")
    assert {p.name: p.side for p in r.people} == {
        "Ngô Thụy Lâm": "CN", "Triệu Minh Tuấn": "VN", "Lò Văn Pó": "VN"}


def test_span_index() -> None:
    from extract.recognizers._match import SpanIndex

    idx = SpanIndex([(10, 20), (0, 3), (15, 40)])
    assert [p for p in range(45) if idx.holds(p)] == [*range(0, 3), *range(10, 40)]
    assert idx.overlaps(5, 11) and not idx.overlaps(3, 10)
    assert idx.within(5, 16) == [(10, 20), (15, 40)]


@pytest.mark.parametrize(("surface", "name"), [
    pytest.param("Cục Công an TP.Đông Hưng", "Cục Công an thành phố Đông Hưng", id="dot-glued"),
    pytest.param("UBND TP. Móng Cái", "Ủy ban nhân dân thành phố Móng Cái", id="dot-spaced"),
])
def test_a_short_form_with_its_dot_expands_with_one_space(surface: str, name: str) -> None:
    from extract.recognizers.organizations import OrganizationRecognizer
    assert OrganizationRecognizer().canonical(surface) == name


@pytest.mark.parametrize(("text", "body", "side"), [
    pytest.param("Đồn Biên phòng Trà Lĩnh bàn giao 9 công dân cho Đại đội quản lý biên giới "
                 "Tịnh Tây.", "Đại đội quản lý biên giới Tịnh Tây", "CN", id="jingxi"),
    pytest.param("Đồn Biên phòng Xín Mần tuần tra với Trạm Kiểm tra biên phòng Đô Long.",
                 "Trạm Kiểm tra biên phòng Đô Long", "CN", id="dulong"),
    pytest.param("UBND xã Ma Ly Pho tiếp nhận quà của Đồn Biên phòng Ma Lù Thàng.",
                 "Ủy ban nhân dân xã Ma Ly Pho", "VN", id="ma-ly-pho-is-also-a-commune"),
])
def test_a_chinese_place_gives_an_unknown_body_its_side(pipeline, text: str, body: str,  # type: ignore[no-untyped-def]
                                                         side: str) -> None:
    from datetime import date as _date
    doc = pipeline.process(text, reference_date=_date(2025, 5, 27))
    assert (body, side) in {(o.name, o.side) for o in doc.orgs}
