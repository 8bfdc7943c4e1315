"""Loading and validating the data files under ``gazetteers/``.

Language knowledge lives in versioned TOML files (stdlib ``tomllib``, comments allowed for
sources); this module holds only their schemas and the lookup of the folder, which works
both from a source checkout and from an installed wheel (where the folder is packaged as
``extract/gazetteers``).
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .models import ExtractError

__all__ = [
    "BodiesTable",
    "DatesTable",
    "FurnitureTable",
    "GateEntry",
    "GatePhrasesTable",
    "GatesTable",
    "MeetingTrigger",
    "MeetingsTable",
    "NamesTable",
    "OrganizationsTable",
    "PlacesTable",
    "TitlesTable",
    "data_dir",
    "load",
]

log = logging.getLogger(__name__)

GateKind = Literal["quốc tế", "chính", "song phương", "phụ", "lối mở", "lối thông quan",
                   "ga đường sắt"]


def _check_unique(ids: list[str], what: str) -> None:
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"duplicate {what} ids: {dup}")


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Example(_Data):
    """A positive or negative example that the tests iterate over."""

    text: str
    expect: list[str] = Field(default_factory=list)
    why: str = ""


class GateEntry(_Data):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    vn: str
    vn_aliases: list[str] = Field(default_factory=list)
    province: str
    province_2025: str = ""
    district: str = ""
    kind: GateKind
    cn: str = ""
    cn_aliases: list[str] = Field(default_factory=list)
    cn_hanzi: str = ""
    cn_pinyin: str = ""
    cn_region: str = ""
    cn_county: str = ""
    markers: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)
    note: str = ""


class GateNegative(_Data):
    text: str
    why: str = ""


class GatesTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^gates/1$")
    gate: list[GateEntry]
    negative: list[GateNegative] = Field(default_factory=list)

    @field_validator("gate")
    @classmethod
    def _unique_ids(cls, v: list[GateEntry]) -> list[GateEntry]:
        _check_unique([g.id for g in v], "gate")
        return v


class GateTrigger(_Data):
    text: str
    kind: Literal["", "quốc tế", "chính", "song phương", "phụ", "lối mở", "lối thông quan",
                  "ga đường sắt"]


class GateCorrespondence(_Data):
    text: str
    side: Literal["", "VN", "CN"]


class GatePhrasesTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^gate_phrases/1$")
    trigger: list[GateTrigger]
    blocker: list[str]
    not_gate: list[str] = Field(default_factory=list)
    type_word: list[str] = Field(min_length=1)
    correspondence: list[GateCorrespondence] = Field(default_factory=list)
    list_open: list[str] = Field(default_factory=list)
    marker_not_after: list[str] = Field(default_factory=list)
    marker_not_before: list[str] = Field(default_factory=list)
    vn_qualifier: list[str]
    cn_qualifier: list[str]


class Abbreviation(_Data):
    short: str
    long: str


class OrgHead(_Data):
    """A word or phrase that starts an organization name.

    ``tail`` says what must or may follow: ``dept`` a department/field name (Sở Công Thương),
    ``name`` a proper name in capitals (Công ty Viettel), ``purpose`` a lowercase purpose
    clause ended by a capitalized name or punctuation (Ban Chỉ đạo xây dựng Đề án …),
    ``locality`` an optional place (UBND tỉnh Lạng Sơn), ``none`` nothing.
    """

    text: str
    tail: Literal["dept", "name", "locality", "none", "purpose"]
    side: Literal["VN", "CN"] | None = None
    standalone: bool = False  # an organization even with nothing after it
    requires_dept: bool = False  # "Ban", "Phòng": only before a known department name
    # Border posts are listed under one head without "các": "Đồn Biên phòng A Pa Chải và
    # Sen Thượng" is two posts.
    lists: bool = False
    # Units whose department is often written in lower case ("Đại đội quản lý xuất nhập
    # cảnh", "Chi đội quản lý biên giới").
    lower_dept: bool = False
    # A head that names a body only for places of its own side: "chính quyền nhân dân châu
    # Văn Sơn" is a Chinese body, "chính quyền tỉnh Lạng Sơn" the province's administration
    # in general, no body.
    own_side_only: bool = False


class Body(_Data):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    aliases: list[str] = Field(default_factory=list)
    side: Literal["VN", "CN"]
    province: str = ""


class BodiesTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^bodies/1$")
    body: list[Body]

    @field_validator("body")
    @classmethod
    def _unique_ids(cls, v: list[Body]) -> list[Body]:
        _check_unique([b.id for b in v], "body")
        return v


class OrganizationsTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^organizations/1$")
    abbreviation: list[Abbreviation]
    head: list[OrgHead]
    department: list[str]
    locality_word: list[str]
    list_opener: list[str]
    back_reference: list[str] = Field(default_factory=list)
    not_organization: list[str] = Field(default_factory=list)
    region_alias: list[list[str]] = Field(default_factory=list)
    # Lowercase words that may continue a proper name after its head, between capitalized
    # words ("Ủy ban Thường vụ Đại hội Đại biểu Nhân dân tỉnh Vân Nam").
    name_word: list[str] = Field(default_factory=list)
    # ... and those of them that may end a name in lower case right after a capitalized
    # field ("Trung tâm Quản lý cửa khẩu").
    name_end_word: list[str] = Field(default_factory=list)
    # Standing bodies of a party or state body: "Thường trực Tỉnh ủy", "Thường vụ Châu ủy".
    standing_prefix: list[str] = Field(default_factory=list)
    # Heads a later mention may leave out: "Hải quan cửa khẩu Móng Cái" after "Chi cục Hải
    # quan cửa khẩu quốc tế Móng Cái" is that body.
    omitted_head: list[str] = Field(default_factory=list)
    # ... and qualifiers it may leave out ("cửa khẩu Móng Cái" for "cửa khẩu quốc tế Móng Cái").
    omitted_word: list[str] = Field(default_factory=list)
    # The grammar of names (see the table's comments): what ends, continues or multiplies one.
    generic_locality: list[str] = Field(min_length=1)
    numbered_unit: list[str] = Field(min_length=1)
    level_word: list[str] = Field(min_length=1)
    company_head: list[str] = Field(min_length=1)
    stop_in_name: list[str] = Field(min_length=1)
    purpose_stop: list[str] = Field(min_length=1)
    plural_before: list[str] = Field(min_length=1)
    plural_locality: list[str] = Field(min_length=1)
    plural_unnamed: list[str] = Field(min_length=1)
    bracket_list_before: list[str] = Field(min_length=1)
    parent_after_dash: list[str] = Field(min_length=1)
    examples: list[Example] = Field(default_factory=list)
    negatives: list[Example] = Field(default_factory=list)


class RoleAlias(_Data):
    text: str
    role: str


class TitlesTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^titles/1$")
    head: list[str]
    prefix: list[str]
    suffix: list[str]
    rank: list[str]
    delegation_head: list[str]
    # Words before a position that say how it is held, not what it is ("nguyên" former,
    # "kiêm" concurrently): matched with the title, left out of the role.
    dropped_prefix: list[str] = Field(default_factory=list)
    # Roles written as one word that GUIDE records by their head ("Tỉnh ủy viên" is an
    # Ủy viên of the provincial committee).
    role_alias: list[RoleAlias] = Field(default_factory=list)
    # "Trưởng đoàn là ông A": the words before "là" that name the delegation's head.
    delegation_head_is: list[str] = Field(default_factory=list)
    # Before a title, words that make its holder the object of a phrase ("sự đồng ý của Thủ
    # tướng, Bộ trưởng A …"): that title is not stacked onto the next name.
    object_of: list[str] = Field(default_factory=list)
    list_heading: list[str] = Field(default_factory=list)
    # Words that make the name after them a place, not a body's: "Phó Tỉnh trưởng tỉnh Vân
    # Nam", "Thị trưởng thành phố Bằng Tường".
    place_word: list[str] = Field(min_length=1)
    examples: list[Example] = Field(default_factory=list)
    negatives: list[Example] = Field(default_factory=list)


class NamesTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^names/1$")
    vn_surname: list[str]
    cn_surname: list[str]
    honorific: list[str]
    not_given_name: list[str]
    place_context: list[str]
    # After a name, in brackets: the person's birth year ("Liu Ren Yi (sinh năm 1995)",
    # "Triệu Thị O (SN 1985, Lào Cai)"): a name of any shape, pinyin included.
    birth_context: list[str] = Field(default_factory=list)
    age_word: list[str] = Field(default_factory=list)
    sentence_honorific: list[str] = Field(min_length=1)
    place_bracket: list[str] = Field(default_factory=list)
    title_honorific: list[str] = Field(min_length=1)
    examples: list[Example] = Field(default_factory=list)
    negatives: list[Example] = Field(default_factory=list)


class PlacesTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^places/1$")
    vn_province: list[str]
    cn_region: list[str]
    cn_locality: list[str]
    vn_locality: list[str]
    country: list[str]
    # Level words that pick the district reading of a name that is also a Chinese region.
    district_word: list[str] = Field(default_factory=list)


class DatesTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^dates/1$")
    weekday: list[str]
    day_part: list[str]
    day_word: list[str]
    day_span_opener: list[str] = Field(default_factory=list)
    span_opener: list[str]
    year_context: list[str]
    blocked_before: list[str]
    event_word: list[str] = Field(default_factory=list)
    lunar_year_name: list[str] = Field(default_factory=list)
    lunar_new_year: list[date] = Field(default_factory=list)
    lunar_day_word: list[str] = Field(default_factory=list)
    lunar_new_year_word: list[str] = Field(default_factory=list)
    published_label: list[str]
    # Words before a year that date a past act, not the article's event ("ký năm 2009").
    past_act: list[str] = Field(default_factory=list)
    # Words after a year (within three words) that mark a completed action ("đã").
    past_marker: list[str] = Field(default_factory=list)
    # After "từ", a period that runs into the present: "từ đầu năm 2021 (đến nay)".
    current_period: list[str] = Field(default_factory=list)
    # Named days followed by a bare day-month ("Quốc khánh 2/9").
    holiday: list[str] = Field(default_factory=list)
    # "từ đầu năm Y đến hết tháng M": from the start of a year.
    year_head: list[str] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
    negatives: list[Example] = Field(default_factory=list)


class FurnitureTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^furniture/1$")
    line: list[str]
    cut: list[str]
    masthead: list[str]
    inline: list[str]
    author_label: list[str]
    meta_label: list[str]
    # Labels of a scraper's metadata field that opens the text, glued to the first line of
    # the article ("date 2025-11-26 Quang cảnh buổi hội đàm …").
    opening_label: list[str] = Field(default_factory=list)
    # What may follow the date on a metadata line without a separator ("99 lượt xem").
    meta_trailer: list[str] = Field(default_factory=list)
    # A page's icon name left glued before a metadata line ("ClockThứ Ba, 11/09/2018").
    icon_word: list[str] = Field(default_factory=list)
    # Bylines: words that open a line that only looks like a byline ("Theo TTXVN"), words
    # of outlets' names (never of a person's), heads of an author's unit after a dash
    # ("Hoàng Hà Vy - Phòng Quản lý doanh nghiệp"), and outlets after a dash ("- Báo X").
    not_byline: list[str] = Field(default_factory=list)
    outlet_word: list[str] = Field(default_factory=list)
    author_unit: list[str] = Field(default_factory=list)
    outlet_after_dash: list[str] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
    negatives: list[Example] = Field(default_factory=list)

    @field_validator("line", "cut", "masthead", "inline")
    @classmethod
    def _compiles(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"bad pattern {p!r}: {e}") from e
        return v


MeetingKindName = Literal["talks", "working session", "reception", "conference", "ceremony",
                          "signing", "joint patrol or inspection", "visit"]


class MeetingTrigger(_Data):
    """A trigger word of a meeting, with texts where it reports one and where it does not."""

    text: str = Field(min_length=2)
    kind: MeetingKindName
    examples: list[str] = Field(min_length=1)
    negatives: list[str] = Field(default_factory=list)
    # A count right after the word is what is handed over ("trao trả 18 người"), not a
    # count of meetings or of visitors received ("đón hơn 2.000 lượt khách").
    counts_object: bool = False


class FrameWords(_Data):
    """The small words the clause-frame patterns of the meetings stage are built from."""

    under: list[str] = Field(min_length=1)
    count_approx: list[str] = Field(min_length=1)
    duration_unit: list[str] = Field(min_length=1)
    count_many: list[str] = Field(min_length=1)
    count_unit: list[str] = Field(min_length=1)
    count_passive: list[str] = Field(min_length=1)
    joined: list[str] = Field(min_length=1)
    joined_filler: list[str] = Field(min_length=1)
    listed: list[str] = Field(min_length=1)
    between: list[str] = Field(min_length=1)
    deputy: list[str] = Field(min_length=1)
    among: list[str] = Field(min_length=1)
    among_list: list[str] = Field(min_length=1)
    framing: list[str] = Field(min_length=1)
    framing_prefix: list[str] = Field(min_length=1)
    date_opening: list[str] = Field(min_length=1)
    signed_by: list[str] = Field(min_length=1)
    done: list[str] = Field(min_length=1)
    earlier: list[str] = Field(min_length=1)
    signed: list[str] = Field(min_length=1)
    signed_not_after: list[str] = Field(min_length=1)
    passive: list[str] = Field(min_length=1)
    signed_year_filler: list[str] = Field(min_length=1)
    at_meeting_speech: list[str] = Field(min_length=1)
    at_meeting: list[str] = Field(min_length=1)
    meeting_noun: list[str] = Field(min_length=1)
    person_at_verb: list[str] = Field(min_length=1)
    person_at_aux: list[str] = Field(min_length=1)
    report_verb: list[str] = Field(min_length=1)
    just_done: list[str] = Field(min_length=1)
    honorific: list[str] = Field(min_length=1)
    venue: list[str] = Field(min_length=1)
    venue_building: list[str] = Field(min_length=1)
    not_venue: list[str] = Field(min_length=1)
    venue_stop: list[str] = Field(min_length=1)
    lists: list[str] = Field(min_length=1)
    side_level: list[str] = Field(min_length=1)
    reference_filler: list[str] = Field(min_length=1)
    date_unit: list[str] = Field(min_length=1)
    document_number: list[str] = Field(min_length=1)
    document_date: list[str] = Field(min_length=1)
    deputy_assembly: list[str] = Field(min_length=1)


class FrameExample(_Data):
    """A text a built frame pattern must (or must not) match, with what it captures."""

    pattern: str
    text: str
    matches: bool = True
    expect: str = ""


class MeetingsTable(_Data):
    schema_: str = Field(alias="schema", pattern=r"^meetings/1$")
    trigger: list[MeetingTrigger]
    not_trigger: list[str]
    reference_before: list[str]
    document_word: list[str]
    date_not_after: list[str]
    delegation: list[str]
    leader_open: list[str]
    leader_close: list[str]
    delegation_verb: list[str]
    side_open: list[str]
    side_vn: list[str]
    side_cn: list[str]
    both_sides: list[str]
    organize: list[str]
    attend: list[str]
    chair: list[str]
    speech: list[str]
    joint_body: list[str]
    proposal: list[str]
    not_party_after: list[str]
    # Heads of bodies by level: a body set right after one of a lower level is its parent.
    parent_rank: dict[str, int] = Field(default_factory=dict)
    # "các lực lượng của hai bên gồm: …": the words that open a list of participants.
    list_open: list[str] = Field(default_factory=list)
    # "Trưởng đoàn đại biểu Việt Nam là Trung tá A": the words before a leader and "là".
    leader_head: list[str] = Field(default_factory=list)
    # Words of the frames (see the table's comments).
    membership_role: list[str] = Field(min_length=1)
    government_head: list[str] = Field(min_length=1)
    government_body: list[str] = Field(min_length=1)
    member_of: list[str] = Field(min_length=1)
    branch_of: list[str] = Field(min_length=1)
    met_person_gap: list[str] = Field(min_length=1)
    not_attend: list[str] = Field(min_length=1)
    member_list_open: list[str] = Field(min_length=1)
    speech_opening: list[str] = Field(min_length=1)
    future_word: list[str] = Field(min_length=1)
    frame: FrameWords
    frame_examples: list[FrameExample] = Field(default_factory=list)
    since_word: list[str] = Field(min_length=1)
    regarding_word: list[str] = Field(min_length=1)
    companion_word: list[str] = Field(min_length=1)
    clause_stop_word: list[str] = Field(min_length=1)
    negatives: list[Example] = Field(default_factory=list)

    @field_validator("trigger")
    @classmethod
    def _unique_triggers(cls, v: list[MeetingTrigger]) -> list[MeetingTrigger]:
        _check_unique([t.text.lower() for t in v], "trigger")
        return v


_TABLES: dict[str, type[_Data]] = {
    "gates": GatesTable,
    "gate_phrases": GatePhrasesTable,
    "organizations": OrganizationsTable,
    "bodies": BodiesTable,
    "titles": TitlesTable,
    "names": NamesTable,
    "places": PlacesTable,
    "dates": DatesTable,
    "furniture": FurnitureTable,
    "meetings": MeetingsTable,
}


def data_dir() -> Path:
    """The gazetteers folder: ``$EXTRACT_GAZETTEERS``, the wheel's copy, or the checkout's."""
    env = os.environ.get("EXTRACT_GAZETTEERS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here / "gazetteers", here.parent.parent / "gazetteers"):
        if (candidate / "gates.toml").is_file():
            return candidate
    raise ExtractError("gazetteers folder not found (set EXTRACT_GAZETTEERS)", stage="load")


@cache
def load(name: str) -> Any:
    """Load and validate ``gazetteers/<name>.toml``; raises :class:`ExtractError`."""
    model = _TABLES.get(name)
    if model is None:
        raise ExtractError(f"unknown gazetteer {name!r}", stage="load")
    path = data_dir() / f"{name}.toml"
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
        table = model.model_validate(raw)
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as e:
        raise ExtractError(f"gazetteer {path}: {e}", stage="load") from e
    log.debug("loaded gazetteer %s", path)
    return table
