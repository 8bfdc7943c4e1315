"""The pipeline: stages in a list, and the building of the validated record.

read → clean → tokenize → recognizers (metadata, dates, organizations, people, titles,
markers, gates) → relations (meetings, built from what the recognizers found) → validate.
Each stage is a small object with a ``name`` and a
``__call__(doc)``; a failing stage becomes an error record entry and the others still run
where they can, so one bad article never stops a batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from .cleaning import Cleaner
from .document import Document, Stage
from .models import (
    ArticleRecord,
    DateMention,
    ErrorInfo,
    ExtractError,
    Gate,
    GatePair,
    Granularity,
    Marker,
    Meeting,
    MeetingKind,
    MeetingParty,
    MeetingPerson,
    Mention,
    Organization,
    Person,
    Span,
    TitleMention,
)
from .recognizers.dates import DateRecognizer
from .recognizers.gates import GateRecognizer
from .recognizers.markers import MarkerRecognizer
from .recognizers.metadata import MetadataRecognizer
from .recognizers.organizations import OrganizationRecognizer
from .recognizers.people import PeopleRecognizer
from .recognizers.titles import TitleRecognizer
from .relations.meetings import MeetingRecognizer
from .tokenize import Tokenizer

__all__ = ["Budget", "Pipeline", "TimeBudgetExceeded", "default_stages"]

log = logging.getLogger(__name__)


def default_stages(words: bool = False) -> list[Stage]:
    """The standard stages, in order.  Later stages read what earlier ones found.

    Word tokens are off by default: no recognizer needs them (names, bodies and gates are
    matched on syllables and gazetteer phrases), and underthesea's CRF word segmenter costs
    ~85% of the run time.  Sentences are always segmented.
    """
    return [
        Cleaner(),
        Tokenizer(words=words),
        MetadataRecognizer(),
        DateRecognizer(),
        OrganizationRecognizer(),
        PeopleRecognizer(),
        TitleRecognizer(),
        MarkerRecognizer(),
        GateRecognizer(),
        MeetingRecognizer(),
    ]


@dataclass(frozen=True)
class Budget:
    """A document's time budget: ``seconds`` from ``start`` (a ``time.perf_counter()``)."""

    start: float
    seconds: float

    def check(self, stage: str) -> None:
        elapsed = time.perf_counter() - self.start
        if elapsed > self.seconds:
            raise TimeBudgetExceeded(stage, elapsed, self.seconds)


class TimeBudgetExceeded(ExtractError):
    """A document ran over its time budget; ``stage`` is the one that used it up."""

    def __init__(self, stage: str, elapsed: float, seconds: float) -> None:
        super().__init__(f"time budget exceeded: stopped after {elapsed:.1f} s in stage "
                         f"{stage} (budget {seconds:g} s per document)", stage=stage)
        self.elapsed = elapsed


class Pipeline:
    """Build once per process; call :meth:`run` for each article."""

    def __init__(self, stages: Sequence[Stage] | None = None) -> None:
        self.stages: list[Stage] = list(stages) if stages is not None else default_stages()
        self.timings: dict[str, float] = {s.name: 0.0 for s in self.stages}
        self.timings["validate"] = 0.0
        # Called with each stage's name as it starts: a worker process publishes it, so
        # that the parent can name the stage of a document it had to stop.
        self.on_stage: Callable[[str], None] | None = None

    def run(self, source: str, *, doc_id: str = "doc", path: str = "",
            reference_date: date | None = None, budget: Budget | None = None
            ) -> ArticleRecord:
        """Extract one article from its decoded text; never raises on bad content.

        ``reference_date`` is the article's date when known from elsewhere (a crawler's
        metadata); it gives year-less dates their year unless the article states its own.
        A document still running when its ``budget`` is spent (checked between stages)
        gives an error record naming the stage and the time spent.
        """
        try:
            doc = self.process(source, doc_id=doc_id, path=path,
                               reference_date=reference_date, budget=budget)
        except TimeBudgetExceeded as e:
            return error_record(doc_id, path, e.stage, str(e))
        if self.on_stage is not None:
            self.on_stage("validate")
        return build_record(doc, self.timings)

    def process(self, source: str, *, doc_id: str = "doc", path: str = "",
                reference_date: date | None = None, budget: Budget | None = None
                ) -> Document:
        """Run the stages and return the working document (for tests and debugging)."""
        doc = Document(doc_id=doc_id, source_path=path, source=source,
                       reference_date=reference_date)
        for stage in self.stages:
            if self.on_stage is not None:
                self.on_stage(stage.name)
            t0 = time.perf_counter()
            try:
                stage(doc)
            except ExtractError as e:
                doc.errors.append(ErrorInfo(stage=e.stage or stage.name, message=str(e)))
            except Exception as e:  # a recognizer bug must not lose the batch
                log.exception("stage %s failed on %s", stage.name, doc_id)
                doc.errors.append(ErrorInfo(stage=stage.name,
                                            message=f"{type(e).__name__}: {e}"))
            finally:
                self.timings[stage.name] += time.perf_counter() - t0
            if budget is not None:
                budget.check(stage.name)
        return doc


