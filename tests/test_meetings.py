"""Meetings: the trigger table's own examples, the delegation and side frames on texts
written for these tests, the record's references, and the three meeting scores."""

from __future__ import annotations

from datetime import date

import pytest

from extract import gazetteers
from extract.document import Document
from extract.evaluate import FIELDS, score_documents
from extract.pipeline import Pipeline

_TABLE: gazetteers.MeetingsTable = gazetteers.load("meetings")


def _positive_cases() -> list[object]:
    return [pytest.param(t.text.lower(), t.kind, ex, id=f"{t.text}-pos-{i}")
            for t in _TABLE.trigger for i, ex in enumerate(t.examples)]


def _negative_cases() -> list[object]:
    return [pytest.param(t.text.lower(), ex, id=f"{t.text}-neg-{i}")
            for t in _TABLE.trigger for i, ex in enumerate(t.negatives)]


def _meetings(process, text: str) -> Document:  # type: ignore[no-untyped-def]
    return process(text, date(2025, 5, 27))  # type: ignore[no-any-return]


@pytest.mark.parametrize(("word", "kind", "text"), _positive_cases())
def test_trigger_examples_give_a_meeting_of_their_kind(process, word: str, kind: str,  # type: ignore[no-untyped-def]
                                                       text: str) -> None:
    doc = _meetings(process, text)
    assert [(doc.text[slice(*m.trigger)].lower(), m.kind_norm) for m in doc.meetings] == [
        (word, kind)]
    assert all(m.parties for m in doc.meetings)


@pytest.mark.parametrize(("word", "text"), _negative_cases())
def test_trigger_negatives_give_no_meeting_from_that_word(process, word: str,  # type: ignore[no-untyped-def]
                                                          text: str) -> None:
    doc = _meetings(process, text)
    assert not [m for m in doc.meetings if doc.text[slice(*m.trigger)].lower() == word]


@pytest.mark.parametrize("text", [pytest.param(e.text, id=f"table-neg-{i}")
                                  for i, e in enumerate(_TABLE.negatives)])
