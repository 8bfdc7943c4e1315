"""Meetings: parties and people in the shapes the real articles use (parents set after a
unit, participant lists, delegation heads named with "là"), on texts written for these
tests with other names and numbers."""

from __future__ import annotations

from datetime import date

import pytest

from extract import gazetteers
from extract.document import Document

_TABLE: gazetteers.MeetingsTable = gazetteers.load("meetings")


def _run(process, text: str) -> Document:  # type: ignore[no-untyped-def]
    return process(text, date(2025, 5, 27))  # type: ignore[no-any-return]


def _parties(doc: Document) -> set[tuple[str, str]]:
    return {(p.side, p.organization) for m in doc.meetings for p in m.parties}


def _people(doc: Document) -> set[tuple[str | None, str]]:
    return {(q.side, q.name) for m in doc.meetings for q in m.people}


def test_the_rank_table_orders_units_below_their_commands() -> None:
    ranks = _TABLE.parent_rank
    assert ranks["Đồn"] < ranks["Bộ Chỉ huy"] < ranks["Bộ Tư lệnh"] < ranks["Quân giải phóng"]
    assert ranks["Trạm"] < ranks["Tổng trạm"]
    assert ranks["Phân trạm"] < ranks["Trạm"]


@pytest.mark.parametrize(("text", "kept", "parent"), [
    pytest.param(
        "Ngày 7/9/2024, Đồn Biên phòng Thèn Phàng đã tổ chức tuần tra song phương với Tiểu "
        "đoàn BĐBP Bắc Sơn, BĐBP khu Văn Sơn, Quân giải phóng nhân dân Trung Quốc.",
        "Tiểu đoàn Bộ đội Biên phòng Bắc Sơn", "Quân giải phóng nhân dân Trung Quốc",
        id="battalion-command-army"),
    pytest.param(
        "Ngày 16/4/2025, Đồn Biên phòng Bản Lầu phối hợp với Trạm Kiểm tra biên phòng Thạch "
        "Đầu thuộc Tổng trạm Kiểm tra biên phòng Vân Nam (Trung Quốc) tổ chức tuần tra song "
        "phương.",
        "Trạm Kiểm tra biên phòng Thạch Đầu", "Tổng trạm Kiểm tra biên phòng Vân Nam",
        id="station-under-general-station"),
    pytest.param(
        "Ngày 3/7/2025, bà Lò Thị Hiền, Phó Cục trưởng Cục Lãnh sự, Bộ Ngoại giao đã làm việc "
        "với Cục Quản lý xuất nhập cảnh Bằng Tường (Trung Quốc).",
        "Cục Quản lý xuất nhập cảnh Bằng Tường", "Bộ Ngoại giao",
        id="department-ministry"),
])
def test_a_parent_set_after_a_unit_is_no_party(process, text: str, kept: str,  # type: ignore[no-untyped-def]
                                               parent: str) -> None:
    names = {o for _, o in _parties(_run(process, text))}
    assert kept in names
    assert parent not in names


def test_bodies_of_one_level_listed_together_are_all_parties(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 9/6/2025, Cục Hải quan tỉnh Cao Bằng, Bộ Chỉ huy Bộ đội Biên phòng tỉnh Cao Bằng "
        "đã hội đàm với Cục Hải quan Bách Sắc (Trung Quốc)."))
    names = {o for _, o in _parties(doc)}
    assert {"Cục Hải quan tỉnh Cao Bằng", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Cao Bằng"} <= names


def test_the_command_of_units_left_unnamed_speaks_for_them(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 13/3/2025 đã diễn ra hội đàm giữa các đồn biên phòng thuộc Bộ Chỉ huy Bộ đội Biên "
        "phòng tỉnh Điện Biên và Đại đội Quản lý biên giới Giang Thành (Trung Quốc)."))
    assert ("VN", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Điện Biên") in _parties(doc)


def test_the_body_an_anniversary_celebrates_is_no_party(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 2/2/2025, Đoàn đại biểu thành phố Bằng Tường (Trung Quốc) do ông Lâm Hải Phong, "
        "Bí thư Thành ủy Bằng Tường làm Trưởng đoàn đã sang thăm và chúc mừng nhân kỷ niệm 95 "
        "năm Ngày thành lập Đảng Cộng sản Việt Nam."))
    names = {o for _, o in _parties(doc)}
    assert "Thành ủy Bằng Tường" in names
    assert "Đảng Cộng sản Việt Nam" not in names