def error_record(doc_id: str, path: str, stage: str, message: str) -> ArticleRecord:
    return ArticleRecord(doc_id=doc_id, source=path,
                         errors=[ErrorInfo(stage=stage, message=message)])


def build_record(doc: Document, timings: dict[str, float] | None = None) -> ArticleRecord:
    """Map normalized positions to source offsets and validate into the record."""
    t0 = time.perf_counter()
    try:
        return _build_record(doc)
    except ValueError as e:  # a validation failure is a bug; keep the batch going
        log.exception("validation failed on %s", doc.doc_id)
        return error_record(doc.doc_id, doc.source_path, "validate", str(e))
    finally:
        if timings is not None:
            timings["validate"] = timings.get("validate", 0.0) + time.perf_counter() - t0


def _build_record(doc: Document) -> ArticleRecord:
    src = doc.source

    def span(s: int, e: int) -> tuple[str, int, int]:
        if doc.norm is None:
            return src[s:e], s, e
        a, b = doc.norm.to_source(s, e)
        return src[a:b], a, b

    dates: list[DateMention] = []
    seen_dates: set[tuple[int, int]] = set()
    for d in doc.dates:
        t, a, b = span(d.start, d.end)
        if (a, b) in seen_dates:
            continue
        seen_dates.add((a, b))
        dates.append(DateMention(text=t, start=a, end=b, value=d.value,
                                 granularity=Granularity(d.granularity), method=d.method,
                                 confidence=d.confidence))

    # People: one entry per full name, mentions in order.
    people_by_name: dict[str, list[Mention]] = {}
    for p in doc.people:
        t, a, b = span(p.start, p.end)
        people_by_name.setdefault(p.name, []).append(
            Mention(text=t, start=a, end=b, method=p.method, confidence=p.confidence))
    person_orgs: dict[str, list[str]] = {}
    for tt in doc.titles:
        if tt.organization and tt.organization not in person_orgs.setdefault(tt.person, []):
            person_orgs[tt.person].append(tt.organization)
    org_side = {o.name: o.side for o in doc.orgs}
    stated_sides: dict[str, set[str | None]] = {}
    for p in doc.people:
        stated_sides.setdefault(p.name, set()).add(p.side)
    people: list[Person] = []
    for name, mentions in people_by_name.items():
        # The side the text states for the person, else the side of their titles' bodies.
        stated = stated_sides[name] - {None}
        sides = stated or {org_side.get(o) for o in person_orgs.get(name, [])} - {None}
        side = sides.pop() if len(sides) == 1 else None
        people.append(Person(name=name, mentions=mentions, side=side,  # type: ignore[arg-type]
                             organizations=person_orgs.get(name, [])))

    titles = []
    for tt in doc.titles:
        t, a, b = span(tt.start, tt.end)
        titles.append(TitleMention(text=t, start=a, end=b, person=tt.person, title=tt.title,
                                   organization=tt.organization, method=tt.method,
                                   confidence=tt.confidence))

    orgs_by_name: dict[str, list[tuple[list[str], Mention, str | None, str | None]]] = {}
    for o in doc.orgs:
        t, a, b = span(o.start, o.end)
        orgs_by_name.setdefault(o.name, []).append(
            # Aliases are the forms as the source writes them (dashes, tone marks and all).
            (["" if o.partial else t, o.expanded], Mention(text=t, start=a, end=b, method=o.method,
                                              confidence=o.confidence), o.side, o.gazetteer_id))
    organizations = []
    for name, items in orgs_by_name.items():
        aliases: dict[str, None] = {}  # ordered, and a lookup per form, not a scan
        for forms, _, _, _ in items:
            for form in forms:
                if form and form != name:
                    aliases.setdefault(form)
        organizations.append(Organization(
            name=name, aliases=list(aliases), mentions=[m for _, m, _, _ in items],
            side=items[0][2],  # type: ignore[arg-type]
            gazetteer_id=items[0][3]))

    gates_meta = _gate_meta()
    gate_pairs: list[GatePair] = []
    single: list[Gate] = []
    for g in doc.gates:
        t, a, b = span(g.start, g.end)
        meta = gates_meta.get(g.gazetteer_id or "", {})
        if g.cn is not None:
            gate_pairs.append(GatePair(
                text=t, start=a, end=b, vn=g.vn, cn=g.cn, kind=g.kind, markers=g.markers,
                gazetteer_id=g.gazetteer_id, province=meta.get("province"),
                cn_hanzi=meta.get("cn_hanzi"), cn_pinyin=meta.get("cn_pinyin"),
                method=g.method, confidence=g.confidence))
        else:
            single.append(Gate(
                text=t, start=a, end=b, name=g.vn, kind=g.kind, gazetteer_id=g.gazetteer_id,
                province=meta.get("province"), counterpart=meta.get("cn"),
                cn_hanzi=meta.get("cn_hanzi"), cn_pinyin=meta.get("cn_pinyin"),
                markers=g.markers, method=g.method, confidence=g.confidence))

    markers = []
    for mk in doc.markers:
        t, a, b = span(mk.start, mk.end)
        markers.append(Marker(text=t, start=a, end=b, value=mk.value,
                              attached_to=mk.attached_to))

    meetings = _meetings(doc, span, [o.name for o in organizations], [p.name for p in people],
                         [i for i, g in enumerate(doc.gates) if g.cn is not None])

    title = None
    if doc.headline is not None:
        title = span(*doc.headline)[0].strip() or None
    return ArticleRecord(
        doc_id=doc.doc_id, source=doc.source_path, title=title, published=doc.published,
        authors=doc.authors, dates=dates, people=people, titles=titles,
        organizations=organizations, gate_pairs=gate_pairs, gates=single, markers=markers,
        meetings=meetings, errors=doc.errors)


