"""The working state of one article as it moves through the pipeline stages.

Stages and recognizers read and add to a :class:`Document`; the pipeline turns it into the
validated :class:`~extract.models.ArticleRecord` at the end.  Positions here are positions
in the normalized text ``doc.text`` (same length as ``doc.norm.text``); they are mapped to
source offsets only when the record is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable

from .models import ErrorInfo, Method
from .text import NormText

__all__ = [
    "DateHit",
    "Document",
    "GateHit",
    "MarkerHit",
    "MeetingHit",
    "MeetingPartyHit",
    "MeetingPersonHit",
    "OrgHit",
    "PersonHit",
    "Stage",
    "TitleHit",
]


@dataclass
class OrgHit:
    start: int
    end: int
    surface: str
    key: str
    name: str  # canonical expanded name
    side: str | None = None
    method: Method = Method.RULE
    confidence: float = 0.9
    gazetteer_id: str | None = None
    back_reference: bool = False
    expanded: str = ""  # this mention's own expanded name, kept when the group is renamed
    partial: bool = False  # a list item ("Ngoại vụ" in "các Sở: …"), not a full name
    listed: bool = False  # born of a list with one head ("Tỉnh ủy các tỉnh: A, B và C")
    joint: bool = False  # a body of both sides ("Nhóm công tác liên hợp giữa A và B")


@dataclass
class PersonHit:
    start: int
    end: int
    name: str
    method: Method = Method.RULE
    confidence: float = 0.85
    short: bool = False  # "ông Toàn": resolved to a full name later
    side: str | None = None  # stated by the text: "phía Trung Quốc có ông …"


@dataclass
class TitleHit:
    start: int
    end: int
    person: str
    title: str
    organization: str | None
    method: Method = Method.RULE
    confidence: float = 0.85


@dataclass
class DateHit:
    start: int
    end: int
    value: str
    granularity: str
    method: Method = Method.RULE
    confidence: float = 0.95


@dataclass
class MarkerHit:
    start: int
    end: int
    value: str
    attached_to: str | None = None


@dataclass
class GateHit:
    start: int
    end: int
    vn: str
    cn: str | None  # None for a single gate
    kind: str | None
    gazetteer_id: str | None
    method: Method = Method.RULE
    confidence: float = 0.9
    markers: list[str] = field(default_factory=list)


@dataclass
class MeetingPartyHit:
    organization: str  # the OrgHit group name (the record's organization entry)
    side: str | None
    role: str | None = None  # "host" or "guest"
    confidence: float = 0.85


@dataclass
class MeetingPersonHit:
    name: str  # the PersonHit full name (the record's people entry)
    side: str | None
    title: str | None = None
    role: str | None = None  # "lead", "chair", "attend" or "speak"
    confidence: float = 0.85


@dataclass
class MeetingHit:
    """One meeting, built by the relations stage from what the recognizers found."""

    kind: str  # the trigger as written, lower case
    kind_norm: str
    trigger: tuple[int, int]
    triggers: list[tuple[int, int]] = field(default_factory=list)  # every trigger mention
    date: str | None = None
    place: tuple[int, int] | None = None
    parties: list[MeetingPartyHit] = field(default_factory=list)
    people: list[MeetingPersonHit] = field(default_factory=list)
    gates: list[int] = field(default_factory=list)  # indexes into Document.gates
    markers: list[int] = field(default_factory=list)  # indexes into Document.markers
    evidence: list[tuple[int, int]] = field(default_factory=list)  # sentence spans
    confidence: float = 0.85


@dataclass
class Document:
    doc_id: str
    source_path: str
    source: str
    norm: NormText | None = None
    text: str = ""  # normalized text with furniture blanked to spaces
    headline: tuple[int, int] | None = None
    author_spans: list[tuple[int, int]] = field(default_factory=list)
    dateline: tuple[int, int] | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    words: list[tuple[int, int]] = field(default_factory=list)
    published: str | None = None
    reference_date: date | None = None  # the article's own date, for year-less dates
    # A bare date line above the headline (a portal's date, not the article's): its year is
    # the last resort for year-less dates when the text fixes no year itself.
    masthead_date: tuple[int, int] | None = None
    authors: list[str] = field(default_factory=list)
    dates: list[DateHit] = field(default_factory=list)
    orgs: list[OrgHit] = field(default_factory=list)
    people: list[PersonHit] = field(default_factory=list)
    titles: list[TitleHit] = field(default_factory=list)
    # Every place a title is stated, repeats included ("titles" keeps each position once,
    # where first stated): a body inside a title said again is still the person's office.
    title_mentions: list[TitleHit] = field(default_factory=list)
    gates: list[GateHit] = field(default_factory=list)
    markers: list[MarkerHit] = field(default_factory=list)
    meetings: list[MeetingHit] = field(default_factory=list)
    errors: list[ErrorInfo] = field(default_factory=list)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence containing ``pos`` (the whole text if sentences are unknown)."""
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return 0, len(self.text)


@runtime_checkable
class Stage(Protocol):
    """A pipeline stage: reads and adds to the document, in place."""

    name: str

    def __call__(self, doc: Document) -> None: ...