def test_members_of_a_body_named_without_a_person_are_no_party(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 9/3/2025, Tỉnh ủy Hà Giang hội đàm với Châu ủy Văn Sơn (Trung Quốc). Tham dự "
        "hội đàm có ông Lê Văn Khải, Chủ tịch UBND tỉnh Hà Giang; các đồng chí Ủy viên Ban "
        "Thường vụ Tỉnh ủy; và ông Hầu Minh Đức, Giám đốc Sở Ngoại vụ tỉnh Hà Giang."))
    assert "Ban Thường vụ Tỉnh ủy" not in {o for _, o in _parties(doc)}
    # The list goes on past the members: the next person attends.
    assert ("VN", "Hầu Minh Đức") in _people(doc)


def test_both_sides_listed_after_gom_are_parties_clause_after_clause(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Sáng 30/1/2025, các đơn vị thuộc Bộ đội Biên phòng tỉnh Hà Giang đã tổ chức gặp gỡ "
        "lực lượng bảo vệ biên giới phía Trung Quốc.\n"
        "Theo đó, các lực lượng của hai bên gồm: Đồn Biên phòng Phó Bảng - Trạm Kiểm tra biên "
        "phòng Đổng Cán (Vân Nam, Trung Quốc); Đồn Biên phòng Lũng Cú - Trạm Kiểm tra biên "
        "phòng Điền Bồng (Vân Nam, Trung Quốc) đã gặp nhau tại mốc 428."))
    parties = _parties(doc)
    assert {("VN", "Đồn Biên phòng Lũng Cú"),
            ("CN", "Trạm Kiểm tra biên phòng Đổng Cán"),
            ("CN", "Trạm Kiểm tra biên phòng Điền Bồng")} <= parties


def test_a_delegation_head_named_with_la_leads_it(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 20/3/2025, Đồn Biên phòng Săm Pun hội đàm với Trạm hội ngộ hội đàm khu vực "
        "Điền Bồng (Trung Quốc). Trưởng đoàn đại biểu Việt Nam là Thiếu tá Vừ Mí Sính, Đồn "
        "trưởng Đồn Biên phòng Săm Pun."))
    people = {q.name: q for m in doc.meetings for q in m.people}
    assert people["Vừ Mí Sính"].role == "lead"
    assert people["Vừ Mí Sính"].side == "VN"


def test_an_earlier_meeting_keeps_its_sentence_and_the_delegation_body(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Trong các ngày 8-9/5/2025, Đoàn đại biểu tỉnh Cao Bằng do ông Trần Hồng Minh, Bí thư "
        "Tỉnh ủy Cao Bằng làm Trưởng đoàn đã thăm và làm việc tại Quảng Tây, Trung Quốc.\n"
        "Trước đó, đoàn đã làm việc với Tổng Lãnh sự quán Việt Nam tại Nam Ninh; ông Đào Văn "
        "Hưng, Tổng Lãnh sự, đã thông tin về tình hình hợp tác của các địa phương.\n"
        "Tại Nam Ninh, đoàn đã hội kiến ông Lam Thiên Lập, Chủ tịch Chính phủ nhân dân Khu tự "
        "trị dân tộc Choang Quảng Tây."))
    earlier = next(m for m in doc.meetings
                   if any(p.organization.startswith("Tổng Lãnh sự quán") for p in m.parties))
    assert earlier.date is None
    # The delegation, named only by its leader, is the host: his office is its party.
    assert ("VN", "Tỉnh ủy Cao Bằng") in {(p.side, p.organization) for p in earlier.parties}
    # The clause after ";" reports that meeting, not the visit.
    assert "Đào Văn Hưng" in {q.name for q in earlier.people}
    others = [m for m in doc.meetings if m is not earlier]
    assert others and all("Đào Văn Hưng" not in {q.name for q in m.people} for m in others)


def test_a_district_named_like_a_chinese_city_is_vietnamese(process) -> None:  # type: ignore[no-untyped-def]
    # "Trùng Khánh" is a district of Cao Bằng and Chongqing; "huyện" picks the district.
    doc = _run(process, (
        "Ngày 14/5/2025, Chủ tịch UBND tỉnh Cao Bằng Lê Hải Hòa đã khảo sát khu vực cửa khẩu "
        "Pò Peo.\nCùng đi có lãnh đạo Huyện ủy, UBND huyện Trùng Khánh và Sở Ngoại vụ."))
    sides = {o.name: o.side for o in doc.orgs}
    assert sides.get("Ủy ban nhân dân huyện Trùng Khánh") != "CN"
    assert all(side == "VN" for side, _ in _parties(doc))