def _meetings(doc: Document, span: Callable[[int, int], tuple[str, int, int]],
              org_names: list[str], person_names: list[str],
              pair_gates: list[int]) -> list[Meeting]:
    """The relations stage's meetings, referring to the record's entries by position."""
    org_ix = {n: i for i, n in enumerate(org_names)}
    person_ix = {n: i for i, n in enumerate(person_names)}
    pair_ix = {g: i for i, g in enumerate(pair_gates)}
    out: list[Meeting] = []
    for m in doc.meetings:
        t, a, b = span(*m.trigger)
        parties = [MeetingParty(side=p.side, organization=p.organization,  # type: ignore[arg-type]
                                index=org_ix[p.organization], role=p.role,  # type: ignore[arg-type]
                                confidence=p.confidence)
                   for p in m.parties if p.organization in org_ix]
        people = [MeetingPerson(side=q.side, name=q.name, index=person_ix[q.name],  # type: ignore[arg-type]
                                title=q.title, role=q.role,  # type: ignore[arg-type]
                                confidence=q.confidence)
                  for q in m.people if q.name in person_ix]
        # Kind and place are values: taken from the normalized text (NFC, one tone placement),
        # so an NFD or old-tone source gives the same ones; the spans stay in the source.
        place = doc.text[slice(*m.place)].strip() or None if m.place is not None else None
        evidence = [Span(text=et, start=ea, end=eb)
                    for et, ea, eb in (span(s, e) for s, e in m.evidence)]
        mentions = [Mention(text=mt, start=ma, end=mb, confidence=m.confidence)
                    for mt, ma, mb in (span(s, e) for s, e in m.triggers or [m.trigger])]
        out.append(Meeting(
            kind=doc.text[slice(*m.trigger)].lower(), kind_norm=MeetingKind(m.kind_norm),
            date=m.date, place=place,
            parties=parties, people=people,
            gate_pairs=sorted(pair_ix[g] for g in m.gates if g in pair_ix),
            markers=sorted(m.markers), trigger=Mention(text=t, start=a, end=b,
                                                       confidence=m.confidence),
            trigger_mentions=mentions, evidence=evidence, confidence=m.confidence))
    return out


_GATE_META: dict[str, dict[str, str | None]] | None = None


def _gate_meta() -> dict[str, dict[str, str | None]]:
    global _GATE_META
    if _GATE_META is None:
        from . import gazetteers

        table: gazetteers.GatesTable = gazetteers.load("gates")
        _GATE_META = {
            g.id: {"province": g.province, "cn": g.cn or None,
                   "cn_hanzi": g.cn_hanzi or None, "cn_pinyin": g.cn_pinyin or None}
            for g in table.gate
        }
    return _GATE_META

