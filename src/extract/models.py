"""Pydantic models of the output record: one frozen model per record kind.

Every entity that points into the article carries ``start``/``end`` code-point offsets into
the decoded source text (``source[start:end] == text``), how it was found (``method``) and a
confidence.  The field names of :class:`ArticleRecord` are the output contract: users'
notebooks and CI diffs read them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ArticleRecord",
    "DateMention",
    "ErrorInfo",
    "ExtractError",
    "Gate",
    "GatePair",
    "Granularity",
    "Marker",
    "Meeting",
    "MeetingKind",
    "MeetingParty",
    "MeetingPerson",
    "Mention",
    "Method",
    "Organization",
    "Person",
    "Side",
    "Span",
    "TitleMention",
]


class ExtractError(Exception):
    """Root of every error the library raises on purpose."""

    stage: str = "extract"

    def __init__(self, message: str, *, stage: str | None = None) -> None:
        super().__init__(message)
        if stage is not None:
            self.stage = stage


class Method(StrEnum):
    """How a value was found (cf. langextract's AlignmentStatus)."""

    RULE = "rule"
    GAZETTEER = "gazetteer"
    FUZZY = "fuzzy"


class Granularity(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    SPAN = "span"


Side = Literal["VN", "CN"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """A grounded stretch of the source text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self


class Mention(Span):
    method: Method = Method.RULE
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class DateMention(Mention):
    value: str
    granularity: Granularity


class Person(_Frozen):
    name: str
    mentions: list[Mention]
    side: Side | None = None
    organizations: list[str] = Field(default_factory=list)


class TitleMention(Mention):
    person: str
    title: str
    organization: str | None = None


class Organization(_Frozen):
    name: str
    aliases: list[str]
    mentions: list[Mention]
    side: Side | None = None
    gazetteer_id: str | None = None


class Gate(Mention):
    """A single border gate mentioned with its kind, linked to the gazetteer."""

    name: str
    kind: str | None = None
    gazetteer_id: str | None = None
    province: str | None = None
    counterpart: str | None = None
    cn_hanzi: str | None = None
    cn_pinyin: str | None = None
    markers: list[str] = Field(default_factory=list)


class GatePair(Mention):
    vn: str
    cn: str
    kind: str | None = None
    markers: list[str] = Field(default_factory=list)
    gazetteer_id: str | None = None
    province: str | None = None
    cn_hanzi: str | None = None
    cn_pinyin: str | None = None


class Marker(Mention):
    value: str
    attached_to: str | None = None


class MeetingKind(StrEnum):
    """The normalized kind of a meeting; the trigger as written is kept beside it."""

    TALKS = "talks"
    WORKING_SESSION = "working session"
    RECEPTION = "reception"
    CONFERENCE = "conference"
    CEREMONY = "ceremony"
    SIGNING = "signing"
    PATROL = "joint patrol or inspection"
    VISIT = "visit"


class MeetingParty(_Frozen):
    """A body taking part in a meeting; ``organization`` is the name of its entry in
    ``ArticleRecord.organizations`` (``index`` is that entry's position)."""

    side: Side | None = None
    organization: str
    index: int = Field(ge=0)
    role: Literal["host", "guest"] | None = None
    method: Method = Method.RULE
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class MeetingPerson(_Frozen):
    """A named person stated to lead, chair, attend or speak at a meeting; ``name`` is the
    name of their entry in ``ArticleRecord.people`` (``index`` is its position)."""

    side: Side | None = None
    name: str
    index: int = Field(ge=0)
    title: str | None = None
    role: Literal["lead", "chair", "attend", "speak"] | None = None
    method: Method = Method.RULE
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Meeting(_Frozen):
    """One meeting the article reports, however often it is mentioned.

    ``trigger`` is the first mention of its trigger word, ``trigger_mentions`` every trigger
    word the meeting was built from (headline, lead and body); ``evidence`` the sentence
    spans it was built from.  ``gate_pairs`` and ``markers`` are indexes into the record's
    lists.
    """

    kind: str
    kind_norm: MeetingKind
    date: str | None = None
    place: str | None = None
    parties: list[MeetingParty] = Field(default_factory=list)
    people: list[MeetingPerson] = Field(default_factory=list)
    gate_pairs: list[int] = Field(default_factory=list)
    markers: list[int] = Field(default_factory=list)
    trigger: Mention
    trigger_mentions: list[Mention] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    method: Method = Method.RULE
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class ErrorInfo(_Frozen):
    stage: str
    message: str


class ArticleRecord(_Frozen):
    """One article's extraction: the JSONL line."""

    doc_id: str
    source: str
    title: str | None = None
    published: str | None = None
    authors: list[str] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    titles: list[TitleMention] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    gate_pairs: list[GatePair] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    markers: list[Marker] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    errors: list[ErrorInfo] = Field(default_factory=list)
    # The text the offsets refer to when it is not the file decoded as it is: the main text
    # of an HTML page, or a TCVN3 file converted to Unicode.  None for plain text files.
    extracted_text: str | None = None

    # Views for notebooks live in modules above this one; imported on use so the model
    # layer stays free of display code and of optional dependencies (spaCy).
    def _repr_html_(self) -> str:
        from .display import record_html

        return record_html(self)

    def to_spacy(self, nlp: Any, text: str | None = None) -> Doc:
        """A spaCy ``Doc`` of the article with the entities as spans (see spacy_export)."""
        from .spacy_export import to_spacy

        return to_spacy(self, nlp, text)