def test_a_short_form_set_in_brackets_is_the_body_said_again(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Theo Ban Quản lý Khu kinh tế tỉnh Hà Giang (BQL), lượng hàng qua cửa khẩu tăng.\n"
        "Chiều ngày 12/5/2025, BQL đã làm việc với Cục Thương mại châu Văn Sơn (Trung Quốc)."))
    assert ("VN", "Ban Quản lý Khu kinh tế tỉnh Hà Giang") in _parties(doc)


def test_a_bare_short_form_never_set_in_brackets_is_no_body(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, "Chiều ngày 12/5/2025, BQL đã làm việc với các doanh nghiệp.")
    assert not doc.orgs


def test_the_company_a_branch_belongs_to_is_no_party(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 5/2/2025, Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn tiếp đón Đoàn "
        "đại biểu thành phố Bằng Tường. Cùng dự có đại diện Trung tâm Logistics Xanh Lạng Sơn "
        "- Chi nhánh Tổng công ty Cổ phần Vận tải Miền Bắc."))
    names = {o for _, o in _parties(doc)}
    assert "Tổng công ty Cổ phần Vận tải Miền Bắc" not in names


def test_an_attendees_office_is_no_party_when_the_side_lists_its_bodies(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Sáng 14/10/2024, tại Nhà kiểm soát liên hợp cửa khẩu Sóc Giang, UBND tỉnh Cao Bằng hội "
        "đàm với Chính phủ nhân dân thành phố Bách Sắc (Trung Quốc). Cùng dự có ông Hà Văn "
        "Lợi, Giám đốc Sở Tài chính và đại diện các sở, ngành: Ngoại vụ, Công Thương."))
    names = {o for _, o in _parties(doc)}
    assert "Sở Ngoại vụ" in names
    assert "Sở Tài chính" not in names
    assert ("VN", "Hà Văn Lợi") in _people(doc)


def test_an_attendees_office_speaks_for_a_side_nothing_else_names(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 3/6/2025, Cục Quản lý cửa khẩu thành phố Đông Hưng (Trung Quốc) sang thăm cửa "
        "khẩu Móng Cái. Dự buổi làm việc có bà Đỗ Thu Trang, Phó Chủ tịch UBND thành phố Móng "
        "Cái."))
    assert ("VN", "Ủy ban nhân dân thành phố Móng Cái") in _parties(doc)


def test_a_co_chair_named_with_la_leads_the_side(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Từ ngày 2 đến 4/12/2024, tại Hà Nội, Ủy ban Liên hợp biên giới đất liền Việt Nam – "
        "Trung Quốc đã tiến hành Phiên họp lần thứ 14. Đồng Chủ tịch Ủy ban phía Việt Nam là "
        "Thứ trưởng Bộ Ngoại giao Lê Hữu Sơn; phía Trung Quốc là ông Tôn Vĩ Đông, Trợ lý Bộ "
        "trưởng Bộ Ngoại giao Trung Quốc."))
    people = {q.name: q for m in doc.meetings for q in m.people}
    assert people["Lê Hữu Sơn"].role == "lead"
    assert ("VN", "Bộ Ngoại giao") in _parties(doc)


def test_the_person_a_trigger_names_as_met_leads_their_side(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Từ ngày 10 - 12/9/2024, Đoàn đại biểu tỉnh Lai Châu do ông Giàng Páo Mỷ, Bí thư Tỉnh "
        "ủy làm trưởng đoàn đã thăm tỉnh Vân Nam, Trung Quốc.\nTại Côn Minh, Đoàn đã hội kiến "
        "đồng chí Lưu Hồng Vũ, Phó Tỉnh trưởng Chính phủ nhân dân tỉnh Vân Nam."))
    people = {q.name: q for m in doc.meetings for q in m.people}
    assert people["Lưu Hồng Vũ"].role == "lead"
    assert ("CN", "Chính phủ nhân dân tỉnh Vân Nam") in _parties(doc)