def test_table_negatives_give_no_meeting(process, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _meetings(process, text).meetings == []


def test_table_has_the_kinds_of_the_guide() -> None:
    kinds = {t.kind for t in _TABLE.trigger}
    assert kinds == {"talks", "working session", "reception", "conference", "ceremony",
                     "signing", "joint patrol or inspection", "visit"}


def test_a_bad_table_is_refused() -> None:
    raw = _TABLE.model_dump(by_alias=True)
    raw["trigger"] = [*raw["trigger"], {"text": "hội đàm", "kind": "talks",
                                        "examples": ["x"]}]
    with pytest.raises(ValueError, match="duplicate"):
        gazetteers.MeetingsTable.model_validate(raw)
    raw["trigger"] = [{"text": "gặp", "kind": "party", "examples": ["x"]}]
    with pytest.raises(ValueError):
        gazetteers.MeetingsTable.model_validate(raw)


# --- frames, on texts written for these tests ------------------------------------------------

_DELEGATION = (
    "Ngày 14/3/2025, tại thành phố Lạng Sơn, Đoàn đại biểu tỉnh Lạng Sơn do ông Nguyễn Văn "
    "Hùng, Giám đốc Sở Công Thương tỉnh Lạng Sơn làm trưởng đoàn đã có buổi làm việc với Đoàn "
    "đại biểu Sở Thương mại Quảng Tây do ông Lương Khải Minh, Phó Giám đốc Sở làm trưởng đoàn.")

_RECEPTION = (
    "Sáng 2/4/2025, ông Hồ Tiến Thiệu, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh "
    "Lạng Sơn tiếp Đoàn đại biểu Chính phủ nhân dân thành phố Bằng Tường.")

_SIDES = (
    "Ngày 9/5/2025, Ban Quản lý Khu kinh tế tỉnh Quảng Ninh hội đàm với Cục Quản lý cửa khẩu "
    "thành phố Đông Hưng.\n"
    "Về phía Việt Nam có ông Trần Quang Vinh, Phó Trưởng Ban Quản lý Khu kinh tế tỉnh Quảng "
    "Ninh; phía Trung Quốc có ông Hoàng Chí Kiên, Cục trưởng Cục Quản lý cửa khẩu thành phố "
    "Đông Hưng.\n"
    "Hai bên thống nhất tăng cường trao đổi thông tin.")

_VN_ONLY = (
    "Ngày 20/6/2025, Ban Chỉ đạo phát triển kinh tế cửa khẩu tỉnh Cao Bằng họp phiên thứ "
    "hai. Đồng chí Lê Hải Hòa, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo chủ trì cuộc họp.")

_ONE_MEETING = (
    "UBND tỉnh Hà Giang hội đàm với Chính phủ nhân dân châu Văn Sơn\n"
    "Ngày 12/3/2025, UBND tỉnh Hà Giang tổ chức hội đàm với Chính phủ nhân dân châu Văn "
    "Sơn.\n"
    "Tại buổi hội đàm, hai bên thống nhất báo cáo kết quả hội đàm lên cấp trên trước ngày "
    "15/4/2025.")


def _view(doc: Document) -> list[tuple[str | None, list[tuple[str | None, str]],
                                       list[tuple[str | None, str]]]]:
    return [(m.date, sorted((p.side, p.organization) for p in m.parties),
             sorted((q.side, q.name) for q in m.people)) for m in doc.meetings]


def test_delegation_frame_gives_sides_leaders_and_their_offices(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, _DELEGATION)
    assert len(doc.meetings) == 1
    m = doc.meetings[0]
    assert m.date == "2025-03-14"
    assert {(p.side, p.organization) for p in m.parties} >= {
        ("CN", "Sở Thương mại Quảng Tây")}
    assert ("VN", "Sở Công Thương tỉnh Lạng Sơn") in {(p.side, p.organization)
                                                      for p in m.parties}
    assert {(q.side, q.name, q.role) for q in m.people} == {
        ("VN", "Nguyễn Văn Hùng", "lead"), ("CN", "Lương Khải Minh", "lead")}
    # "Đoàn đại biểu tỉnh Lạng Sơn": a place as a side gives no party.
    assert not [p for p in m.parties if "tỉnh Lạng Sơn" == p.organization]


def test_reception_party_is_the_last_head_office_not_the_membership(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, _RECEPTION)
    (m,) = doc.meetings
    names = {p.organization for p in m.parties}
    assert m.kind_norm == "reception"
    assert any("Bằng Tường" in n for n in names)
    assert not any("Tỉnh ủy" in n for n in names)  # Ủy viên Ban Thường vụ Tỉnh ủy
    assert any(n.startswith(("UBND", "Ủy ban nhân dân")) for n in names)


def test_side_frames_give_each_person_their_side(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, _SIDES)
    (m,) = doc.meetings
    assert {(q.side, q.name) for q in m.people} == {("VN", "Trần Quang Vinh"),
                                                    ("CN", "Hoàng Chí Kiên")}
    assert {p.side for p in m.parties} == {"VN", "CN"}


def test_vietnamese_only_meeting_has_only_vn_sides(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, _VN_ONLY)
    (m,) = doc.meetings
    assert m.date == "2025-06-20"
    assert {p.side for p in m.parties} == {"VN"}
    assert [(q.name, q.role) for q in m.people] == [("Lê Hải Hòa", "chair")]


def test_headline_lead_and_body_are_one_meeting_dated_by_its_clause(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, _ONE_MEETING)
    assert [m.date for m in doc.meetings] == ["2025-03-12"]  # not the deadline 15/4
    assert len(doc.meetings[0].triggers) >= 3


def test_undated_meeting_takes_the_articles_date_and_no_invented_side(process) -> None:  # type: ignore[no-untyped-def]
    doc = process("Sở Ngoại vụ tỉnh Lào Cai làm việc với Văn phòng Ngoại vụ huyện Hà Khẩu.",
                  date(2025, 11, 28))
    (m,) = doc.meetings
    assert m.date == "2025-11-28"
    assert all(p.side in ("VN", "CN") for p in m.parties)


def test_record_refers_to_its_entries_and_grounds_triggers() -> None:
    text = _DELEGATION + "\nHai bên bàn về cặp cửa khẩu Hữu Nghị - Hữu Nghị Quan, khu vực mốc 1119."
    rec = Pipeline().run(text, reference_date=date(2025, 5, 27))
    (m,) = rec.meetings
    for p in m.parties:
        assert rec.organizations[p.index].name == p.organization
    for q in m.people:
        assert rec.people[q.index].name == q.name
    assert text[m.trigger.start:m.trigger.end] == m.trigger.text
    assert all(text[e.start:e.end] == e.text for e in m.evidence + m.trigger_mentions)
    assert [rec.gate_pairs[g].cn for g in m.gate_pairs] == ["Hữu Nghị Quan"]
    assert [rec.markers[k].value for k in m.markers] == ["1119"]


def test_the_same_meetings_whatever_the_order_of_runs(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = [pipeline.run(t).meetings for t in (_SIDES, _RECEPTION)]
    b = [pipeline.run(t).meetings for t in (_RECEPTION, _SIDES)][::-1]
    assert a == b


# --- scores ------------------------------------------------------------------------------------

def _doc(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {f: [] for f in FIELDS if f not in (
        "meetings", "meeting_parties", "meeting_people")}
    base["published"] = None
    base.update(kw)
    return base


_GOLD_MEETING = {"kind": "làm việc", "date": "2014-03-20", "place": None,
                 "parties": [["VN", "Ban Quản lý Khu KTCK Đồng Đăng-Lạng Sơn"],
                             ["CN", "Sở Thương mại Quảng Tây"]],
                 "people": [["VN", "Hoàng Minh Trường"], ["CN", "Mã Kế Hiến"]]}


def test_meeting_scores_are_flattened_by_date_side_and_name() -> None:
    gold = {"a": _doc(organizations=[["Ban Quản lý Khu KTCK Đồng Đăng-Lạng Sơn",
                                      "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"]],
                      meetings=[_GOLD_MEETING])}
    pred = {"a": _doc(meetings=[
        {"date": "2014-03-20",
         "parties": [["VN", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"],
                     ["VN", "Sở Thương mại Quảng Tây"]],      # wrong side
         "people": [["VN", "hoàng minh trường"], ["CN", "Mã Kế Hiến"]]},
        {"date": "2014-03-04", "parties": [], "people": [["CN", "Mã Kế Hiến"]]}])}
    r = score_documents(gold, pred)
    m, p, q = (r.fields[f] for f in ("meetings", "meeting_parties", "meeting_people"))
    assert (m.tp, m.fp, m.fn) == (1, 1, 0)
    assert (p.tp, p.fp, p.fn) == (1, 1, 1)
    assert (q.tp, q.fp, q.fn) == (2, 1, 0)


def test_meeting_parties_match_as_organizations_once_each() -> None:
    gold = {"a": _doc(meetings=[{"date": None, "parties": [["CN", "Sở Thương mại Quảng Tây"]],
                                 "people": []}])}
    pred = {"a": _doc(meetings=[{"date": None,
                                 "parties": [["CN", "Sở Thương mại Quảng Tây."],
                                             ["CN", "Sở Thương mại Quảng  Tây"]],
                                 "people": []}])}
    p = score_documents(gold, pred).fields["meeting_parties"]
    assert (p.tp, p.fp, p.fn) == (1, 1, 0)


def test_gold_without_meetings_is_not_scored_for_them() -> None:
    gold = {"a": _doc()}
    pred = {"a": _doc(meetings=[{"date": "2025-01-01", "parties": [["VN", "X"]],
                                 "people": [["VN", "Y Z"]]}])}
    r = score_documents(gold, pred)
    assert all(r.fields[f].tp + r.fields[f].fp + r.fields[f].fn == 0
               for f in ("meetings", "meeting_parties", "meeting_people"))
    assert "meetings" not in r.shown_fields()
    gold["a"]["meetings"] = []
    r = score_documents(gold, pred)
    assert r.fields["meetings"].fp == 1 and "meeting_people" in r.shown_fields()


# --- views ---------------------------------------------------------------------------------

def test_report_shows_a_meetings_table_and_highlights_triggers() -> None:
    from extract.display import record_html
    from extract.report import render_report

    rec = Pipeline().run(_SIDES, doc_id="sides", reference_date=date(2025, 5, 27))
    page = render_report([rec], texts={"sides": _SIDES})
    table = page.split("xt-meetings", 1)[1].split("</table>", 1)[0]
    assert "<th>VN side</th><th>CN side</th>" in table
    assert "2025-05-09" in table and "Hoàng Chí Kiên" in table and "Trần Quang Vinh" in table
    assert page.count('class="xt-ent xt-k-meeting"') == len(rec.meetings[0].trigger_mentions)
    assert 'data-value="talks 2025-05-09"' in page
    assert "xt-meetings" in record_html(rec, _SIDES)


def test_meetings_frame_has_one_row_per_meeting_and_party() -> None:
    pytest.importorskip("pandas")
    from extract.frames import to_frame

    records = [Pipeline().run(t, doc_id=str(i), reference_date=date(2025, 5, 27))
               for i, t in enumerate((_SIDES, _DELEGATION))]
    frame = to_frame(records, kind="meetings")
    assert len(frame) == sum(len(m.parties) for r in records for m in r.meetings)
    cn = frame[(frame.doc_id == "0") & (frame.side == "CN")].iloc[0]
    assert cn.date == "2025-05-09" and cn.people == ["Hoàng Chí Kiên"]
    assert set(frame.columns) >= {"date", "kind", "side", "organization", "leaders"}


_JOINT = (
    "Từ ngày 3 đến 5/6/2025, tại Hà Nội, Ủy ban Liên hợp biên giới đất liền Việt Nam – Trung "
    "Quốc đã tiến hành Phiên họp lần thứ 14. Đồng Chủ tịch Ủy ban phía Việt Nam là ông Nguyễn "
    "Văn Hải, Thứ trưởng Bộ Ngoại giao; phía Trung Quốc là ông Lý Minh Khải, Trợ lý Bộ trưởng "
    "Bộ Ngoại giao Trung Quốc.")


def test_joint_committee_is_no_party_its_co_chairs_offices_are(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, _JOINT)
    (m,) = doc.meetings
    assert m.date == "2025-06-03/2025-06-05"
    parties = {(p.side, p.organization) for p in m.parties}
    assert not [n for _, n in parties if "Liên hợp" in n]
    assert ("CN", "Bộ Ngoại giao Trung Quốc") in parties and ("VN", "Bộ Ngoại giao") in parties
    assert {(q.side, q.name) for q in m.people} == {("VN", "Nguyễn Văn Hải"),
                                                    ("CN", "Lý Minh Khải")}


def test_both_sides_scheduling_a_meeting_gives_its_date_and_their_bodies(process) -> None:  # type: ignore[no-untyped-def]
    text = _SIDES.replace("Hai bên thống nhất tăng cường trao đổi thông tin.",
                          "Hai bên thống nhất tổ chức hội đàm tiếp theo vào tháng 9/2025.")
    doc = _meetings(process, text)
    dates = [m.date for m in doc.meetings]
    assert dates == ["2025-05-09", "2025-09"]
    first, second = doc.meetings
    assert {p.organization for p in second.parties} == {
        p.organization for p in first.parties if p.role is not None}
    assert second.people == []  # who will lead it is not said


# --- classes found on real pages (texts written for these tests, in those pages' shape) -------

def _parties(doc: Document) -> list[tuple[str | None, str, str]]:
    return sorted((m.date, p.side, p.organization) for m in doc.meetings for p in m.parties)


def test_citizens_handed_back_are_a_meeting_and_the_apposed_places_give_the_side(  # type: ignore[no-untyped-def]
        process) -> None:
    doc = _meetings(process, (
        "Ngày 6/5/2025, Đồn Biên phòng Cửa khẩu Quốc tế Lào Cai phối hợp với Công an tỉnh tiếp "
        "nhận 8 công dân do Đại đội quản lý xuất nhập cảnh Cục Công an huyện Bình Biên, châu "
        "Hồng Hà, tỉnh Vân Nam (Trung Quốc) trao trả."))
    assert [m.date for m in doc.meetings] == ["2025-05-06"]
    sides = {p.organization: p.side for p in doc.meetings[0].parties}
    assert [s for name, s in sides.items() if name.startswith("Đồn Biên phòng")] == ["VN"]
    assert [s for name, s in sides.items() if "Bình Biên" in name] == ["CN"]


def test_an_anniversary_span_is_no_meeting_date(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Nhân dịp kỷ niệm 80 năm Quốc khánh 2/9 (1945-2025), Đoàn đại biểu Trạm Kiểm tra biên "
        "phòng Đông Hưng (Trung Quốc) hội đàm với Đồn Biên phòng cửa khẩu Bắc Luân."))
    assert doc.meetings
    assert all(m.date is None or "/" not in m.date for m in doc.meetings)


@pytest.mark.parametrize("lead", [
    pytest.param("Thực hiện ý kiến chỉ đạo của Bộ Ngoại giao, ngày 3/6/2025, ", id="directive"),
    pytest.param("Được sự đồng ý của Thủ tướng Chính phủ, ngày 3/6/2025, ", id="consent"),
    pytest.param("Theo tinh thần các hiệp định mà Chính phủ, Bộ Quốc phòng hai nước đã ký kết, "
                 "ngày 3/6/2025, ", id="agreements"),
])
def test_the_authority_a_meeting_acts_under_is_no_party(process, lead: str) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, lead + (
        "Sở Ngoại vụ tỉnh Cao Bằng làm việc với Văn phòng Ngoại vụ thành phố Sùng Tả."))
    names = {p.organization for m in doc.meetings for p in m.parties}
    assert "Sở Ngoại vụ tỉnh Cao Bằng" in names
    assert not names & {"Bộ Ngoại giao", "Chính phủ", "Bộ Quốc phòng"}


def test_an_agreement_between_two_bodies_names_its_signatories(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Dự án là nội dung chính của Thỏa thuận hợp tác giữa Tỉnh ủy Lào Cai và Châu ủy Hồng Hà "
        "(Trung Quốc), ký kết vào ngày 5/3/2025."))
    assert ("2025-03-05", "VN", "Tỉnh ủy Lào Cai") in _parties(doc)


def test_the_lead_opens_the_meeting_though_its_date_has_no_year(process) -> None:  # type: ignore[no-untyped-def]
    doc = process(
        "Chiều 21/4, tại thành phố Lào Cai, Đoàn đại biểu tỉnh Lào Cai đã có buổi hội đàm với "
        "Đoàn đại biểu châu Hồng Hà (tỉnh Vân Nam, Trung Quốc).\n\n"
        "Đoàn đại biểu tỉnh Lào Cai do đồng chí Vũ Đình Khang, Bí thư Tỉnh ủy Lào Cai làm Trưởng "
        "đoàn, Đoàn đại biểu châu Hồng Hà do đồng chí Mạnh Hiểu Quân, Bí thư Châu ủy Hồng Hà làm "
        "Trưởng đoàn.", None)
    assert len(doc.meetings) == 1
    people = {(q.side, q.name) for q in doc.meetings[0].people}
    assert ("VN", "Vũ Đình Khang") in people


def test_a_years_counted_joint_patrols_are_one_meeting_of_both_sides(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Theo Thiếu tá Nông Văn Quý, Đồn trưởng Đồn Biên phòng Na Sầm, năm 2024, đơn vị đã phối "
        "hợp với Trạm Kiểm tra biên phòng Ái Điểm (Quảng Tây, Trung Quốc) tổ chức 10 đợt tuần "
        "tra song phương."))
    assert _parties(doc) == [("2024", "CN", "Trạm Kiểm tra biên phòng Ái Điểm"),
                             ("2024", "VN", "Đồn Biên phòng Na Sầm")]


