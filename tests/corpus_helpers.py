"""Records built by hand for the corpus tests: text and offsets made together, so every span
is grounded (``text[start:end] == span.text``) without running the pipeline.  Meetings are
built as Pydantic models too (the meetings recognizer is developed separately)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.models import (
    ArticleRecord,
    DateMention,
    Granularity,
    Meeting,
    MeetingKind,
    MeetingParty,
    MeetingPerson,
    Mention,
    Organization,
    Person,
    TitleMention,
)


@dataclass(frozen=True)
class P:
    """A person stated with a title at a body: 'ông NAME, TITLE BODY'."""

    name: str
    side: str | None
    title: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class B:
    name: str
    side: str | None = None
    gazetteer_id: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class M:
    """A meeting between bodies and people named (by name) in the same article."""

    kind: str = "hội đàm"
    kind_norm: MeetingKind = MeetingKind.TALKS
    date: str | None = None
    place: str | None = None
    parties: tuple[str, ...] = ()
    people: tuple[str, ...] = ()


@dataclass
class _Text:
    parts: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(s)
        self.size += len(s)
        return start, self.size

    def __str__(self) -> str:
        return "".join(self.parts)


def article(doc_id: str, *, published: str | None = None, people: tuple[P, ...] = (),
            orgs: tuple[B, ...] = (), meetings: tuple[M, ...] = (), date: str | None = None,
            source: str = "", with_text: bool = True, title: str | None = None
            ) -> ArticleRecord:
    """A record whose extracted_text holds every name, title and body it lists."""
    t = _Text()
    t.add(f"Bài {doc_id}. ")
    dates = []
    if date:
        d, m, y = date[8:10], date[5:7], date[:4]
        s, e = t.add(f"{int(d)}/{int(m)}/{y}")
        dates.append(DateMention(text=t.parts[-1], start=s, end=e, value=date,
                                 granularity=Granularity.DAY, confidence=0.95))
        t.add(". ")
    org_list: list[B] = list(orgs)
    for p in people:
        if p.body and all(o.name != p.body for o in org_list):
            org_list.append(B(p.body, p.side))
    org_mentions: dict[str, list[Mention]] = {o.name: [] for o in org_list}
    for o in org_list:
        s, e = t.add(o.name)
        org_mentions[o.name].append(Mention(text=o.name, start=s, end=e, method="gazetteer"))
        t.add(" tham dự. ")
        for alias in o.aliases:
            s, e = t.add(alias)
            org_mentions[o.name].append(Mention(text=alias, start=s, end=e))
            t.add(". ")
    person_list: list[Person] = []
    titles: list[TitleMention] = []
    for p in people:
        t.add("Ông ")
        s, e = t.add(p.name)
        mention = Mention(text=p.name, start=s, end=e)
        if p.title:
            t.add(", ")
            label = p.title + (f" {p.body}" if p.body else "")
            ts, te = t.add(label)
            titles.append(TitleMention(text=label, start=ts, end=te, person=p.name,
                                       title=p.title, organization=p.body))
            if p.body:
                bs = te - len(p.body)
                org_mentions[p.body].append(Mention(text=p.body, start=bs, end=te))
        t.add(" phát biểu. ")
        person_list.append(Person(name=p.name, mentions=[mention], side=p.side,
                                  organizations=[p.body] if p.body else []))
    meeting_list = []
    org_index = {o.name: i for i, o in enumerate(org_list)}
    person_index = {p.name: i for i, p in enumerate(people)}
    side_of = {o.name: o.side for o in org_list} | {p.name: p.side for p in people}
    for mt in meetings:
        s, e = t.add(mt.kind)
        t.add(". ")
        meeting_list.append(Meeting(
            kind=mt.kind, kind_norm=mt.kind_norm, date=mt.date, place=mt.place,
            parties=[MeetingParty(side=side_of[n], organization=n,
                                  index=org_index[n]) for n in mt.parties],
            people=[MeetingPerson(side=side_of[n], name=n,
                                  index=person_index[n]) for n in mt.people],
            trigger=Mention(text=mt.kind, start=s, end=e)))
    text = str(t)
    return ArticleRecord(
        doc_id=doc_id, source=source or f"{doc_id}.txt", title=title, published=published,
        dates=dates, people=person_list, titles=titles,
        organizations=[Organization(name=o.name, aliases=list(o.aliases),
                                    mentions=sorted(org_mentions[o.name],
                                                    key=lambda m: m.start),
                                    side=o.side,
                                    gazetteer_id=o.gazetteer_id) for o in org_list],
        meetings=meeting_list, extracted_text=text if with_text else None)


def write_jsonl(path: Path, records: list[ArticleRecord], extra_lines: dict[int, str] | None
                = None) -> Path:
    """Records one a line; ``extra_lines`` puts raw lines at given 1-based line numbers."""
    lines = [r.model_dump_json() for r in records]
    for n, raw in sorted((extra_lines or {}).items()):
        lines.insert(n - 1, raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