def test_the_side_a_proposal_is_made_to_is_no_frame(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 17/10/2023, Tỉnh ủy Điện Biên hội đàm với Tỉnh ủy Vân Nam (Trung Quốc).\n"
        "Ông Lò Văn Tiến cảm ơn sự đón tiếp của tỉnh Vân Nam; đề nghị phía bạn sớm báo cáo "
        "Chính phủ Trung Quốc về việc nâng cấp cặp cửa khẩu."))
    names = {o for _, o in _parties(doc)}
    assert not any(n in names for n in ("Quốc vụ viện Trung Quốc", "Chính phủ Trung Quốc"))


def test_a_time_phrase_with_cung_names_no_attendee(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Chiều 8/4/2025, UBND thành phố Móng Cái đã hội đàm với Chính phủ nhân dân thành phố "
        "Đông Hưng (Trung Quốc).\nCùng kỳ, Chi cục Hải quan cửa khẩu Bắc Luân ghi nhận kim "
        "ngạch đạt khoảng 900 triệu USD."))
    assert "Chi cục Hải quan cửa khẩu Bắc Luân" not in {o for _, o in _parties(doc)}


def test_the_people_of_a_vietnamese_only_meeting_are_vietnamese(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 20/10/2025, Ủy ban Biên giới quốc gia tổ chức hội nghị trực tuyến với UBND các "
        "tỉnh biên giới.\nTham dự còn có bà Lò Thị Lan, Phó Chủ nhiệm UBBGQG."))
    assert ("VN", "Lò Thị Lan") in _people(doc)


def test_a_member_listed_after_trong_do_co_is_of_the_bodys_side(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Chiều 9/4/2025, đoàn công tác UBND thành phố Móng Cái đã hội đàm với đoàn Chính phủ "
        "nhân dân thành phố Đông Hưng, trong đó có ông Lục Gia Minh, Phó Thị trưởng."))
    assert ("CN", "Lục Gia Minh") in _people(doc)


def test_an_opening_speaker_named_by_a_bare_title_speaks_for_the_body_it_heads(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Chiều 21/5/2025, tại Côn Minh, Tổng Lãnh sự quán Việt Nam tại Côn Minh phối hợp với "
        "Sảnh Ngoại vụ tỉnh Vân Nam tổ chức tọa đàm.\nPhát biểu khai mạc, Tổng Lãnh sự Vũ Thị "
        "Hạnh nhấn mạnh năm 2025 có ý nghĩa đặc biệt."))
    assert ("VN", "Vũ Thị Hạnh") in _people(doc)


def test_posts_organizing_an_inspection_with_local_government_meet(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Từ ngày 3 đến 7/6/2025, các Đồn Biên phòng Đàm Thủy, Ngọc Côn (Bộ Chỉ huy BĐBP tỉnh "
        "Cao Bằng) phối hợp với chính quyền địa phương tổ chức kiểm tra, tu bổ hệ thống mốc "
        "quốc giới."))
    assert doc.meetings
    assert ("VN", "Đồn Biên phòng Đàm Thủy") in _parties(doc)


def test_what_a_sides_body_did_is_no_frame(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Sáng 9/8/2024, tại xã Mù Sang, đoàn làm việc với UBND huyện Phong Thổ.\nPhía Trung "
        "Quốc, Chính phủ nhân dân huyện Hà Khẩu đã hoàn tất hồ sơ đề xuất nâng cấp cửa khẩu."))
    assert "Chính phủ nhân dân huyện Hà Khẩu" not in {o for _, o in _parties(doc)}


def test_a_signing_after_a_reference_names_its_signatories(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 9/5/2024, UBND tỉnh Lai Châu hội đàm với Chính quyền nhân dân châu Hồng Hà "
        "(Trung Quốc).\nHai bên nhất trí giao Sở Ngoại vụ tỉnh Lai Châu và Văn phòng Ngoại vụ "
        "châu Hồng Hà làm đầu mối, tổ chức hội đàm định kỳ lần tiếp theo vào quý IV/2024.\n"
        "Kết thúc buổi hội đàm, hai bên chứng kiến lễ ký kết hợp đồng giữa Công ty Cổ phần "
        "Thương mại Sìn Hồ và Công ty TNHH Mậu dịch Hà Khẩu."))
    may9 = [m for m in doc.meetings if m.date == "2024-05-09"]
    assert may9
    names = {p.organization for m in may9 for p in m.parties}
    assert "Công ty Cổ phần Thương mại Sìn Hồ" in names
    later = [m for m in doc.meetings if m.date == "2024-Q4"]
    assert all("Công ty Cổ phần Thương mại Sìn Hồ" not in {p.organization for p in m.parties}
               for m in later)