def test_a_year_after_since_is_no_meetings_year(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 9/4/2025, Đồn Biên phòng Ma Lù Thàng làm việc với Trạm Kiểm tra biên phòng Kim "
        "Thủy Hà (Trung Quốc). Ông Lò Văn Tâm cho biết, từ khi Nghị định thư được ký năm 2010, "
        "hai bên đã nhiều lần khảo sát khu vực này."))
    assert "2010" not in {m.date for m in doc.meetings}


def test_a_leaders_visit_of_its_own_date_is_a_meeting_of_its_people(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 20/3/2025, Sở Ngoại vụ tỉnh Hà Giang hội đàm với Văn phòng Ngoại vụ châu Văn Sơn. "
        "Hai bên đánh giá cao kết quả chuyến thăm Trung Quốc của Tổng Bí thư, Chủ tịch nước "
        "Việt Nam Trần Văn Lâm từ ngày 2-4/3/2025."))
    by_date = {m.date: m for m in doc.meetings}
    assert set(by_date) == {"2025-03-20", "2025-03-02/2025-03-04"}
    assert [(q.side, q.name) for q in by_date["2025-03-02/2025-03-04"].people] == [
        ("VN", "Trần Văn Lâm")]
    assert "Trần Văn Lâm" not in {q.name for q in by_date["2025-03-20"].people}


