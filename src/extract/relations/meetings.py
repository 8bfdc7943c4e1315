"""Meetings: who met whom, when, where, about which gates (GUIDE.md "Meetings").

A stage above the recognizers: it reads the organizations, people, titles, dates, gates,
markers and sentences they found and never looks for entities itself.  The words it relies
on (triggers by kind, delegation and side frames, reference cues) live in
``gazetteers/meetings.toml``.

How a meeting is built, clause by clause (a sentence cut at ``;``), in text order:

* an *event clause* holds a trigger word (``hội đàm``, ``tiếp``, ``làm việc`` …) that is not
  a mere reference (``kết quả hội đàm``) nor the subject of a document (``Công văn … về việc
  … đón tiếp``).  Its bodies are parties (a venue after ``tại`` and joint committees are
  not), its people take part; its date is the nearest date of the clause that is not a
  deadline (``trước ngày 15/12``) nor a document's date.
  Proposed (``đề nghị … tổ chức hội nghị``), counted (``12 lần tuần tra``) and reported
  (``ông A khẳng định, … hai bên ký kết``) meetings are not reports.
* a *frame clause* (``Phía Đông Hưng có ông …``, ``Đoàn Bằng Tường do ông … làm Trưởng
  đoàn``, the clauses after ``Dự … có bà A, …;``) adds people and bodies to the meeting
  being reported; a *speech clause* (``Ông Tạ Minh Huy đề nghị …``) adds its speaker when
  they take part in it or the article is about it (its headline or lead reports it).
* a clause naming no party (``Hai bên đánh giá …``, ``Tại buổi hội đàm, …``) is one more
  mention of the meeting being reported.

Mentions with a date of their own open a meeting for that date (or give their date to the
undated meeting they share a body or person with); undated mentions join the meeting they
share a body or person with, else the one being reported: one meeting across headline, lead
and body.  A meeting still undated takes the lead sentence's date, else the article's.
When a side is given only by people who lead or chair it, the body of their last-listed head
office is that side's party (memberships such as ``Ủy viên …`` never give one).  A body with
no side of its own takes the side of the ``phía …`` segment it stands in, else VN (the
press names its own bodies without their country: ``Sở Công Thương``).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date

from .. import gazetteers
from ..document import (
    Document,
    MeetingHit,
    MeetingPartyHit,
    MeetingPersonHit,
    OrgHit,
    PersonHit,
    TitleHit,
)
from ..recognizers._match import PhraseMatcher, SpanIndex, lower_same_length
from ..text import alternation, fold_key

__all__ = ["MeetingRecognizer"]

# What stands between a body and its parent set after it: "A, B", "A - B", "A thuộc B",
# "A (thuộc B".  Units left unnamed ("các đồn biên phòng thuộc Ban chỉ huy B") are spoken
# for by the body named.
_APPOSITION = re.compile(r"[ \t]*(?:,|[-–])?[ \t]*")
_ROLE_RANK = {"lead": 0, "chair": 1, "speak": 2, "attend": 3}
# Between the acting body and "phối hợp": its parent or places ("Đồn Biên phòng A, Bộ đội
# Biên phòng tỉnh B (Việt Nam) phối hợp với …"), within one clause.
_JOINT_GAP = re.compile(r"[^.;\n]{0,80}")
_CLAUSE_END = re.compile(r"[.;\n]")
_CLAUSE_END_OR_COMMA = re.compile(r"[.;,()\n]")
_LEAD_IN = re.compile(r"[^,;]{0,40},[ \t]*")
_APPOSED = re.compile(r"[ \t]*[,(]")


def _words(words: list[str]) -> str:
    """:func:`alternation`, where a space in a word matches any run of spaces."""
    return alternation(words).replace(r"\ ", r"[ \t]+")


def _capital(words: list[str]) -> str:
    """As :func:`_words`, the first letter in either case (a word opening a sentence)."""
    return _words([v for w in words for v in (w, w[:1].upper() + w[1:], w[:1].lower() + w[1:])])


def _first_either(word: str) -> str:
    return f"[{word[:1].upper()}{word[:1].lower()}]{re.escape(word[1:])}"


class _Frames:
    """The clause-frame patterns, built from the ``[frame]`` words of meetings.toml."""

    def __init__(self, f: gazetteers.FrameWords) -> None:
        w, c = _words, _capital
        # "Trạm A thuộc Tổng trạm B", "A (trực thuộc B": the body after is a parent.
        self.under = re.compile(rf"[ \t]*,?[ \t]*\(?[ \t]*(?:{w(f.under)})[ \t]+")
        # A count after a trigger ("đón hơn 2.000 lượt khách"), not a duration ("sơ kết 1
        # năm …").
        self.count = re.compile(rf"[ \t]+(?:(?:{w(f.count_approx)})[ \t]+)?\d"
                                rf"(?![\d.,]*[ \t]+(?:{w(f.duration_unit)})(?!\w))")
        self.joined = re.compile(rf"[ \t]*(?:,|{w(f.joined)}|,[ \t]*(?:{w(f.joined)}))?[ \t]*"
                                 rf"(?:(?:{w(f.joined_filler)})[ \t]+)*", re.IGNORECASE)
        # The next item of a list of bodies: "Chính phủ, Thủ tướng Chính phủ, các bộ …".
        self.listed = re.compile(rf"[ \t]*(?:,|{w(f.listed)})[^.;,]{{0,24}}")
        self.between = re.compile(rf"(?<!\w)(?:{w(f.between)})(?!\w)")
        # A count of joint activities: "12 đợt tuần tra song phương", "tuần tra song phương
        # 36 lần".
        self.count_before = re.compile(rf"(?<!\w)(?:\d+|{w(f.count_many)})[ \t]+"
                                       rf"(?:{w(f.count_unit)})[ \t]+$")
        self.count_after = re.compile(rf"[ \t]+(?:(?:{w(f.count_passive)})[ \t]+)?\d+[ \t]+"
                                      rf"(?:{w(f.count_unit)})(?!\w)")
        self.deputy = re.compile(rf"(?<!\w)(?:{c(f.deputy)})[ \t]+$")
        self.deputy_assembly = tuple(fold_key(a) for a in f.deputy_assembly)
        self.among = re.compile(rf"[ \t]*(?:{w(f.among)})[ \t]*,?[ \t]*(?:{w(f.among_list)})"
                                r"(?!\w)")
        # A clause opening on the event a meeting takes place within, and the comma that
        # sets off the meeting's own date after it (", chiều tối 16/1,"); after a press tag
        # ("DIC - ").
        self.framing = re.compile(rf"[ \t]*(?:[^\s,.;]{{1,14}}[ \t]+[-–][ \t]+)?"
                                  rf"(?:(?:{c(f.framing_prefix)})[ \t]+)?(?:{c(f.framing)})"
                                  r"(?!\w)")
        self.frame_word = re.compile(rf"(?<!\w)(?:{c(f.framing)})(?!\w)")
        self.date_opening = re.compile(rf",[ \t]*(?:(?:{w(f.date_opening)})[ \t]+)*$")
        self.signed_by = re.compile(rf"(?<!\w)(?:{w(f.signed_by)})(?!\w)")
        self.done = re.compile(rf"(?<!\w)(?:{w(f.done)})[ \t]+$")
        self.earlier = re.compile(rf"[ \t]*(?:{c(f.earlier)})[ \t]*,")
        # A signing dated right after it: "quy chế phối hợp ký ngày 20/12/2023" ("thư ký"
        # is a secretary).
        not_after = "".join(rf"(?<!{_first_either(x)} )" for x in f.signed_not_after)
        self.signed = re.compile(rf"{not_after}(?<!\w)(?:{w(f.signed)})(?!\w)")
        self.passive = re.compile(rf"(?<!\w)(?:{w(f.passive)})[ \t]+$")
        self.signed_year = re.compile(
            r"[ \t]+" + "".join(rf"(?:{re.escape(x)}[ \t]+)?" for x in f.signed_year_filler))
        # A clause opening on the meeting it takes place at: "Tại (buổi) hội đàm, …", "Phát
        # biểu tại Hội nghị … vào ngày 21/10, …" (a speech reports the meeting when it dates
        # it).
        self.at_meeting = re.compile(rf"[ \t]*(?P<spoke>(?:{c(f.at_meeting_speech)})[ \t]+)?"
                                     rf"(?:{c(f.at_meeting)})[ \t]+"
                                     rf"(?:(?:{w(f.meeting_noun)})[ \t]+)?$")
        # From a person to the meeting they speak at, chair or conclude ("… Hoàng Văn A
        # phát biểu tại buổi làm việc", "…, đã chủ trì cuộc họp"); a clause opening on it
        # ("Kết luận buổi làm việc, đồng chí B …").
        self.person_at = re.compile(rf"[ \t]*,?[ \t]*(?:(?:{w(f.person_at_aux)})[ \t]+)?"
                                    rf"(?:{w(f.person_at_verb)})[ \t]+"
                                    rf"(?:(?:{w(f.at_meeting)})[ \t]+)?"
                                    rf"(?:(?:{w(f.meeting_noun)})[ \t]+)?$")
        self.concluding = re.compile(rf"[ \t]*(?:{c(f.person_at_verb)})[ \t]+"
                                     rf"(?:(?:{w(f.at_meeting)})[ \t]+)?"
                                     rf"(?:(?:{w(f.meeting_noun)})[ \t]+)?$")
        # A report of a meeting just held: the verb of reporting, then "vừa" before the
        # trigger ("… cho biết, lực lượng chức năng vừa tiến hành trao trả").
        self.reported_just = re.compile(rf"(?<!\w)(?:{w(f.report_verb)})(?!\w)"
                                        rf"[^.;]*?(?<!\w)(?:{w(f.just_done)})(?!\w)")
        self.honorific = rf"(?:(?:{c(f.honorific)})[ \t]+)?"
        self.place = re.compile(
            rf"(?<!\w)(?:{c(f.venue)})[ \t]+(?!(?:{w(f.not_venue)})\b)"
            r"([^,.;()\n]{2,60}?)(?=[ \t]*(?:[,.;()\n]|$|[ \t]"
            rf"(?:{w(f.venue_stop)})\b))")
        self.venue_before = re.compile(rf"(?<!\w)(?:{c(f.venue)})[ \t]+"
                                       rf"(?:(?:{c(f.venue_building)})[ \t]+)?$")
        self.lists = re.compile(rf"(?<!\w)(?:{w(f.lists)})(?!\w)")
        self.side_level = w(f.side_level)
        self.reference_filler = w(f.reference_filler)
        self.date_unit = w(f.date_unit)
        self.document_number = w(f.document_number)
        # Between a signing and its day: a clause break or a document's number ("ký số 12
        # ngày …") means the day is not the signing's.
        self.signed_day_gap = re.compile(rf"[,.;]|(?<!\w)(?:{self.document_number})(?!\w)")
        self.document_date = w(f.document_date)


def _long_span(value: str) -> bool:
    """A span of days longer than a month ("1945-09-02/2025-09-02", an anniversary's years)
    is no meeting's date: meetings last days."""
    a, sep, b = value.partition("/")
    if not sep or len(a) != 10 or len(b) != 10:
        return False
    try:
        return (date.fromisoformat(b) - date.fromisoformat(a)).days > 31
    except ValueError:
        return False


@dataclass
class _Mention:
    """What one clause says about a meeting."""

    clause: tuple[int, int]
    sentence: tuple[int, int]
    trigger: tuple[int, int] | None = None
    kind: str | None = None
    triggers: list[tuple[int, int]] = field(default_factory=list)
    date: str | None = None
    # Said to be "just" held in a report dated by the report's day: no date of its own.
    undated: bool = False
    place: tuple[int, int] | None = None
    parties: list[MeetingPartyHit] = field(default_factory=list)
    people: list[MeetingPersonHit] = field(default_factory=list)
    offices: list[MeetingPartyHit] = field(default_factory=list)  # leaders' head offices
    # Of those, the offices of people who only attend (not lead, chair or host).
    attended: list[MeetingPartyHit] = field(default_factory=list)
    # Of those, the offices of the people who host it (the report's subject, before its
    # trigger: "Phó Chủ tịch UBND tỉnh A Đoàn B tiễn Đoàn công tác của Bộ Ngoại giao").
    hosting: list[MeetingPartyHit] = field(default_factory=list)
    # Opened by a reference ("Tại hội đàm, …"): the text dates it only in its own clause.
    referred: bool = False
    # The event a reported meeting takes place within, or an earlier one ("Trước đó, …"):
    # no later mention joins it.
    framing: bool = False


class _Index:
    """Lookups over one document's entities, built once per article (long articles have
    thousands of mentions: a scan per person would make the stage quadratic)."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.orgs = sorted(doc.orgs, key=lambda o: o.start)
        self.org_starts = [o.start for o in self.orgs]
        self.by_name: dict[str, OrgHit] = {}
        for o in self.orgs:
            self.by_name.setdefault(o.name, o)
        # Every stated title, repeats included, in text order.
        self.title_list = sorted(doc.title_mentions or doc.titles, key=lambda h: h.start)
        self.titles: dict[str, list[TitleHit]] = {}
        for h in self.title_list:
            self.titles.setdefault(h.person, []).append(h)
        self.stated: dict[str, set[str]] = {}
        for q in doc.people:
            if q.side is not None:
                self.stated.setdefault(q.name, set()).add(q.side)
        self.sentences = doc.sentences or [(0, len(doc.text))]
        # Found once per clause / body name (a clause listing many bodies asks for each).
        self.segments: dict[tuple[int, int], list[tuple[int, str | None]]] = {}
        self.joint: dict[str, bool] = {}
        self.sentence_starts = [a for a, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return 0, 0

    def orgs_in(self, start: int, end: int) -> list[OrgHit]:
        return self.orgs[bisect.bisect_left(self.org_starts, start):
                         bisect.bisect_left(self.org_starts, end)]


class MeetingRecognizer:
    """Stage: meetings built from the entities the recognizers found."""

    name = "meetings"

    def __init__(self) -> None:
        t: gazetteers.MeetingsTable = gazetteers.load("meetings")
        self._f = _Frames(t.frame)
        self._membership = tuple(t.membership_role)
        self._government_head = tuple(fold_key(w) for w in t.government_head)
        self._government_body = tuple(fold_key(w) for w in t.government_body)
        self._member_of = tuple(t.member_of)
        self._since = re.compile(rf"(?<!\w)(?:{alternation(t.since_word)})(?!\w)", re.IGNORECASE)
        self._regarding = re.compile(rf"(?<!\w)(?:{alternation(t.regarding_word)})(?!\w)",
                                     re.IGNORECASE)
        self._companion = re.compile(rf"(?<!\w)(?:{alternation(t.companion_word)})(?!\w)")
        self._apposed_stop = re.compile(
            rf"(?<!\w)(?:{alternation(t.clause_stop_word)})(?!\w)|[;.]")
        places: gazetteers.PlacesTable = gazetteers.load("places")
        gates: gazetteers.GatesTable = gazetteers.load("gates")
        self._kind = {tr.text.lower(): tr.kind for tr in t.trigger}
        self._entry = {tr.text.lower(): tr.text for tr in t.trigger}
        self._counts_object = {tr.text.lower() for tr in t.trigger if tr.counts_object}
        self._cn_side_word = re.compile(
            rf"(?<!\w)(?:{alternation(t.side_open)})[ \t]+(?:{alternation(t.side_cn)})(?!\w)",
            re.IGNORECASE)
        self._triggers: PhraseMatcher[str | None] = PhraseMatcher(
            [(tr.text, tr.text.lower()) for tr in t.trigger] + [(w, None) for w in t.not_trigger])
        self._reference = re.compile(
            rf"(?<!\w)(?:{alternation(t.reference_before)})[ \t]+"
            rf"(?:(?:{self._f.reference_filler})[ \t]+)*$", re.IGNORECASE)
        self._document = re.compile(rf"(?<!\w)(?:{alternation(t.document_word)})(?!\w)")
        self._date_block = re.compile(
            rf"(?<!\w)(?:{alternation(t.date_not_after)})[ \t]+"
            rf"(?:(?:{self._f.date_unit})[ \t]+)?$", re.IGNORECASE)
        # "Hà Nội (Ttxvn 3/3/2001)": a news agency's dateline inside the headline line, the
        # report's date, not the meeting's.
        outlets = gazetteers.load("furniture").outlet_word
        self._agency_date = re.compile(
            rf"\([ \t]*(?:{alternation(outlets)})[ \t]*[,:-]?[ \t]*$", re.IGNORECASE)
        self._doc_date = re.compile(
            rf"(?<!\w)(?:{alternation(t.document_word)})[ \t]+"
            rf"(?:(?:{self._f.document_number})[ \t]+)?\S*[ \t]*"
            rf"(?:(?:{self._f.document_date})[ \t]+)?$")
        side_of: dict[str, str] = {}
        for w in t.side_vn + places.vn_province + places.vn_locality:
            side_of.setdefault(fold_key(w), "VN")
        cn_names = t.side_cn + places.cn_region + places.cn_locality
        for g in gates.gate:
            if g.cn:
                cn_names += [g.cn, *g.cn_aliases]
            if g.cn_county:
                cn_names.append(g.cn_county)
        for w in cn_names:
            side_of.setdefault(fold_key(w), "CN")
        self._side_of = side_of
        names = sorted({w for w in t.side_vn + cn_names + places.vn_province
                        + places.vn_locality if w}, key=len, reverse=True)
        self._side = re.compile(
            rf"(?<!\w)(?:{alternation(t.side_open)})[ \t]+"
            rf"(?:(?:{self._f.side_level})[ \t]+)?"
            rf"(?P<place>{'|'.join(re.escape(n) for n in names)})(?!\w)", re.IGNORECASE)
        self._place_name = re.compile(
            rf"(?<!\w)(?:{'|'.join(re.escape(n) for n in names if len(n) > 3)})(?!\w)")
        self._delegation_acts = re.compile(
            rf"(?<!phía )(?<!\w)(?:{alternation(t.delegation)})[ \t]+"
            rf"(?:{alternation(t.delegation_verb)})(?!\w)", re.IGNORECASE)
        self._delegation = re.compile(rf"(?<!\w)(?:{alternation(t.delegation)})(?!\w)",
                                      re.IGNORECASE)
        self._leader = re.compile(
            rf"(?<!\w)(?:{alternation(t.leader_open)})[ \t]+{self._f.honorific}[^,;.]{{0,20}}$")
        # "Trưởng đoàn đại biểu Việt Nam là Trung tá A": a rank or honorific may stand
        # between "là" and the name.
        self._leader_is = re.compile(
            rf"(?<!\w)(?:{alternation(t.leader_head)})(?:[ \t]+[^,;.]{{0,40}}?)?[ \t]+là"
            r"[ \t]+[^,;.]{0,32}$", re.IGNORECASE)
        self._list_open = re.compile(
            rf"(?<!\w)(?:{alternation(t.both_sides)})[ \t]*:?[ \t]*"
            rf"(?:{alternation(t.list_open)})(?!\w)", re.IGNORECASE)
        self._leader_close = re.compile(rf"(?<!\w)(?:{alternation(t.leader_close)})(?!\w)",
                                        re.IGNORECASE)
        self._chair = re.compile(rf"(?<!\w)(?:{alternation(t.chair)})(?!\w)", re.IGNORECASE)
        not_attend = rf"(?!(?:{alternation(t.not_attend)})(?!\w))"
        self._attend = re.compile(rf"(?<!\w){not_attend}(?:{alternation(t.attend)})(?!\w)",
                                  re.IGNORECASE)
        self._proposal = re.compile(rf"(?<!\w)(?:{alternation(t.proposal)})(?!\w)",
                                    re.IGNORECASE)
        self._speech = re.compile(rf"(?<!\w)(?:{alternation(t.speech)})(?!\w)", re.IGNORECASE)
        self._not_party = re.compile(rf"(?<!\w)(?:{alternation(t.not_party_after)})(?!\w)",
                                     re.IGNORECASE)
        self._joint = [fold_key(j) for j in t.joint_body]
        self._ranks = sorted(((fold_key(h), r) for h, r in t.parent_rank.items()),
                             key=lambda x: len(x[0]), reverse=True)
        self._organize = re.compile(rf"(?<!\w)(?:{alternation(t.organize)})[ \t]+$",
                                    re.IGNORECASE)
        # The joint frame's verbs: the organize words, and the heads of the patrol
        # triggers ("tuần tra song phương" → "tuần tra").
        joint_verbs: dict[str, gazetteers.MeetingKindName] = {
            w.lower(): "ceremony" for w in t.organize if len(w.split()) <= 2}
        for tr in t.trigger:
            if tr.kind == "joint patrol or inspection":
                joint_verbs.setdefault(" ".join(tr.text.lower().split()[:2]).rstrip(","),
                                       tr.kind)
        self._kind.update({w: k for w, k in joint_verbs.items() if w not in self._kind})
        self._kind.setdefault("ký", "signing")
        self._members_of = re.compile(
            rf"[ \t]*,?[ \t]*(?:{alternation(t.member_list_open)})[ \t]*:?[ \t]+"
            rf"{self._f.honorific}", re.IGNORECASE)
        self._speech_opening = re.compile(
            rf"[ \t]*(?:{alternation(t.speech_opening)})(?!\w)", re.IGNORECASE)
        self._future = re.compile(rf"(?<!\w)(?:{alternation(t.future_word)})(?!\w)")
        self._met_gap = re.compile(
            rf"[ \t]*(?:(?:{alternation(t.met_person_gap)})[ \t]+)*", re.IGNORECASE)
        self._branch_of = re.compile(
            rf"[ \t]*[-–,]?[ \t]*(?:{alternation(t.branch_of)})[ \t]+", re.IGNORECASE)
        self._joint_frame = re.compile(r"(?<!\w)phối hợp(?:[ \t]+với)?[ \t]+")
        self._joint_verb = re.compile(
            r"[^.;\n]{0,90}?(?<!\w)(?P<verb>"
            + "|".join(re.escape(w) for w in sorted(joint_verbs, key=len, reverse=True))
            + r")(?!\w)")
        self._both = re.compile(rf"(?<!\w)(?:{alternation(t.both_sides)})(?!\w)", re.IGNORECASE)

    # --- the stage ------------------------------------------------------------------------

    def __call__(self, doc: Document) -> None:
        text = doc.text
        if not text:
            return
        low = lower_same_length(text)
        orgs = sorted(doc.orgs, key=lambda o: o.start)
        org_starts = [o.start for o in orgs]
        people = sorted(doc.people, key=lambda p: p.start)
        people_starts = [p.start for p in people]
        ix = _Index(doc)
        titles = ix.title_list
        # A body named inside a person's title ("Ủy viên Trung ương Đảng", "Phó Chủ tịch
        # UBND tỉnh") is their office, not a party by itself.
        titled_spans = SpanIndex((h.start, h.end) for h in titles)
        dates = sorted(doc.dates, key=lambda d: d.start)
        date_starts = [d.start for d in dates]
        org_span_ix = SpanIndex((o.start, o.end) for o in orgs)
        named_spans = SpanIndex([(o.start, o.end) for o in orgs]
                                + [(h.start, h.end) for h in titles])

        triggers: list[tuple[int, int, str]] = []
        for s, e, payloads in self._triggers.longest(low):
            word = payloads[0]
            if word is None or org_span_ix.holds(s):
                continue
            # "giao Ban Quản lý …" is not "giao ban": past the first letter the case must
            # be the table's (or the whole word in capitals, as in headlines).
            surface = text[s:e]
            entry = self._entry[word]
            if surface[1:] != entry[1:] and not surface.isupper():
                continue
            triggers.append((s, e, word))
        triggers = self._joint_acts(text, orgs, org_starts, org_span_ix, triggers)
        trig_starts = [s for s, _, _ in triggers]

        clauses = self._clauses(doc)
        meetings: list[tuple[MeetingHit, list[_Mention]]] = []
        current: int | None = None
        owner: list[tuple[int, int | None]] = []  # clause start → meeting being reported
        listing: tuple[int, int] | None = None  # sentence whose clauses list participants
        leader: PersonHit | None = None  # the last delegation leader named
        lead = self._lead(doc)
        about = {x for x in (lead, self._headline_sentence(doc)) if x is not None}
        attending: tuple[int, int] | None = None  # the last sentence naming attendance
        earlier: tuple[tuple[int, int], int] | None = None  # "Trước đó, …": its sentence, meeting
        # Clauses naming bodies or people but no meeting, while none is reported yet: the
        # "hai bên" of a later "Tại hội nghị, hai bên …".
        recent: list[tuple[tuple[int, int], tuple[int, int], list[OrgHit], list[PersonHit]]] = []
        # (leader, members, their bodies)
        companions: list[tuple[str, list[MeetingPersonHit], list[MeetingPartyHit]]] = []
        for sent, (cs, ce) in clauses:
            # "Buổi lễ có sự tham dự của lãnh đạo các sở, ngành. Trong đó có Sở A, Sở B":
            # the sentence right after an attendance sentence goes on with its list.
            among = (attending is not None and attending != sent
                     and self._f.among.match(text, cs) is not None
                     and not text[attending[1]:sent[0]].strip())
            if self._attend.search(text, cs, ce):
                attending = sent
            framed = self._frame(text, cs, ce, dates, date_starts, people_starts, org_starts)
            lead_in: tuple[int, int] | None = None
            if framed is not None:
                # "Trong khuôn khổ Hội nghị … giữa Tỉnh ủy A, B và Tỉnh ủy C, ngày 27/3, ông
                # X hội kiến ông Y": the event the meeting is part of is not its report; it
                # is a meeting of its own (the conference of the bodies it lists, dated only
                # by a day of its own; a leader's visit), and the clause reports from its
                # end on, with the date it may open on ("Ngày 12/4/2025, trong khuôn khổ
                # chuyến thăm …, Tỉnh ủy A và Khu ủy B đã ký kết …").
                self._framing(doc, text, sent, framed, triggers, trig_starts, orgs,
                              org_starts, people, people_starts, dates, date_starts,
                              meetings, ix, titled_spans)
                lead_in = (cs, framed[0]) if framed[0] > cs else None
                cs = framed[1]
            cdates = dates[bisect.bisect_left(date_starts, cs):bisect.bisect_left(date_starts, ce)]
            if lead_in is not None:
                cdates = dates[bisect.bisect_left(date_starts, lead_in[0]):
                               bisect.bisect_left(date_starts, lead_in[1])] + cdates
            ctrigs = triggers[bisect.bisect_left(trig_starts, cs): bisect.bisect_left(
                trig_starts, ce)]
            corgs = orgs[bisect.bisect_left(org_starts, cs): bisect.bisect_left(org_starts, ce)]
            cpeople = people[bisect.bisect_left(people_starts, cs):
                             bisect.bisect_left(people_starts, ce)]
            if not ctrigs and not corgs and not cpeople:
                # Nothing to report or attach; a participant list stops here.
                listing = None if listing != sent else listing
                owner.append((cs, current))
                continue
            self._signed(text, (cs, ce), sent, cdates,
                         meetings, current, ix, titled_spans, lead)
            scheduled = False
            if current is not None and ctrigs:
                scheduled = self._scheduled(text, (cs, ce), sent, ctrigs, trig_starts,
                                cdates,
                                meetings, current, [o for o in corgs if o.side is not None
                                                    and not titled_spans.holds(o.start)])
            if ctrigs:
                self._counted(text, (cs, ce), sent, ctrigs, corgs, cpeople, titled_spans,
                              cdates,
                              meetings, current, ix)
            m = _Mention(clause=(cs, ce), sentence=sent)
            # A meeting the clause schedules is not the one being reported: the report goes
            # on with the meeting before it ("Kết thúc buổi hội đàm, …" refers to that one).
            main = None if scheduled else self._main_trigger(text, sent, (cs, ce), ctrigs,
                                                              cpeople, named_spans)
            before: list[tuple[tuple[int, int], tuple[int, int], list[OrgHit],
                               list[PersonHit]]] = []
            at = self._f.at_meeting.match(text, cs, ctrigs[0][0]) if ctrigs else None
            main_role: str | None = None
            # No meeting reported before with anyone taking part (an excerpt, a caption).
            unreported = main is None and ctrigs and (
                current is None or not any(x.parties or x.offices or x.people
                                           for x in meetings[current][1]))
            if unreported and at is not None and (not at.group("spoke") or cdates):
                # "Tại hội đàm, đại biểu Đồn A và Trạm B đã trao đổi …" with no meeting
                # reported before it (an excerpt, a caption): the meeting it names is the
                # article's, its participants those of the clause, or for "Tại hội nghị,
                # hai bên …" those the two sentences before it named.
                if not corgs and not cpeople and self._both.search(text, cs, ce):
                    sents = sorted({r[0] for r in recent})[-2:]
                    before = [r for r in recent if r[0] in sents]
                if corgs or cpeople or before:
                    main = ctrigs[0]
                    m.referred = True
            if main is None and unreported and cpeople:
                # "Chủ tịch UBND tỉnh A Hoàng Văn B phát biểu tại buổi làm việc", "Kết luận
                # buổi làm việc, đồng chí C, Phó Chủ tịch UBND tỉnh, …": in an excerpt that
                # reports no meeting before, the person leads the meeting referred to.
                t0 = ctrigs[0][0]
                by = [p for p in cpeople if p.end <= t0
                      and self._f.person_at.fullmatch(text, p.end, t0)]
                if by:
                    corgs = [o for o in corgs if o.start >= by[0].start]
                elif self._f.concluding.fullmatch(text, cs, t0):
                    # The bodies after the one who concludes are those he instructs.
                    by, corgs, main_role = [p for p in cpeople if p.start >= ctrigs[0][1]][:1], \
                        [], "chair"
                if by:
                    main = ctrigs[0]
                    m.referred = True
                    cpeople = by[:1]
            if main is not None and main[2] in self._counts_object and not self._crosses(
                    text, sent, corgs):
                # "… bàn giao cho Trung tâm y tế huyện đưa đi cách ly": a handover inside the
                # country, no meeting of the two sides.
                main = None
            if main is not None:
                m.trigger = (main[0], main[1])
                m.kind = main[2]
                # "tiếp và làm việc", "gặp gỡ, hội đàm": the words of one report.
                m.triggers = [(main[0], main[1])]
                for s, e, _ in ctrigs[1:]:
                    if not self._f.joined.fullmatch(text[m.triggers[-1][1]:s]):
                        break
                    m.triggers.append((s, e))
                just = self._f.reported_just.search(text, cs, main[0])
                if just is not None:
                    # "Ngày 24-11, Công an tỉnh cho biết, … vừa trao trả …": the day is the
                    # report's, not the handover's.
                    cdates = [d for d in cdates if d.start >= just.end()]
                m.date = self._clause_date(text, cdates,
                                           main[0], trig_starts)
                m.undated = just is not None and m.date is None
                nxt = next((t[0] for t in ctrigs if t[0] > main[0]), ce)
                m.place = self._place(text, (cs, nxt))
                self._participants(doc, text, m, corgs, cpeople, ix, titled_spans,
                                   event=True, role=main_role)
                if leader is not None and self._delegation_subject(text, m, corgs, cpeople):
                    # "Đoàn cũng làm việc với …": the delegation led by the last leader named;
                    # the body it represents is the leader's office, the host of this
                    # meeting when the clause names none ("đoàn đã làm việc với Tổng Lãnh
                    # sự quán Việt Nam tại Nam Ninh": two Vietnamese parties).
                    known = len(m.offices)
                    self._participants(doc, text, m, [], [leader], ix, titled_spans,
                                       event=True)
                    if not any(p.role == "host" for p in m.parties):
                        m.parties += [MeetingPartyHit(organization=p.organization,
                                                      side=p.side, role="host",
                                                      confidence=p.confidence)
                                      for p in m.offices[known:]]
                if m.date is None and (m.parties or m.offices) and (
                        self._f.earlier.match(text, sent[0], m.trigger[0]) or (
                            self._future.search(text, cs, m.trigger[0]))):
                    # "Trước đó, ông A đã làm việc với Sở B …": an earlier meeting of its
                    # own, undated unless its clause dates it; the report goes on with the
                    # meeting it came before.  So is one still to come ("Đoàn sẽ hội đàm
                    # với …").
                    m.referred = m.framing = True
                    meetings.append((MeetingHit(kind=m.kind, kind_norm=self._kind[m.kind],
                                                trigger=m.trigger, confidence=0.7), [m]))
                    earlier = (sent, len(meetings) - 1)
                    owner.append((cs, current))
                    continue
                current = self._merge(meetings, m, current,
                                      # The lead opens the article's meeting even when
                                      # its date has no year we can resolve ("Chiều
                                      # 18/3, Đoàn đại biểu tỉnh A đã có buổi Hội đàm
                                      # với Đoàn đại biểu châu B"); a headline, only
                                      # with its date ("… đón tàu container" is none).
                                      opens=bool(before) or (current is None and (
                                          sent == lead or (sent in about
                                                           and m.date is not None))),
                                      refers=bool(self._both.search(text, cs, ce)))
                for bsent, bclause, borgs, bpeople in before:
                    bm = _Mention(clause=bclause, sentence=bsent, referred=True)
                    self._participants(doc, text, bm, borgs, bpeople, ix, titled_spans,
                                       event=False)
                    if current is not None:
                        meetings[current][1].append(bm)
            elif current is not None:
                # "Trước đó, đoàn đã làm việc với A; ông B, … đã thông tin …": the clauses
                # after an earlier meeting's, in its sentence, go on reporting that meeting.
                target = earlier[1] if earlier is not None and earlier[0] == sent else current
                head = min(ce, cs + 30)
                # "Dự có bà A, …; ông B, …; đại diện C": the clauses after a participant
                # clause of the same sentence go on listing participants.
                frame = (listing == sent) or among or (
                    not self._document.search(text, sent[0], ce) and bool(
                        self._side_frame(text, cs, ce, corgs, cpeople)
                        or self._attend.search(text, cs, head)
                        or self._chair.search(text, cs, head)
                        or self._leader_close.search(text, cs, ce)
                        # "Theo đó, các lực lượng của hai bên gồm: Đồn A - Trạm B; …".
                        or self._list_open.search(text, cs, ce)
                        # "Lực lượng tuần tra do Thiếu tá A … chỉ huy": led by a person.
                        or any(self._leads(text, cs, p) for p in cpeople)))
                if frame:
                    self._participants(doc, text, m, corgs, cpeople, ix, titled_spans,
                                       event=False)
                elif cpeople and self._speech.search(text, cs, ce):
                    self._participants(doc, text, m, [], cpeople[:1], ix, titled_spans,
                                       event=False, role="speak")
                    # A speaker speaks at the meeting when already taking part in it, when
                    # the clause names the meeting ("Phát biểu tại buổi lễ, ông A …") or
                    # when their office is a party; else it is someone quoted by the writer.
                    # An article about the meeting (reported in its headline or lead)
                    # quotes the people who spoke at it.
                    office = self._office(cpeople[0].name, sent, ix)[0]
                    opening = self._speech_opening.match(text, cs) is not None
                    # Speeches in a row: the speaker right after one who spoke at the
                    # meeting speaks at it too ("Bà A, Phó Chủ tịch UBND huyện, cho biết …
                    # Ông B, Bí thư Đảng ủy xã, kiến nghị …").
                    last = meetings[target][1][-1]
                    chained = bool(last.people) and all(q.role == "speak" for q in last.people) \
                        and last.sentence != sent and not text[last.sentence[1]:sent[0]].strip()
                    if not ctrigs and not opening and not chained and \
                            not self._takes_part(meetings[target][1], m, office) \
                            and meetings[target][1][0].sentence not in about \
                            and last.sentence != sent:
                        m.people, m.offices = [], []
                # A reference ("tại buổi hội đàm") is one more mention of the meeting.
                m.triggers = [(s, e) for s, e, _ in ctrigs[:1]]
                if m.people or m.parties or m.offices or m.triggers:
                    meetings[target][1].append(m)
                listing = sent if frame and (m.people or m.parties or corgs) and (
                    listing == sent or self._lists(text, cs, ce)) else None
            if main is not None:
                # What the one who concludes asks of others ("yêu cầu Sở A có công hàm …;
                # Văn phòng B …") lists no participants.
                listing = sent if (m.people or m.parties) and main_role is None and \
                    self._lists(text, cs, ce) else None
            if leader is not None and (cpeople or corgs) and \
                    self._companion.search(text, sent[0], ce):
                # "Cùng đi có bà A", "Ông B … tháp tùng đoàn", "Cùng tham gia đoàn có …;
                # lãnh đạo các sở …": members of the delegation, people and bodies, at each
                # of its meetings.
                cm = _Mention(clause=(cs, ce), sentence=sent)
                self._participants(doc, text, cm, corgs,
                                   [p for p in cpeople if p is not leader],
                                   ix, titled_spans, event=False)
                companions.append((leader.name, cm.people, cm.parties))
            for p in cpeople:
                if self._leads(text, cs, p):
                    leader = p
            if not ctrigs and (corgs or cpeople):
                recent.append((sent, (cs, ce), corgs, cpeople))
                del recent[:-8]
            owner.append((cs, current))

        out: list[MeetingHit] = []
        lead_date, article_date = self._fallback_dates(doc, dates)
        for hit, mentions in meetings:
            self._finish(hit, mentions, lead_date, article_date)
            if hit.parties or (hit.people and (self._visit_by_people(mentions) or (
                    mentions[0].framing and hit.kind_norm == "visit"))):
                out.append(hit)
        for name, members, bodies in companions:
            for hit in out:
                if any(q.name == name for q in hit.people):
                    hit.people += [q for q in members if q.side is not None
                                   and q.name not in {x.name for x in hit.people}]
                    hit.parties += [p for p in bodies if p.side is not None and
                                    p.organization not in {x.organization for x in hit.parties}]
        out = self._merge_same_date(out)
        self._attach_gates(doc, out, meetings, owner)
        doc.meetings = out

    # --- clauses and triggers -------------------------------------------------------------

    def _joint_acts(self, text: str, orgs: list[OrgHit], org_starts: list[int],
                    org_spans: SpanIndex, triggers: list[tuple[int, int, str]]
                    ) -> list[tuple[int, int, str]]:
        """"Đồn A phối hợp với Trạm B (Trung Quốc) tổ chức khôi phục chợ biên giới", "Chi
        cục A phối hợp với Đồn B kiểm tra công tác thông quan": one body acting with another
        reports an event of both even when what they do is no trigger word (an organized
        event only when one of them is Chinese: a cross-border one); the verb
        (an ``organize`` word, or the head of a patrol trigger: "tuần tra", "kiểm tra") is
        its trigger.  A trigger word after the verb ("tổ chức tuần tra song phương") is the
        event's own and wins."""
        found: list[tuple[int, int, str]] = []
        starts = [s for s, _, _ in triggers]
        for m in self._joint_frame.finditer(text):
            j = bisect.bisect_left(org_starts, m.start()) - 1
            if j < 0 or not _JOINT_GAP.fullmatch(text, orgs[j].end, m.start()):
                continue  # no body acting before "phối hợp"
            i = bisect.bisect_left(org_starts, m.end())
            partner = i < len(orgs) and orgs[i].start == m.end()
            verb = self._joint_verb.match(text, orgs[i].end if partner else m.end())
            if verb is None:
                continue
            vs, ve = verb.span("verb")
            if org_spans.holds(vs):
                continue  # "Trạm kiểm tra biên phòng …": a body's name
            word = text[vs:ve].lower()
            then = self._joint_verb.match(text, ve, min(len(text), ve + 16))
            organized = False
            if self._kind[word] == "ceremony" and then is not None:
                # "tổ chức kiểm tra, tu bổ mốc": the patrol verb is what is organized.
                vs, ve = then.span("verb")
                word = text[vs:ve].lower()
                organized = self._kind[word] != "ceremony"
            if not partner and not organized:
                # "phối hợp với các lực lượng chức năng kiểm tra sức khỏe …"; but "Đồn A, B
                # phối hợp với chính quyền địa phương tổ chức kiểm tra, tu bổ hệ thống mốc"
                # is the posts' inspection, organized, with an unnamed partner.
                continue
            k = bisect.bisect_left(starts, vs)
            nxt = starts[k] if k < len(starts) else len(text)
            stop = _CLAUSE_END.search(text, ve)
            if nxt < (stop.start() if stop else len(text)):
                continue  # the event's own trigger word follows
            if self._kind[word] == "ceremony" and "CN" not in (orgs[i].side, orgs[j].side):
                # "Huyện đoàn A phối hợp với Đồn Biên phòng B tổ chức hành trình …": an
                # event one side organizes for its own people is no meeting; a joint
                # inspection of two of its bodies is one.
                continue
            found.append((vs, ve, word))
        if not found:
            return triggers
        return sorted(triggers + found)


    @staticmethod
    def _clauses(doc: Document) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        sentences = doc.sentences or [(0, len(doc.text))]
        out = []
        for s, e in sentences:
            start = s
            for m in re.finditer(r"[;\n]", doc.text[s:e]):
                cut = s + m.start()
                if doc.text[start:cut].strip():
                    out.append(((s, e), (start, cut)))
                start = cut + 1
            if doc.text[start:e].strip():
                out.append(((s, e), (start, e)))
        return out

    def _main_trigger(self, text: str, sent: tuple[int, int], clause: tuple[int, int],
                      ctrigs: list[tuple[int, int, str]],
                      cpeople: list[PersonHit],
                      names: SpanIndex) -> tuple[int, int, str] | None:
        # Only the clause's first trigger reports: in "Tại buổi hội đàm, … tại Hội nghị lần
        # thứ 16 …" the later one is a past event the speakers refer to.
        if not ctrigs:
            return None
        s, e, word = ctrigs[0]
        before = text[max(clause[0], s - 40): s]
        if self._reference.search(before) or self._document.search(text, sent[0], s):
            # "Kết thúc buổi hội đàm, hai bên … chứng kiến lễ ký kết hợp đồng … giữa Công
            # ty A và Công ty B": a signing later in the clause names its own signatories.
            for s2, e2, w2 in ctrigs[1:]:
                if self._kind[w2] == "signing" and self._f.between.search(text, e2, clause[1]) and \
                        not self._reference.search(text[max(clause[0], s2 - 40): s2]):
                    return s2, e2, w2
            return None
        if self._regarding.search(text, clause[0], s):
            return None  # "ý kiến của Thủ tướng về việc kiểm tra, khảo sát …": a subject
        if self._proposal.search(text, clause[0], s):
            return None  # "đề nghị … tổ chức hội nghị sơ kết": proposed, not held
        for said in self._speech.finditer(text, clause[0], s):
            if names.holds(said.start()):
                continue  # "Ban Chỉ đạo" is a body, not "chỉ đạo" (to direct)
            if any(p.end <= said.start() for p in cpeople):
                return None  # "ông A khẳng định, … hai bên ký kết …": reported speech
        if self._f.count.match(text, e) and word not in self._counts_object:
            return None  # "đón hơn 2.000 lượt khách", "ký kết 14 biên bản": a count
        if self._kind[word] == "signing" and self._f.signed_by.search(text, clause[0], s) and \
                self._not_party.search(text, clause[0], s):
            # "Theo tinh thần các hiệp định mà Chính phủ hai nước đã ký kết, ngày 3/6, Sở A
            # làm việc với …": signed long ago; the clause may go on to report.
            return self._main_trigger(text, sent, (e, clause[1]), ctrigs[1:],
                                      [p for p in cpeople if p.start >= e], names)
        return s, e, word

    def _crosses(self, text: str, sent: tuple[int, int], corgs: list[OrgHit]) -> bool:
        """The sentence of a handover names the other side: a Chinese body or place, or the
        side word ("phía bạn")."""
        if any(o.side == "CN" for o in corgs):
            return True
        if any(self._side_of.get(fold_key(p.group())) == "CN"
               for p in self._place_name.finditer(text, sent[0], sent[1])):
            return True
        return self._cn_side_word.search(text, sent[0], sent[1]) is not None

    def _scheduled(self, text: str, clause: tuple[int, int], sent: tuple[int, int],
                   ctrigs: list[tuple[int, int, str]], trig_starts: list[int],
                   cdates: list,  # type: ignore[type-arg]
                   meetings: list[tuple[MeetingHit, list[_Mention]]], current: int,
                   named: list[OrgHit]) -> bool:
        """"Hai bên thống nhất tổ chức hội đàm tiếp theo vào tháng 9/2025": a meeting the two
        sides of the one being reported schedule, with its own date and their bodies, or
        the bodies of both sides the clause names for it ("giao Sở A và Văn phòng B làm
        đầu mối, tổ chức hội đàm định kỳ …")."""
        cs, ce = clause
        if not self._both.search(text, cs, ce):
            return False
        for s, e, word in ctrigs:
            organize = self._organize.search(text[max(cs, s - 20):s])
            if not organize:
                continue
            if self._f.done.search(text, max(cs, s - 30), max(cs, s - 20) + organize.start()):
                continue  # "hai bên đã tổ chức gặp gỡ …": held, not scheduled
            date = self._clause_date(text, [d for d in cdates if d.start > s], s, trig_starts)
            if date is None:
                return False
            # The two sides: the bodies taking part as host or guest, and those of the
            # leaders a side is named by ("Đoàn huyện A do ông B, Bí thư Huyện ủy A …").
            hosts = [p for x in meetings[current][1] for p in x.parties if p.role is not None]
            sides = {p.side for p in hosts}
            hosts += [p for x in meetings[current][1] for p in x.offices
                      if p.side not in sides and p.side is not None]
            if {o.side for o in named} >= {"VN", "CN"}:
                hosts = [MeetingPartyHit(organization=o.name, side=o.side, role="host")
                         for o in named]
            if not {p.side for p in hosts} >= {"VN", "CN"}:
                return False  # "hai bên" is two sides only when both were named
            m = _Mention(clause=clause, sentence=sent, trigger=(s, e), kind=word,
                         triggers=[(s, e)], date=date)
            m.parties = [MeetingPartyHit(organization=p.organization, side=p.side,
                                         role=p.role, confidence=0.7) for p in hosts]
            if not any(h.date == date for h, _ in meetings):
                meetings.append((MeetingHit(kind=word, kind_norm=self._kind[word],
                                            trigger=(s, e), date=date, confidence=0.7), [m]))
            return True
        return False

    def _counted(self, text: str, clause: tuple[int, int], sent: tuple[int, int],
                 ctrigs: list[tuple[int, int, str]], corgs: list[OrgHit],
                 cpeople: list[PersonHit], titled_spans: SpanIndex,
                 cdates: list,  # type: ignore[type-arg]
                 meetings: list[tuple[MeetingHit, list[_Mention]]], current: int | None,
                 ix: _Index) -> None:
        """"Năm 2024, đơn vị đã phối hợp với Trạm B tổ chức 12 đợt tuần tra song phương",
        "hai bên đã tuần tra song phương 36 lần": the year's joint activities of the two
        sides, one meeting for that year.  The side the clause names no body for is the
        one of the meeting being reported ("đơn vị", "hai bên"), else the office of the
        officer quoted ("Theo Thiếu tá A, năm 2024, đơn vị đã …").  A year after "từ" is a
        bound ("từ khi … được ký năm 2009, hai bên đã nhiều lần khảo sát"), not theirs."""
        cs, ce = clause
        for s, e, word in ctrigs:
            if not (self._f.count_before.search(text[max(cs, s - 20):s])
                    or self._f.count_after.match(text, e, ce)):
                continue
            years = [d for d in cdates if d.granularity == "year" and d.end <= s
                     and not self._since.search(text, max(cs, text.rfind(",", cs, d.start) + 1),
                                           d.start)]
            if not years:
                return
            year = years[-1].value
            if any(h.date == year for h, _ in meetings):
                return
            parties = [MeetingPartyHit(organization=o.name,
                                       side=self._org_side(text, clause, o, ix),
                                       role="guest", confidence=0.7)
                       for o in corgs if not titled_spans.holds(o.start)
                       and not self._joint_body(o.name, ix)]
            named = {p.side for p in parties}
            if current is not None:
                parties += [MeetingPartyHit(organization=p.organization, side=p.side,
                                            role=p.role, confidence=0.7)
                            for x in meetings[current][1] for p in x.parties
                            if p.role is not None and p.side not in named]
            else:
                for q in cpeople:
                    office = self._office(q.name, sent, ix)[0]
                    if office is None:
                        continue
                    o = ix.by_name[office]
                    side = self._person_side(text, clause, q, office, ix, False)
                    if side is not None and side not in named:
                        named.add(side)
                        parties.append(MeetingPartyHit(organization=o.name, side=side,
                                                       role="host", confidence=0.7))
            if not {p.side for p in parties} >= {"VN", "CN"}:
                return  # a joint activity has both sides
            m = _Mention(clause=clause, sentence=sent, trigger=(s, e), kind=word,
                         triggers=[(s, e)], date=year)
            m.parties = parties
            meetings.append((MeetingHit(kind=word, kind_norm=self._kind[word],
                                        trigger=(s, e), date=year, confidence=0.7), [m]))
            return

    def _frame(self, text: str, cs: int, ce: int, dates: list,  # type: ignore[type-arg]
               date_starts: list[int], people_starts: list[int],
               org_starts: list[int]) -> tuple[int, int] | None:
        """The stretch of a clause naming the event it takes place within ("Trong khuôn khổ
        …", "Nhân dịp …", "Bên lề …"), at its start or after the date it opens on: up to
        the comma before its first date set off by a comma (", chiều 20/2,"), else before
        its first person (the commas of a list of places come before: "Tỉnh ủy các tỉnh:
        Hà Giang, Lào Cai"), else before a body ("…, Tỉnh ủy Quảng Ninh và …")."""
        if self._f.framing.match(text, cs, ce):
            fs = cs
        else:
            word = self._f.frame_word.search(text, cs, min(ce, cs + 60))
            if word is None or not _LEAD_IN.fullmatch(text, cs, word.start()) or not (
                    bisect.bisect_left(date_starts, cs) < bisect.bisect_left(date_starts,
                                                                            word.start())):
                return None
            fs = word.start()
        for d in dates[bisect.bisect_left(date_starts, fs):bisect.bisect_left(date_starts, ce)]:
            lead = self._f.date_opening.search(text, fs, d.start)
            if lead is not None and lead.end() == d.start:
                return fs, lead.start() + 1
        for p in people_starts[bisect.bisect_left(people_starts, fs):
                               bisect.bisect_left(people_starts, ce)]:
            comma = text.rfind(",", fs, p)
            if comma >= 0 and re.fullmatch(self._f.honorific + r"[ \t]*", text[comma + 1:p].strip()
                                           + " "):
                return fs, comma + 1
        for o in org_starts[bisect.bisect_left(org_starts, fs):bisect.bisect_left(org_starts, ce)]:
            comma = text.rfind(",", fs, o)
            if comma >= 0 and not text[comma + 1:o].strip():
                return fs, comma + 1
        return None

    def _framing(self, doc: Document, text: str, sent: tuple[int, int],
                 frame: tuple[int, int], triggers: list[tuple[int, int, str]],
                 trig_starts: list[int], orgs: list[OrgHit], org_starts: list[int],
                 people: list[PersonHit], people_starts: list[int],
                 dates: list,  # type: ignore[type-arg]
                 date_starts: list[int], meetings: list[tuple[MeetingHit, list[_Mention]]],
                 ix: _Index, titled_spans: SpanIndex) -> None:
        fs, fe = frame
        ftrigs = [t for t in triggers[bisect.bisect_left(trig_starts, fs):
                                      bisect.bisect_left(trig_starts, fe)]
                  if self._kind[t[2]] in ("conference", "visit")]
        if not ftrigs:
            return
        s, e, word = ftrigs[0]
        day = next((d.value for d in dates[bisect.bisect_left(date_starts, fs):
                                           bisect.bisect_left(date_starts, fe)]
                    if d.granularity == "day"), None)
        m = _Mention(clause=frame, sentence=sent, trigger=(s, e), kind=word, triggers=[(s, e)],
                     date=day, referred=True, framing=True)
        forgs = orgs[bisect.bisect_left(org_starts, fs):bisect.bisect_left(org_starts, fe)]
        fpeople = people[bisect.bisect_left(people_starts, fs):
                         bisect.bisect_left(people_starts, fe)]
        self._participants(doc, text, m, forgs, fpeople, ix, titled_spans, event=True)
        # "giữa Bí thư Tỉnh ủy các tỉnh A, B và Bí thư Tỉnh ủy C": the bodies the frame
        # names in its participants' titles are its parties.
        named = {p.organization for p in m.parties}
        m.parties += [MeetingPartyHit(organization=o.name, side=self._org_side(text, frame, o, ix),
                                      role="host", confidence=0.7)
                      for o in forgs if titled_spans.holds(o.start) and o.name not in named
                      and not self._joint_body(o.name, ix)]
        if self._kind[word] == "visit":
            # "trong khuôn khổ chuyến thăm … của Chủ tịch Trung Quốc A": a leader's visit,
            # named by the leader.
            m.parties, m.offices = [], []
            if not m.people:
                return
        elif not (m.parties or m.offices):
            return
        meetings.append((MeetingHit(kind=word, kind_norm=self._kind[word], trigger=(s, e),
                                    date=day, confidence=0.7), [m]))

    def _signed(self, text: str, clause: tuple[int, int], sent: tuple[int, int],
                cdates: list,  # type: ignore[type-arg]
                meetings: list[tuple[MeetingHit, list[_Mention]]], current: int | None,
                ix: _Index, titled_spans: SpanIndex, lead: tuple[int, int] | None) -> None:
        """"… theo quy chế phối hợp ký ngày 20/12/2023", "Bản ghi nhớ … ký năm 2019 giữa hai
        đơn vị": the signing of the document the two sides work under, a meeting of its
        own date.  Its parties are the two sides of the meeting being reported, else the
        first body of each side in the lead sentence ("hai đơn vị")."""
        cs, ce = clause
        for sm in self._f.signed.finditer(text, cs, ce):
            if self._f.passive.search(text, max(cs, sm.start() - 6), sm.start()) or \
                    self._proposal.search(text, cs, sm.start()):
                # "Nghị định thư … được ký năm 2009": a treaty of the states; "đề nghị …
                # để ký biên bản": proposed.
                continue
            # A day after the document signed ("ký kết quy chế phối hợp ngày 8/1/2015"); a
            # year right after "ký" ("ký năm 2019"), not a document's own ("ký quy chế
            # phối hợp năm 2025") nor its number's date ("Kế hoạch số 125/KH ngày …").
            d = next((d for d in cdates if sm.end() <= d.start <= sm.end() + 60 and (
                (d.granularity == "day" and not self._f.signed_day_gap.search(
                    text, sm.end(), d.start))
                or (d.granularity == "year" and self._f.signed_year.fullmatch(
                    text, sm.end(), d.start) is not None))), None)
            parties: list[MeetingPartyHit] = []
            if d is None and sm.group() == "ký":
                # "Được biết, ngày 26/4/2025, Bộ A và Bộ B (Trung Quốc) đã ký bản ghi nhớ":
                # two bodies of both sides signing on the clause's opening day ("ký kết" is
                # a trigger word and reported as such).
                bodies = [o for o in ix.orgs_in(cs, sm.start())
                          if o.side in ("VN", "CN") and not titled_spans.holds(o.start)]
                opening = [x for x in cdates if x.end <= sm.start() and x.granularity == "day"
                           and not self._date_block.search(text, max(cs, x.start - 40),
                                                           x.start)]
                if opening and {o.side for o in bodies} >= {"VN", "CN"}:
                    d = opening[0]
                    parties = [MeetingPartyHit(organization=o.name, side=o.side, role="host",
                                               confidence=0.7) for o in bodies]
            if d is None or any(h.date == d.value for h, _ in meetings):
                continue
            if not parties and current is not None:
                parties = [MeetingPartyHit(organization=p.organization, side=p.side,
                                           role=p.role, confidence=0.7)
                           for x in meetings[current][1] for p in x.parties
                           if p.role is not None]
            elif not parties and lead is not None:
                for side in ("VN", "CN"):
                    o = next((o for o in ix.orgs_in(*lead) if o.side == side
                              and not titled_spans.holds(o.start)), None)
                    if o is not None:
                        parties.append(MeetingPartyHit(organization=o.name, side=side,
                                                       role="host", confidence=0.7))
            if not {p.side for p in parties} >= {"VN", "CN"}:
                continue  # a document signed by two sides
            word = "ký kết" if "kết" in sm.group() else "ký"
            m = _Mention(clause=clause, sentence=sent, trigger=sm.span(), kind=word,
                         triggers=[sm.span()], date=d.value)
            m.parties = parties
            meetings.append((MeetingHit(kind=word, kind_norm="signing", trigger=sm.span(),
                                        date=d.value, confidence=0.7), [m]))
            return

    @staticmethod
    def _takes_part(mentions: list[_Mention], m: _Mention, office: str | None) -> bool:
        names = {q.name for x in mentions for q in x.people}
        bodies = {p.organization for x in mentions for p in x.parties + x.offices}
        return bool({q.name for q in m.people} & names or office in bodies)

    def _side_frame(self, text: str, cs: int, ce: int, corgs: list[OrgHit],
                    cpeople: list[PersonHit]) -> bool:
        """The clause names a side's participants ("Phía Trung Quốc có ông A", "Phía Trung
        Quốc, ông A, Phó Trạm trưởng …, đề nghị …"), not the side a proposal is made to
        ("đề nghị phía bạn sớm báo cáo Chính phủ Trung Quốc …") nor what a side's body did
        ("Phía Trung Quốc, Chính phủ nhân dân huyện A đã hoàn tất hồ sơ …")."""
        found = self._side.search(text, cs, ce)
        if found is None or self._proposal.search(text, cs, found.start()):
            return False
        if text[found.end():found.end() + 2].lstrip().startswith(","):
            first_org = next((o.start for o in corgs if o.start >= found.end()), ce)
            first_person = next((p.start for p in cpeople if p.start >= found.end()), ce)
            return first_person < first_org
        return True

    def _lists(self, text: str, cs: int, ce: int) -> bool:
        """The clause lists participants ("Dự … có bà A, …", "phía Trung Quốc có …"), so
        the next clauses of its sentence may go on with the list."""
        return bool(self._attend.search(text, cs, ce) or self._side.search(text, cs, ce)
                    or self._f.lists.search(text, cs, ce))

    def _delegation_subject(self, text: str, m: _Mention, corgs: list[OrgHit],
                            cpeople: list[PersonHit]) -> bool:
        """The clause's subject is a delegation named before ("Đoàn cũng làm việc với …",
        "đoàn đã đến thăm …"): a delegation word and no body or person before the trigger."""
        assert m.trigger is not None
        start, trig = m.clause[0], m.trigger[0]
        if any(o.start < trig for o in corgs) or any(p.start < trig for p in cpeople):
            return False
        return bool(self._delegation_acts.search(text, start, m.trigger[1]))

    def _clause_date(self, text: str, cdates: list, trig: int,  # type: ignore[type-arg]
                     trig_starts: list[int]) -> str | None:
        best: tuple[int, int, int, str] | None = None
        for d in cdates:
            before = text[max(0, d.start - 40): d.start]
            # "Từ ngày 30/10-1/11/2022": a stated span is the meeting's, its "từ" no bound.
            if self._doc_date.search(before) or self._agency_date.search(before) or (
                    d.granularity != "span" and self._date_block.search(before)):
                continue
            if _long_span(d.value):
                continue  # "kỷ niệm … 2/9 (1945-2025)": an anniversary, not the meeting's days
            if d.start > trig and bisect.bisect_left(trig_starts, d.start) - \
                    bisect.bisect_right(trig_starts, trig) > 0:
                continue  # after another trigger: that one's date ("… tại Hội nghị 2025")
            # Prefer the date before the trigger ("Ngày 25-11, Sở … hội đàm"), a day before a
            # year (an edition's: "Ngày 26/11/2024 - Hội chợ … 2024 đã khai mạc"), the
            # nearest.
            coarse = int(d.granularity not in ("day", "span"))
            rank = (0, coarse, trig - d.end) if d.end <= trig else (1, 0, d.start - trig)
            if best is None or rank < best[:3]:
                best = (rank[0], rank[1], rank[2], d.value)
        return best[3] if best else None

    def _place(self, text: str, clause: tuple[int, int]) -> tuple[int, int] | None:
        m = self._f.place.search(text, clause[0], clause[1])
        if m is None:
            return None
        return m.start(1), m.end(1)

    # --- participants ---------------------------------------------------------------------

    def _segment_side(self, text: str, clause: tuple[int, int], pos: int,
                      ix: _Index) -> str | None:
        """The side of the last "phía …" before ``pos`` in the clause."""
        segments = ix.segments.get(clause)
        if segments is None:
            segments = [(m.end(), self._side_of.get(fold_key(m.group("place"))))
                        for m in self._side.finditer(text, clause[0], clause[1])]
            ix.segments[clause] = segments
        found = None
        for end, side in segments:
            if end > pos:
                break
            found = side
        return found

    def _org_side(self, text: str, clause: tuple[int, int], o: OrgHit, ix: _Index) -> str:
        if o.side in ("VN", "CN"):
            return o.side
        return (self._apposed_side(text, clause, o) or self._segment_side(text, clause, o.start, ix)
                or "VN")

    def _apposed_side(self, text: str, clause: tuple[int, int], o: OrgHit) -> str | None:
        """The side of the places set after a body ("Cục Công an huyện Ma Ly Pho, châu Văn
        Sơn, tỉnh Vân Nam (Trung Quốc)"): the press locates a foreign body so."""
        if not _APPOSED.match(text, o.end, clause[1]):
            return None
        end = min(clause[1], o.end + 80)
        stop = self._apposed_stop.search(text, o.end, end)
        sides = {self._side_of.get(fold_key(m.group()))
                 for m in self._place_name.finditer(text, o.end, stop.start() if stop else end)}
        return "CN" if "CN" in sides else "VN" if "VN" in sides else None

    def _office(self, person: str, sent: tuple[int, int],
                ix: _Index) -> tuple[str | None, str | None]:
        """(head-office organization, title held) for ``person``: the last-listed office
        stated beside them in this sentence, else anywhere; memberships give none."""
        mine = ix.titles.get(person, [])
        orgs_by_name = ix.by_name
        here = [h for h in mine if sent[0] <= h.start < sent[1]] or mine
        title = here[0].title if here else None
        def heads(hs: list[TitleHit]) -> list[TitleHit]:
            # (a joint body of both sides is nobody's office: "Tổng thư ký Ủy ban Chỉ đạo
            # hợp tác song phương Việt Nam - Trung Quốc")
            return [h for h in hs if h.organization and h.organization in orgs_by_name
                    and not fold_key(h.title).startswith(self._membership)
                    and not self._joint_body(h.organization, ix)]

        offices = heads(here) or heads(mine)
        if not offices:
            return self._government_of(here or mine, ix), title
        return offices[-1].organization, title

    def _government_of(self, hs: list[TitleHit], ix: _Index) -> str | None:
        """"Châu trưởng châu Hồng Hà": the place's people's government, when the article
        names it, is the office of a head titled by the place alone."""
        for h in hs:
            head = fold_key(h.title)
            head = head[4:] if head.startswith("pho ") else head
            if h.organization is not None or not head.startswith(self._government_head):
                continue
            stop = _CLAUSE_END_OR_COMMA.search(ix.text, h.end, min(len(ix.text), h.end + 40))
            place = self._place_name.search(ix.text, h.start, stop.start() if stop else h.end)
            if place is None:
                continue
            where = fold_key(place.group())
            for name in ix.by_name:
                key = fold_key(name)
                if key.startswith(self._government_body) and key.endswith(where):
                    return name
        return None

    def _leads(self, text: str, cs: int, p: PersonHit) -> bool:
        """``p`` leads a delegation: "do (ông) A … làm trưởng đoàn", "Trưởng đoàn đại biểu
        Việt Nam là Trung tá A"."""
        before = text[max(cs, p.start - 90):p.start]
        return bool(self._leader.search(before) or self._leader_is.search(before))

    def _rank(self, name: str) -> int:
        key = fold_key(name)
        for head, rank in self._ranks:
            if key == head or key.startswith(head + " "):
                return rank
        return 0

    def _parent(self, text: str, cs: int, o: OrgHit, prev: OrgHit | None) -> bool:
        """``o`` is the parent of the body named right before it ("Tiểu đoàn A, BĐBP khu B",
        "Trạm A thuộc Tổng trạm B"): it places that body and takes no part itself."""
        if prev is None or prev.end > o.start or (
                {prev.side, o.side} == {"VN", "CN"}):
            return False  # "Đồn A - Trạm B (Trung Quốc)": a pair across the border
        if self._f.under.fullmatch(text, prev.end, o.start) or \
                self._branch_of.fullmatch(text, prev.end, o.start):
            return True
        if not _APPOSITION.fullmatch(text, prev.end, o.start):
            return False
        below = self._rank(prev.name)
        return 0 < below < self._rank(o.name)

    def _participants(self, doc: Document, text: str, m: _Mention, corgs: list[OrgHit],
                      cpeople: list[PersonHit], ix: _Index,
                      titled_spans: SpanIndex, *, event: bool,
                      role: str | None = None) -> None:
        cs, ce = m.clause
        orgs_by_name = ix.by_name
        authority_end: int | None = None  # end of the last body named as an authority
        prev: OrgHit | None = None  # the body named right before, for its parent
        member_end: int | None = None  # end of the last body named as one of members
        for o in corgs:
            if titled_spans.holds(o.start) or self._joint_body(o.name, ix):
                prev = o
                continue
            # "theo tinh thần các hiệp định mà Chính phủ 2 bên đã ký kết", "được sự đồng ý
            # của Thủ tướng Chính phủ": the authority acted under, and the bodies listed
            # with it, take no part.
            # "Thỏa thuận … giữa Tỉnh ủy A và Khu ủy B, ký kết …" names its signatories.
            stretch = max(cs, text.rfind(",", cs, o.start) + 1)
            authority = self._not_party.search(text, stretch, o.start)
            if (authority and not self._f.between.search(text, authority.end(), o.start)) or (
                    authority_end is not None and authority_end <= o.start
                    and self._f.listed.fullmatch(text, authority_end, o.start)):
                authority_end = o.end
                continue
            if self._f.venue_before.search(text[max(cs, o.start - 20): o.start]):
                continue  # a venue
            if fold_key(text[max(cs, o.start - 24):o.start]).endswith(self._member_of) or (
                    member_end is not None and self._f.listed.fullmatch(text, member_end,
                                                                         o.start)):
                # "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy", "một số đồng chí trong BTV,
                # BCH Đảng bộ tỉnh": members of a body (and of those listed with it), never
                # a party (as memberships in a person's title give none).
                prev = o
                member_end = o.end
                continue
            member_end = None
            if self._f.deputy.search(text, max(cs, o.start - 16), o.start) and fold_key(
                    o.name).startswith(self._f.deputy_assembly):
                # "Bí thư Tỉnh ủy, Trưởng Đoàn đại biểu Quốc hội tỉnh": a deputy's assembly
                # is a membership, not the side's body.
                continue
            if any(text[q.end:o.start].strip() == "(" for q in corgs if q.end <= o.start):
                continue  # "Đồn Biên phòng A Pa Chải (Bộ Chỉ huy …)": the parent, in brackets
            if self._parent(text, cs, o, prev):
                prev = o
                continue  # "Đồn Biên phòng Hải Hòa, Bộ đội Biên phòng tỉnh Quảng Ninh": its parent
            prev = o
            prole = None
            if event and m.trigger is not None:
                prole = "host" if o.start < m.trigger[0] else "guest"
            m.parties.append(MeetingPartyHit(organization=o.name,
                                             side=self._org_side(text, m.clause, o, ix),
                                             role=prole, confidence=0.85 if event else 0.8))
        for p in cpeople:
            before = text[cs:p.start]
            leads = self._leads(text, cs, p)
            chairs = bool(self._chair.search(before[-80:]) or
                          self._chair.search(text, p.end, min(ce, p.end + 120)))
            # The subject of the report ("Chủ tịch UBND tỉnh X Lầu Văn Sình đã tiếp …",
            # "ông A dự và chỉ đạo hội nghị") hosts or leads it.
            # A body inside their own title ("…, Chủ tịch UBND tỉnh Lai Châu đã có buổi hội
            # đàm") does not stand between them and the trigger.
            subject = event and m.trigger is not None and p.end <= m.trigger[0] and not [
                o for o in corgs if p.end <= o.start < m.trigger[0]
                and not titled_spans.holds(o.start)]
            # The person a trigger names as met ("Đoàn đã hội kiến đồng chí A") leads the
            # other side.
            met = event and m.trigger is not None and m.trigger[1] <= p.start and \
                self._met_gap.fullmatch(text, m.trigger[1], p.start) is not None
            prole = role or ("lead" if leads or met or (subject and not chairs) else
                             "chair" if chairs else "attend")
            office, title = self._office(p.name, m.sentence, ix)
            side = self._person_side(text, m.clause, p, office, ix, leads)
            m.people.append(MeetingPersonHit(name=p.name, side=side, title=title, role=prole,
                                             confidence=0.85 if event else 0.8))
            if office is not None and prole in ("lead", "chair", "attend"):
                o = orgs_by_name[office]
                if not self._joint_body(o.name, ix):
                    own = o.side if o.side in ("VN", "CN") else None
                    m.offices.append(MeetingPartyHit(
                        organization=o.name, side=own or side or self._org_side(
                            text, m.clause, o, ix),
                        role=None, confidence=0.8))
                    if prole == "attend":
                        m.attended.append(m.offices[-1])
                    elif subject and prole in ("lead", "chair"):
                        m.hosting.append(m.offices[-1])

    def _person_side(self, text: str, clause: tuple[int, int], p: PersonHit,
                     office: str | None, ix: _Index, leads: bool) -> str | None:
        if p.side in ("VN", "CN"):
            return p.side
        orgs_by_name = ix.by_name
        stated = ix.stated.get(p.name, set())
        if len(stated) == 1:
            return next(iter(stated))
        # "đoàn Chính phủ nhân dân thành phố Đông Hưng, trong đó có ông A": the body's.
        for o in ix.orgs_in(max(clause[0], p.start - 200), p.start):
            if o.side in ("VN", "CN") and self._members_of.fullmatch(text, o.end, p.start):
                return o.side
        if leads:
            # "Đoàn Bằng Tường do ông …": the delegation's place or body gives the side.
            found = None
            for d in self._delegation.finditer(text, clause[0], p.start):
                found = d
            if found is not None:
                # The first place named ("Đoàn công tác của Đại sứ quán Trung Quốc tại Việt
                # Nam do ông A": the embassy's country, not its host's), else the body's.
                seg_text = fold_key(text[found.end():p.start])
                placed = sorted((seg_text.find(name), side) for name, side in self._side_of.items()
                                if len(name) > 3 and name in seg_text)
                if placed:
                    return placed[0][1]
                for o in ix.orgs_in(found.end(), p.start):
                    if o.side in ("VN", "CN"):
                        return o.side
            else:
                # "… phối hợp với Biên phòng khu vực huyện Phú Ninh, Quân Giải phóng Nhân dân
                # Trung Quốc, do Thiếu tá A làm Trưởng đoàn": the body named right before
                # the leader is the one led.
                near = ix.orgs_in(max(clause[0], p.start - 120), p.start)
                if near and self._leader.search(text[near[-1].end:p.start]):
                    side = self._org_side(text, clause, near[-1], ix)
                    if side in ("VN", "CN"):
                        return side
        if office is not None and orgs_by_name[office].side in ("VN", "CN"):
            return orgs_by_name[office].side
        # A position of a place: "Phó Huyện trưởng huyện Long Châu".
        # ... or set right after it ("Phó Châu trưởng Châu Hồng Hà": the title ends before
        # the place), up to the comma that closes the title.
        for h in ix.titles.get(p.name, []):
            if h.organization is None:
                stop = _CLAUSE_END_OR_COMMA.search(text, h.end, min(len(text), h.end + 40))
                found_place = self._place_name.search(text, h.start,
                                                      stop.start() if stop else h.end)
                if found_place:
                    return self._side_of.get(fold_key(found_place.group()))
        seg = self._segment_side(text, clause, p.start, ix)
        if seg:
            return seg
        # A bare title that names the body it heads ("Tổng Lãnh sự A" of the "Tổng Lãnh sự
        # quán Việt Nam tại Côn Minh" the article names): that body's side, when one.
        for h in ix.titles.get(p.name, []):
            if h.organization is None and len(h.title) >= 8:
                head = fold_key(h.title)
                sides = {o.side for o in ix.by_name.values()
                         if fold_key(o.name).startswith(head)}
                if len(sides) == 1 and None not in sides:
                    return sides.pop()
        # A body with no side of its own, named without its country, is Vietnamese.
        if office is not None:
            return "VN"
        # "… làm việc với Tổng Lãnh sự quán Việt Nam tại Nam Ninh; ông A, Tổng Lãnh sự, …":
        # a person with a bare title takes the side of the bodies of their sentence, when
        # those are all of one side.
        sides = {o.side for o in ix.orgs_in(*ix.sentence_of(p.start))}
        return sides.pop() if len(sides) == 1 and None not in sides else None

    def _joint_body(self, name: str, ix: _Index) -> bool:
        joint = ix.joint.get(name)
        if joint is None:
            key = fold_key(name)
            joint = ix.joint[name] = any(j in key for j in self._joint)
        return joint

    # --- assembling meetings --------------------------------------------------------------

    def _visit_by_people(self, mentions: list[_Mention]) -> bool:
        """A visit reported with its own date by the people making it, no body named."""
        first = mentions[0]
        return (first.kind is not None and self._kind[first.kind] == "visit"
                and first.date is not None and bool(first.people)
                and not any(x.parties or x.offices for x in mentions))

    @staticmethod
    def _shares(mentions: list[_Mention], m: _Mention) -> bool:
        names = {p.organization for x in mentions for p in x.parties + x.offices}
        persons = {p.name for x in mentions for p in x.people}
        return bool(names & {p.organization for p in m.parties + m.offices}
                    or persons & {p.name for p in m.people})

    def _merge(self, meetings: list[tuple[MeetingHit, list[_Mention]]], m: _Mention,
               current: int | None, opens: bool = False, refers: bool = True) -> int | None:
        """The meeting ``m`` belongs to (appending it there), a new one, or none.

        ``opens``: the mention introduces the article's meeting (headline or lead, with its
        date) though it names no party itself ("Ủy ban Liên hợp … đã tiến hành Phiên họp lần
        thứ 13"); the frames that follow may give its parties, else it is dropped."""
        named = bool(m.parties or m.offices)
        target: int | None = None
        if not named and self._visit_by_people([m]) and not any(
                h.date == m.date or self._shares(ms, m) for h, ms in meetings):
            # "chuyến thăm Việt Nam của Tổng Bí thư, Chủ tịch Trung Quốc A từ ngày 14-15/4":
            # a leader's visit of its own date, named by the leader alone.
            target = None
        elif not named:
            # "Hai bên đánh giá …", a person at it: the meeting being reported; a trigger
            # word with neither names no meeting we can tell.
            target = current if (m.people or refers) else None
        elif m.date is not None:
            target = next((i for i, (h, ms) in enumerate(meetings) if h.date == m.date
                           and not ms[0].framing), None)
            if target is None:
                target = next((i for i in reversed(range(len(meetings)))
                               if meetings[i][0].date is None
                               and not meetings[i][1][0].framing
                               and self._shares(meetings[i][1], m)), None)
        else:
            target = next((i for i in reversed(range(len(meetings)))
                           if not meetings[i][1][0].framing
                           and self._shares(meetings[i][1], m)), current)
        if target is None:
            if not named and not opens and not self._visit_by_people([m]):
                return current
            assert m.trigger is not None and m.kind is not None
            meetings.append((MeetingHit(kind=m.kind, kind_norm=self._kind[m.kind],
                                        trigger=m.trigger, date=m.date), [m]))
            return len(meetings) - 1
        hit, mentions = meetings[target]
        if named and m.date is not None and hit.date is None:
            hit.date = m.date
        mentions.append(m)
        return target

    @staticmethod
    def _headline_sentence(doc: Document) -> tuple[int, int] | None:
        if doc.headline is None:
            return None
        return doc.sentence_of(doc.headline[0])

    @staticmethod
    def _lead(doc: Document) -> tuple[int, int] | None:
        """The lead sentence: the first of the body (after headline and dateline), or the
        sentence a dateline opens ("Lào Cai Online – Hồng Hà – Ngày 26/11/2024 – Hội chợ …
        đã khai mạc …")."""
        after = max([doc.headline[1] if doc.headline else 0,
                     doc.dateline[1] if doc.dateline else 0])
        for s, e in doc.sentences:
            if e > after and len(doc.text[max(s, after):e].split()) >= 6 and (
                    s >= after or doc.headline is None or doc.headline[1] <= s):
                return s, e
        return None

    def _fallback_dates(self, doc: Document, dates: list) -> tuple[str | None, str | None]:  # type: ignore[type-arg]
        """The lead sentence's date and the article's date."""
        lead = self._lead(doc)
        lead_date = None
        for s, e in [lead] if lead else []:
            # Not the date of the event the lead's meeting takes place within.
            frame = self._frame(doc.text, s, e, dates, [d.start for d in dates],
                                sorted(p.start for p in doc.people),
                                sorted(o.start for o in doc.orgs))
            fs, fe = frame if frame is not None else (s, s)
            found = [d for d in dates if s <= d.start < e and not fs <= d.start < fe
                     and not _long_span(d.value) and (
                d.granularity == "span" or not self._date_block.search(
                    doc.text[max(0, d.start - 40): d.start]))]
            # A day or span before a year: "Hội chợ … năm 2024 diễn ra từ ngày 28/11 đến
            # ngày 2/12" names its edition by the year and is held on the days.
            days = [d for d in found if d.granularity in ("day", "span")]
            lead_date = (days or found)[0].value if found else None
            break
        article = doc.published[:10] if doc.published else (
            doc.reference_date.isoformat() if doc.reference_date else None)
        return lead_date, article

    def _finish(self, hit: MeetingHit, mentions: list[_Mention], lead_date: str | None,
                article_date: str | None) -> None:
        # A meeting first given its participants by a reference keeps no date it lacks.
        named = next((x for x in mentions if x.parties or x.offices or x.people), mentions[0])
        if hit.date is None and not named.referred and not named.undated:
            hit.date = lead_date or article_date
            hit.confidence = 0.7
        parties: dict[tuple[str, str | None], MeetingPartyHit] = {}
        for m in mentions:
            for p in m.parties:
                parties.setdefault((p.organization, p.side), p)
        # Sides named by a body taking part as host or guest (not one merely attending).
        sides = {p.side for p in parties.values() if p.role is not None}
        first = next((m for m in mentions if m.parties or m.offices), None)
        for m in mentions:
            # A side that the report itself (the first mention, or one with its own date)
            # names only by the person leading or chairing it: their office is its party
            # ("Đoàn đại biểu tỉnh Lạng Sơn do ông A, Bí thư Tỉnh ủy … đã thăm …").
            primary = m.trigger is not None and (m is first or m.date is not None)
            own = {p.side for p in m.parties if p.role is not None}
            leaders = {q.side for q in m.people if q.role in ("lead", "chair")}
            for p in m.offices:
                if any(p is q for q in m.attended):
                    continue
                if p.side not in sides or (primary and p.side in leaders and p.side not in own):
                    parties.setdefault((p.organization, p.side), p)
                elif primary and any(p is q for q in m.hosting) and not any(
                        x.role == "host" for x in parties.values()):
                    # A host of the guests' own side ("lãnh đạo tỉnh tiễn Đoàn công tác của
                    # Bộ Ngoại giao"): only the guests are named as bodies, the host's
                    # office is the other party.
                    parties.setdefault((p.organization, p.side), p)
        # An attendee's office speaks for a side only when nothing else does: "Tham dự có
        # ông A, Giám đốc Sở Công Thương; đại diện các sở: Ngoại vụ, …" lists the bodies
        # taking part, and the attendee's office is not one of them.
        named_sides = {side for _, side in parties}
        for m in mentions:
            for p in m.attended:
                if p.side not in named_sides:
                    parties.setdefault((p.organization, p.side), p)
        # One entry per body: the first side it was given.
        seen: set[str] = set()
        hit.parties = []
        for (name, _), p in parties.items():
            if name not in seen and p.side is not None:
                seen.add(name)
                hit.parties.append(p)
        people: dict[str, MeetingPersonHit] = {}
        for m in mentions:
            for q in m.people:
                old = people.get(q.name)
                if old is None:
                    people[q.name] = q
                elif _ROLE_RANK.get(q.role or "attend", 3) < _ROLE_RANK.get(
                        old.role or "attend", 3):
                    people[q.name] = MeetingPersonHit(name=q.name, side=old.side or q.side,
                                                      title=old.title or q.title, role=q.role,
                                                      confidence=old.confidence)
        # A meeting of Vietnamese bodies only: the people stated to take part in it with no
        # side of their own are Vietnamese ("Tham dự còn có bà A, Phó Chủ nhiệm UBBGQG"); a
        # villager quoted by the writer is not one of them.
        only = {p.side for p in hit.parties}
        if only == {"VN"}:
            for name, q in people.items():
                if q.side is None and q.role != "speak":
                    people[name] = dataclasses.replace(q, side="VN")
        hit.people = [q for q in people.values() if q.side is not None]
        triggers: list[tuple[int, int]] = []
        evidence: list[tuple[int, int]] = []
        for m in mentions:
            for t in m.triggers:
                if t not in triggers:
                    triggers.append(t)
            if m.sentence not in evidence:
                evidence.append(m.sentence)
            if hit.place is None and m.place is not None and (m.parties or m.offices):
                hit.place = m.place
        hit.triggers = sorted(triggers)
        hit.evidence = sorted(evidence)

    @staticmethod
    def _merge_same_date(hits: list[MeetingHit]) -> list[MeetingHit]:
        out: list[MeetingHit] = []
        by_date: dict[str | None, MeetingHit] = {}
        for h in hits:
            first = by_date.get(h.date) if h.date is not None else None
            if first is None:
                by_date[h.date] = h
                out.append(h)
                continue
            names = {p.organization for p in first.parties}
            first.parties += [p for p in h.parties if p.organization not in names]
            persons = {p.name for p in first.people}
            first.people += [p for p in h.people if p.name not in persons]
            first.triggers = sorted(set(first.triggers) | set(h.triggers))
            first.evidence = sorted(set(first.evidence) | set(h.evidence))
            first.place = first.place or h.place
        return out

    @staticmethod
    def _attach_gates(doc: Document, out: list[MeetingHit],
                      meetings: list[tuple[MeetingHit, list[_Mention]]],
                      owner: list[tuple[int, int | None]]) -> None:
        """Gate pairs and markers discussed at a meeting: those in the stretch of text the
        meeting is being reported in."""
        if not out:
            return
        starts = [s for s, _ in owner]
        hits = [h for h, _ in meetings]

        def meeting_at(pos: int) -> MeetingHit | None:
            i = bisect.bisect_right(starts, pos) - 1
            if i < 0 or owner[i][1] is None:
                return None
            h = hits[owner[i][1]]  # type: ignore[index]
            # A meeting merged into another of the same date lives on in that one.
            return next((x for x in out if x is h), None) or next(
                (x for x in out if x.date == h.date), None)

        for i, g in enumerate(doc.gates):
            if g.cn is None:
                continue
            mh = meeting_at(g.start)
            if mh is not None and i not in mh.gates:
                mh.gates.append(i)
        for i, mk in enumerate(doc.markers):
            mh = meeting_at(mk.start)
            if mh is not None and i not in mh.markers:
                mh.markers.append(i)