def test_a_title_followed_by_its_chinese_place_gives_the_side(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Sáng 28/11/2024, UBND tỉnh Lào Cai khai mạc Hội chợ Thương mại quốc tế Việt - Trung.\n"
        "Dự lễ khai mạc có ông Hoàng Văn Bình, Phó Chủ tịch UBND tỉnh Lào Cai; ông Mã Vĩnh "
        "Thành, Phó Châu trưởng Châu Hồng Hà; đại diện Cục Xúc tiến thương mại."))
    assert ("CN", "Mã Vĩnh Thành") in _people(doc)


def test_speeches_in_a_row_are_at_the_meeting(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 8/8/2024, Chủ tịch UBND tỉnh Lai Châu Hà Trọng Nghĩa đã khảo sát cửa khẩu Ma Lù "
        "Thàng.\nSáng 9/8, tại xã Mù Sang, đoàn làm việc với UBND huyện Phong Thổ và Đồn Biên "
        "phòng cửa khẩu Ma Lù Thàng.\nBà Lò Thị Minh, Phó Chủ tịch UBND huyện Phong Thổ, cho "
        "biết bãi kiểm hóa còn chật. Ông Phàn Văn Tả, Bí thư Đảng ủy xã Mù Sang, kiến nghị bố "
        "trí thêm quỹ đất tái định cư."))
    people = {q.name for m in doc.meetings if m.date == "2024-08-09" for q in m.people}
    assert {"Lò Thị Minh", "Phàn Văn Tả"} <= people


def test_a_meeting_still_to_come_is_its_own_and_undated(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Sáng ngày 10/6/2024, đoàn công tác của Thường trực HĐND tỉnh Cao Bằng do ông Nông "
        "Văn Tám, Phó Chủ tịch HĐND tỉnh làm trưởng đoàn đã sang thăm Quảng Tây, Trung Quốc.\n"
        "Đoàn công tác sẽ hội đàm với Ủy ban Thường vụ Nhân đại Khu tự trị dân tộc Choang "
        "Quảng Tây, Trung Quốc."))
    later = [m for m in doc.meetings
             if any(p.organization.startswith("Ủy ban Thường vụ Nhân đại") for p in m.parties)]
    assert later and all(m.date is None for m in later)
    assert any(m.date == "2024-06-10" for m in doc.meetings)


def test_the_guidance_a_province_thanks_is_no_party(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 27/3/2023, Bí thư Tỉnh ủy Điện Biên hội kiến Bí thư Tỉnh ủy Vân Nam (Trung Quốc).\n"
        "Ông cho biết, cùng với sự quan tâm lãnh đạo, chỉ đạo của Trung ương Đảng, Chính phủ "
        "và sự giúp đỡ của các bộ, tỉnh Điện Biên đã đạt nhiều kết quả."))
    names = {o for _, o in _parties(doc)}
    assert not any("Chính phủ" in n or "Trung ương Đảng" in n for n in names)


@pytest.mark.parametrize(("text", "party", "person", "role"), [
    pytest.param(
        "Theo báo cáo tại buổi làm việc, lượng khách qua lối mở Sóc Giang tăng 12%.\n"
        "Phó Chủ tịch UBND tỉnh Hà Giang Nguyễn Văn Sơn phát biểu tại buổi làm việc.",
        "Ủy ban nhân dân tỉnh Hà Giang", "Nguyễn Văn Sơn", "lead",
        id="speaks-at-a-meeting-only-referred-to"),
    pytest.param(
        "Tuần qua, Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường, đã chủ trì cuộc họp với các "
        "sở, ngành về nâng cấp cửa khẩu Bản Vược.",
        "Ủy ban nhân dân tỉnh Lào Cai", "Trịnh Xuân Trường", "chair",
        id="chairs-a-meeting-after-a-comma"),
    pytest.param(
        "Các đại biểu đề nghị sớm hoàn thiện hồ sơ nâng cấp cửa khẩu.\n"
        "Kết luận buổi làm việc, đồng chí Lò Văn Cương - Phó Chủ tịch UBND tỉnh, Trưởng Ban "
        "Chỉ đạo cửa khẩu tỉnh yêu cầu Sở Ngoại vụ có công hàm gửi phía bạn; Văn phòng UBND "
        "tỉnh tổng hợp hồ sơ.",
        "Ban Chỉ đạo cửa khẩu tỉnh", "Lò Văn Cương", "chair",
        id="concludes-and-instructs-others"),
])
def test_a_person_at_a_meeting_only_referred_to_gives_it(  # type: ignore[no-untyped-def]
        process, text: str, party: str, person: str, role: str) -> None:
    doc = _run(process, text)
    assert len(doc.meetings) == 1
    m = doc.meetings[0]
    assert [(p.side, p.organization) for p in m.parties] == [("VN", party)]
    assert [(q.name, q.role) for q in m.people] == [(person, role)]