def test_a_trigger_in_the_subject_of_a_directive_reports_nothing(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 4/11/2025, Phó Chủ tịch UBND tỉnh Cao Bằng chủ trì họp Ban Chỉ đạo phân giới "
        "tỉnh Cao Bằng. Thực hiện ý kiến của Bộ Ngoại giao về việc kiểm tra, khảo sát biên giới, "
        "Ban Chỉ đạo Trung ương đã ban hành kế hoạch."))
    names = {p.organization for m in doc.meetings for p in m.parties}
    assert "Ban Chỉ đạo Trung ương" not in names
    assert [m.date for m in doc.meetings] == ["2025-11-04"]


def test_the_bodies_listed_with_an_authority_are_no_party(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 8/7/2025, UBND tỉnh Hà Giang tổ chức lễ công bố mở cửa khẩu Săm Pun. Lễ công bố "
        "là bước thực hiện quy hoạch cửa khẩu Săm Pun, cửa khẩu Phó Bảng đã được Chính phủ, Thủ "
        "tướng Chính phủ, Bộ Ngoại giao phê duyệt."))
    names = {p.organization for m in doc.meetings for p in m.parties}
    assert not names & {"Chính phủ", "Bộ Ngoại giao"}
    assert [m.date for m in doc.meetings] == ["2025-07-08"]


def test_a_deputys_assembly_is_no_party(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Chiều 12/2/2025, đồng chí Hầu A Lềnh, Bí thư Tỉnh ủy Hà Giang, Trưởng Đoàn đại biểu Quốc "
        "hội tỉnh đã tiếp Đoàn đại biểu Châu ủy Văn Sơn."))
    names = {p.organization for m in doc.meetings for p in m.parties}
    assert "Quốc hội" not in names
    assert doc.meetings


def test_the_subject_with_a_body_in_their_title_leads(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 9/5/2025, đồng chí Lò Văn Sủng, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Điện Biên "
        "đã có buổi hội đàm với Văn phòng Ngoại vụ châu Hồng Hà."))
    roles = {q.name: q.role for m in doc.meetings for q in m.people}
    assert roles.get("Lò Văn Sủng") == "lead"


def test_the_sentence_after_an_attendance_sentence_goes_on_with_its_list(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 14/3/2025, UBND tỉnh Lai Châu tổ chức lễ khánh thành cửa khẩu Ma Lù Thàng. Buổi lễ "
        "có sự tham dự của lãnh đạo các sở, ngành của tỉnh. Trong đó có Sở Xây dựng, Sở Tư pháp."))
    names = {p.organization for m in doc.meetings for p in m.parties}
    assert {"Sở Xây dựng", "Sở Tư pháp"} <= names