def test_a_speaker_at_a_meeting_already_reported_opens_no_other(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 3/4/2025, Sở Ngoại vụ tỉnh Lạng Sơn làm việc với Văn phòng Ngoại sự Quảng Tây.\n"
        "Giám đốc Sở Ngoại vụ Hoàng Thị Hà phát biểu tại buổi làm việc."))
    assert len(doc.meetings) == 1


def test_a_title_said_again_in_a_caption_is_still_an_office(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Sáng 12/3/2025, đồng chí Vy Văn Thành, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Cao Bằng "
        "tiếp Đoàn công tác của Tổng Lãnh sự quán Trung Quốc tại Hải Phòng do ông Lý Minh, "
        "Tổng Lãnh sự làm trưởng đoàn.\n"
        "Đồng chí Vy Văn Thành, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Cao Bằng tặng quà lưu "
        "niệm cho Tổng Lãnh sự Lý Minh"))
    vn = {o for side, o in _parties(doc) if side == "VN"}
    assert vn == {"Ủy ban nhân dân tỉnh Cao Bằng"}
    # The record still lists each title once, where first stated.
    assert len([h for h in doc.titles if h.person == "Vy Văn Thành"]) == 2
    assert len([h for h in doc.title_mentions if h.person == "Vy Văn Thành"]) == 4


def test_the_host_of_the_guests_own_side_is_a_party(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Sáng 9/7/2024, tại cửa khẩu Quốc tế Lào Cai, đồng chí Hoàng Quốc Khánh, Phó Chủ tịch "
        "UBND tỉnh Lào Cai tiễn Đoàn công tác của Bộ Công Thương do Thứ trưởng Phan Thị Thắng "
        "làm trưởng đoàn sang làm việc tại Côn Minh, Trung Quốc."))
    assert _parties(doc) >= {("VN", "Ủy ban nhân dân tỉnh Lào Cai"), ("VN", "Bộ Công Thương")}


def test_a_delegation_of_an_embassy_takes_its_country_not_its_hosts(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Sáng 14/3/2025, Chủ tịch UBND tỉnh Hà Giang tiếp Đoàn công tác của Đại sứ quán Trung "
        "Quốc tại Việt Nam do ông Lưu Văn Bình, Tham tán Công sứ làm Trưởng đoàn."))
    assert ("CN", "Lưu Văn Bình") in _people(doc)


def test_a_head_titled_by_a_place_has_its_government_as_office(process) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Sáng 5/9/2024, tại thành phố Lào Cai, Chủ tịch UBND tỉnh Lào Cai Nguyễn Văn A đã có "
        "buổi hội đàm với ông Vương Đức, Huyện trưởng huyện Hà Khẩu (Trung Quốc).\n"
        "Năm 2023, UBND tỉnh Lào Cai và Chính quyền nhân dân huyện Hà Khẩu đã ký biên bản "
        "ghi nhớ.")
    doc = _run(process, text)
    talks = [m for m in doc.meetings if m.date == "2024-09-05"]
    assert talks
    cn = {p.organization for p in talks[0].parties if p.side == "CN"}
    assert cn and all("Hà Khẩu" in o for o in cn)
    # With the government never named, there is no body to ground the office on.
    bare = _run(process, text.split("\n")[0])
    assert not any(p.side == "CN" for m in bare.meetings for p in m.parties)


def test_a_handover_of_a_counted_group_is_a_meeting(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 14/8/2024 tại Cửa khẩu quốc tế Tà Lùng, Phòng Quản lý xuất nhập cảnh Công an tỉnh "
        "Cao Bằng đã phối hợp với Đồn Biên phòng cửa khẩu quốc tế Tà Lùng tiến hành thủ tục "
        "trao trả 12 người mang quốc tịch Trung Quốc cho Trạm Kiểm soát biên phòng Thủy Khẩu."))
    assert [m.date for m in doc.meetings] == ["2024-08-14"]
    assert any(side == "CN" and "Thủy Khẩu" in o for side, o in _parties(doc))