# --- classes found on the real articles, on texts written for these tests ------------------


def test_a_meeting_known_only_by_a_reference_is_reported_undated(process) -> None:  # type: ignore[no-untyped-def]
    # An excerpt (a caption, then the body) that never reports the talks themselves.
    doc = _meetings(process, (
        "Quang cảnh buổi làm việc của hai đơn vị.\n"
        "Tại hội đàm, đại biểu Đồn Biên phòng Pò Mã và Trạm Kiểm tra biên phòng Bình Mãng "
        "(Quảng Tây, Trung Quốc) đã trao đổi các nội dung về quản lý đường biên."))
    assert _parties(doc) == [(None, "CN", "Trạm Kiểm tra biên phòng Bình Mãng"),
                             (None, "VN", "Đồn Biên phòng Pò Mã")]


def test_both_sides_of_a_referenced_meeting_are_those_named_before_it(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Thời gian qua, UBND tỉnh Hà Giang và Chính phủ nhân dân châu Văn Sơn đã triển khai "
        "hợp tác đạt nhiều kết quả.\n"
        "Tại hội nghị, hai bên thống nhất đẩy nhanh nâng cấp cặp cửa khẩu."))
    assert [(d, s) for d, s, _ in _parties(doc)] == [(None, "CN"), (None, "VN")]
    assert {m.kind_norm for m in doc.meetings} == {"conference"}


def test_a_reference_after_a_reported_meeting_opens_no_other(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, _ONE_MEETING)
    assert [m.date for m in doc.meetings] == ["2025-03-12"]


@pytest.mark.parametrize(("text", "kind"), [
    pytest.param("Ngày 15/3/2025, UBND huyện Hoàng Su Phì phối hợp với Chính phủ nhân dân huyện "
                 "Mã Quan (Vân Nam, Trung Quốc) tổ chức khôi phục phiên chợ biên giới.",
                 "ceremony", id="organized-across-the-border"),
    pytest.param("Chiều 4-5, Chi cục Hải quan khu vực VIII phối hợp với Đồn Biên phòng Săm Pun "
                 "kiểm tra công tác thông quan nông sản.", "joint patrol or inspection",
                 id="joint-inspection"),
    pytest.param("Ngày 2/3/2025, Đồn Biên phòng Lũng Cú phối hợp với Trạm Kiểm tra biên phòng "
                 "Điền Bồng (Trung Quốc) tổ chức kiểm tra, sơn sửa mốc giới.",
                 "joint patrol or inspection", id="organized-inspection"),
])
def test_one_body_acting_with_another_is_a_joint_event(process, text: str,  # type: ignore[no-untyped-def]
                                                       kind: str) -> None:
    doc = _meetings(process, text)
    assert [m.kind_norm for m in doc.meetings] == [kind]
    assert len(doc.meetings[0].parties) == 2


@pytest.mark.parametrize("text", [
    pytest.param("Ngày 6/4, Huyện đoàn Bảo Lâm phối hợp với Đồn Biên phòng Cốc Pàng tổ chức "
                 "hành trình tuổi trẻ về nguồn.", id="one-side-organizes-for-its-own"),
    pytest.param("Sau khi tiếp nhận, Đồn Biên phòng Cốc Pàng phối hợp với các lực lượng chức "
                 "năng kiểm tra sức khỏe cho công dân.", id="no-partner-named"),
])
def test_acting_together_without_a_partner_across_the_border_is_no_meeting(  # type: ignore[no-untyped-def]
        process, text: str) -> None:
    assert _meetings(process, text).meetings == []


def test_the_signing_of_the_rules_two_sides_work_under_is_a_meeting(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Sáng 3-6, Đồn Biên phòng Săm Pun phối hợp với Trạm Kiểm tra biên phòng Điền Bồng "
        "(Trung Quốc) tổ chức tuần tra song phương tại khu vực mốc 415.\n"
        "Đây là lần thứ 8 hai đơn vị tuần tra song phương theo quy chế phối hợp ký ngày "
        "14/2/2022."))
    assert sorted({m.date for m in doc.meetings}) == ["2022-02-14", "2025-06-03"]
    signing = next(m for m in doc.meetings if m.date == "2022-02-14")
    assert signing.kind_norm == "signing"
    assert {p.side for p in signing.parties} == {"VN", "CN"}


@pytest.mark.parametrize("tail", [
    pytest.param("Hai bên ký quy chế phối hợp năm 2026 với nhiều nội dung mới.",
                 id="the-documents-own-year"),
    pytest.param("Ông Tráng A Dơ đề nghị hai bên sớm hoàn thiện hồ sơ để ký biên bản trong "
                 "năm 2026.", id="proposed"),
    pytest.param("Hai bên ký kết Kế hoạch phối hợp số 45/KH-BP ngày 20/5/2024.",
                 id="a-numbered-documents-date"),
])
def test_a_date_that_is_not_a_signings_gives_no_meeting(process, tail: str) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 3/6/2025, Đồn Biên phòng Săm Pun hội đàm với Trạm Kiểm tra biên phòng Điền Bồng "
        f"(Trung Quốc). {tail}"))
    assert [m.date for m in doc.meetings] == ["2025-06-03"]


def test_the_event_a_meeting_takes_place_within_is_a_meeting_of_its_own(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Trong khuôn khổ Hội nghị hợp tác giữa UBND tỉnh Cao Bằng và Chính phủ nhân dân Khu "
        "tự trị dân tộc Choang Quảng Tây năm 2025, chiều 11/3/2025, ông Lê Hải Hòa, Phó Chủ "
        "tịch UBND tỉnh Cao Bằng hội kiến ông Vi Triều Dương, Phó Chủ tịch Chính phủ nhân dân "
        "thành phố Bách Sắc."))
    dates = sorted(str(m.date) for m in doc.meetings)
    # The talks take their own day, not the conference's year; the conference, undated by
    # a day of its own, is no part of them.
    assert dates == ["2025-03-11", "None"]
    talks = next(m for m in doc.meetings if m.date == "2025-03-11")
    assert talks.kind_norm == "talks"
    assert {q.name for q in talks.people} == {"Lê Hải Hòa", "Vi Triều Dương"}


def test_a_lead_within_a_frame_takes_the_meetings_day_not_the_frames_year(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Gặp xã giao giữa lãnh đạo tỉnh Hà Giang và châu Văn Sơn\n"
        "Nhân dịp Chương trình giao lưu mùa xuân năm 2025, chiều tối 20/1/2025, tại thành phố "
        "Hà Giang đã diễn ra buổi gặp xã giao giữa UBND tỉnh Hà Giang và Chính phủ nhân dân "
        "châu Văn Sơn."))
    assert [m.date for m in doc.meetings] == ["2025-01-20"]


def test_an_earlier_undated_meeting_is_one_of_its_own(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 5/9/2024, Sở Ngoại vụ tỉnh Cao Bằng tiếp nhận 12 công dân do Trạm Kiểm tra biên "
        "phòng Thạc Long (Trung Quốc) trao trả.\n"
        "Trước đó, ông Hoàng Văn Tú, Giám đốc Sở Ngoại vụ tỉnh Cao Bằng đã làm việc với Cục "
        "Công an thành phố Bách Sắc về thủ tục xác minh."))
    assert sorted(str(m.date) for m in doc.meetings) == ["2024-09-05", "None"]
    earlier = next(m for m in doc.meetings if m.date is None)
    assert [q.name for q in earlier.people] == ["Hoàng Văn Tú"]


def test_the_members_of_a_delegation_are_at_each_of_its_meetings(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Từ ngày 3 đến ngày 5/6/2025, Đoàn đại biểu châu Văn Sơn do ông Dương Quốc Hoa, Châu "
        "trưởng Chính phủ nhân dân châu Văn Sơn làm Trưởng đoàn đã thăm và làm việc tại tỉnh "
        "Hà Giang. Cùng đi có bà Lý Mỹ Linh, Phó Chủ nhiệm Văn phòng Ngoại vụ châu Văn Sơn.\n"
        "Ngày 4/6/2025, ông Dương Quốc Hoa đã hội kiến ông Hầu Văn Sình, Bí thư Tỉnh ủy Hà "
        "Giang."))
    talks = next(m for m in doc.meetings if m.date == "2025-06-04")
    assert "Lý Mỹ Linh" in {q.name for q in talks.people}


def test_a_posts_command_set_after_it_is_no_party(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 8/10/2024, Đồn Biên phòng Lũng Cú, Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang "
        "hội đàm với Trạm Kiểm tra biên phòng Điền Bồng (Trung Quốc)."))
    assert [o for _, _, o in _parties(doc)] == ["Trạm Kiểm tra biên phòng Điền Bồng",
                                                "Đồn Biên phòng Lũng Cú"]


def test_the_lead_gives_its_days_before_an_editions_year(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Hội chợ Thương mại biên giới Cao Bằng năm 2024 diễn ra từ ngày 4/11 đến ngày 8/11/2024 "
        "tại thành phố Cao Bằng.\n"
        "Trong khuôn khổ hội chợ, ông Lục Văn Hòa, Bí thư Huyện ủy Long Châu đã khảo sát khu "
        "kinh tế cửa khẩu của tỉnh Cao Bằng."))
    assert [m.date for m in doc.meetings] == ["2024-11-04/2024-11-08"]


def test_a_meeting_scheduled_by_sides_named_by_their_leaders(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Sáng 6-5-2025, Đoàn đại biểu huyện Mèo Vạc do ông Vàng Seo Pó, Bí thư Huyện ủy Mèo Vạc "
        "làm Trưởng đoàn đã hội đàm với Chính phủ nhân dân huyện Phú Ninh.\n"
        "Hai bên thống nhất tổ chức giao lưu văn nghệ trong tháng 8/2025."))
    scheduled = next(m for m in doc.meetings if m.date == "2025-08")
    assert {p.side for p in scheduled.parties} == {"VN", "CN"}