def test_a_handover_reported_as_just_done_takes_no_report_date(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 9/10/2024, Công an tỉnh Lạng Sơn cho biết, đơn vị vừa phối hợp với Đồn Biên "
        "phòng cửa khẩu quốc tế Hữu Nghị bàn giao 3 đối tượng truy nã cho Cục Công an thành phố "
        "Bằng Tường."))
    assert doc.meetings and all(m.date is None for m in doc.meetings)
    # Said of the day itself, the date is the handover's.
    dated = _run(process, (
        "Ngày 9/10/2024, Công an tỉnh Lạng Sơn phối hợp với Đồn Biên phòng cửa khẩu quốc tế "
        "Hữu Nghị bàn giao 3 đối tượng truy nã cho Cục Công an thành phố Bằng Tường."))
    assert [m.date for m in dated.meetings] == ["2024-10-09"]


def test_leaders_take_the_side_of_the_body_named_right_before_them(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 9/4/2025, Đồn Biên phòng Săm Pun, dưới sự chỉ huy của Thiếu tá Vàng Mí Sính, Đồn "
        "trưởng, đã phối hợp với Trạm Kiểm soát biên phòng Điền Bồng (Trung Quốc), do Thượng "
        "úy Lương Chí Hoa làm Trưởng đoàn, tuần tra song phương."))
    assert {("VN", "Vàng Mí Sính"), ("CN", "Lương Chí Hoa")} <= _people(doc)


def test_members_of_bodies_listed_as_companions_are_no_parties(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 11/12/2024, đoàn đại biểu tỉnh Cao Bằng do đồng chí Trần Hồng Minh, Bí thư Tỉnh "
        "ủy làm trưởng đoàn đã hội đàm với Đảng ủy Khu tự trị dân tộc Choang Quảng Tây.\n"
        "Cùng đi có một số đồng chí trong Ban Thường vụ Tỉnh ủy, Ban Chấp hành Đảng bộ tỉnh."))
    names = {o for _, o in _parties(doc)}
    assert not any(n.startswith(("Ban Thường vụ", "Ban Chấp hành")) for n in names)
    assert any(n.startswith("Đảng ủy Khu tự trị") for n in names)


def test_an_agency_dateline_in_the_headline_is_not_the_meetings_date(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Phiên họp lần thứ ba về phân giới cắm mốc Hà Nội (TTXVN 9/6/2001)\n"
        "Phiên họp lần thứ ba của Ủy ban liên hợp phân giới cắm mốc đã diễn ra tại Hà Nội từ "
        "ngày 2/6 đến ngày 7/6 năm 2001.\n"
        "Đoàn Việt Nam do ông Nguyễn Văn An, Vụ trưởng Vụ Biên giới Bộ Ngoại giao dẫn đầu."))
    assert [m.date for m in doc.meetings] == ["2001-06-02/2001-06-07"]


def test_the_command_of_the_units_that_meet_is_no_party(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Sáng 29/1/2025, các đơn vị thuộc Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang đã tổ chức "
        "gặp gỡ lực lượng quản lý biên giới phía bạn. Theo đó, các lực lượng của hai bên gồm: "
        "Đồn Biên phòng Lũng Cú - Trạm Kiểm soát biên phòng Điền Bồng (Trung Quốc)."))
    names = {o for _, o in _parties(doc)}
    assert "Đồn Biên phòng Lũng Cú" in names
    assert not any(n.startswith("Bộ Chỉ huy") for n in names)


def test_a_handover_inside_the_country_is_no_meeting(process) -> None:  # type: ignore[no-untyped-def]
    doc = _run(process, (
        "Ngày 3/6/2024, Đồn Biên phòng Sóc Giang phát hiện 12 công dân nhập cảnh trái phép.\n"
        "Đồn Biên phòng Sóc Giang đã hoàn tất thủ tục và bàn giao cho Trung tâm y tế huyện Hà "
        "Quảng đưa đi cách ly."))
    assert not doc.meetings
    crossing = _run(process, (
        "Ngày 3/6/2024, Đồn Biên phòng Sóc Giang bàn giao 12 công dân Trung Quốc cho phía bạn "
        "tại cửa khẩu."))
    assert [m.date for m in crossing.meetings] == ["2024-06-03"]