def test_a_frame_after_the_opening_date_is_a_leaders_visit_of_its_own(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 14/4/2025, trong khuôn khổ chuyến thăm cấp Nhà nước của Chủ tịch Trung Quốc "
        "Lý Quang Vinh tới Việt Nam, Tỉnh ủy Lạng Sơn và Khu ủy Khu tự trị dân tộc Choang Quảng "
        "Tây đã ký kết Thỏa thuận hợp tác xây dựng cửa khẩu thông minh."))
    by_date = {m.date: m for m in doc.meetings}
    assert set(by_date) == {"2025-04-14", None}
    assert by_date["2025-04-14"].kind_norm == "signing"
    assert {p.side for p in by_date["2025-04-14"].parties} == {"VN", "CN"}
    assert [q.name for q in by_date[None].people] == ["Lý Quang Vinh"]
    assert by_date[None].parties == []


def test_a_lead_opened_by_its_dateline_reports_its_meeting_on_the_day(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Cao Bằng Online - Bách Sắc, Quảng Tây - Ngày 12/10/2024 - Hội chợ Thương mại biên giới "
        "(Bách Sắc) 2024 đã chính thức khai mạc tại thành phố Bách Sắc.\n"
        "Lễ khai mạc có sự tham dự của các đại biểu hai bên. Đại diện Việt Nam có ông Nông Văn "
        "Quế, Phó Chủ tịch UBND tỉnh Cao Bằng; phía Trung Quốc có bà Lưu Mỹ Hoa, Phó Thị trưởng "
        "Chính phủ nhân dân thành phố Bách Sắc."))
    assert [m.date for m in doc.meetings] == ["2024-10-12"]
    assert {q.name for q in doc.meetings[0].people} == {"Nông Văn Quế", "Lưu Mỹ Hoa"}


def test_a_speech_at_a_meeting_reported_nowhere_else_reports_it(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Lãnh đạo hai bên bày tỏ mong muốn tăng cường hợp tác.\n"
        "Phát biểu tại Hội nghị xúc tiến thương mại giữa tỉnh Hà Giang và châu Văn Sơn vào ngày "
        "9/10/2025, Phó Chủ tịch UBND tỉnh Hà Giang Hoàng Gia Long nhấn mạnh tiềm năng hợp tác."))
    assert [(m.date, [q.name for q in m.people]) for m in doc.meetings] == [
        ("2025-10-09", ["Hoàng Gia Long"])]


def test_the_bodies_of_a_delegation_are_at_each_of_its_meetings(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Từ ngày 2 - 4/9/2025, Đoàn đại biểu tỉnh Lai Châu do ông Giàng Páo Mỷ, Bí thư Tỉnh ủy "
        "Lai Châu làm trưởng đoàn đã thăm, làm việc tại tỉnh Vân Nam.\n"
        "Cùng tham gia đoàn có lãnh đạo Sở Ngoại vụ tỉnh Lai Châu và UBND huyện Phong Thổ.\n"
        "Chiều 3/9/2025, Đoàn làm việc với Chính phủ nhân dân châu Hồng Hà."))
    talks = next(m for m in doc.meetings if m.date == "2025-09-03")
    names = {p.organization for p in talks.parties}
    assert any("Sở Ngoại vụ" in n for n in names)
    assert any("Phong Thổ" in n for n in names)


def test_two_sides_signing_on_the_clauses_day_is_a_signing(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 9/6/2025, Đồn Biên phòng Lũng Cú hội đàm với Trạm Kiểm tra biên phòng Điền Bồng "
        "(Trung Quốc).\n"
        "Được biết, ngày 3/3/2025, Bộ Công Thương Việt Nam và Bộ Thương mại Trung Quốc đã ký bản "
        "ghi nhớ về cửa khẩu thông minh."))
    signing = next(m for m in doc.meetings if m.date == "2025-03-03")
    assert signing.kind_norm == "signing"
    assert {p.side for p in signing.parties} == {"VN", "CN"}


def test_a_meeting_the_two_sides_held_is_not_one_they_schedule(process) -> None:  # type: ignore[no-untyped-def]
    doc = _meetings(process, (
        "Ngày 5/4/2025, Đồn Biên phòng Thanh Thủy phối hợp với Trạm Kiểm tra biên phòng Thiên "
        "Bảo (Trung Quốc) tổ chức tuần tra song phương.\n"
        "Hai bên đã tổ chức gặp gỡ, trao đổi trước đợt tuần tra quý II năm 2025."))
    assert [m.date for m in doc.meetings] == ["2025-04-05"]
