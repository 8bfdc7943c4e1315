"""Titles: each position stated for a named person, with its organization.

A title phrase is [Phó|Quyền …] HEAD [Thường trực|phụ trách …] and, when an organization
starts at its end (or inside its last word, as in "Trưởng Ban Quản lý …" where "Ban" is both),
that organization.  It belongs to a person when they stand side by side: after the name in
apposition, stacked with commas ("ông A, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"), or before
it ("Chủ tịch UBND tỉnh Cao Bằng Hoàng Xuân Ánh"); a rank stands before the name; "do A …
làm trưởng đoàn" gives A the role Trưởng đoàn.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import gazetteers
from ..document import Document, OrgHit, PersonHit, TitleHit
from ..models import Method
from ..text import LOWER, UPPER, fold
from ._match import COUNTRY_AFTER, COUNTRY_BEFORE, alternation, envoy_post, skip_spaces

__all__ = ["TitleRecognizer"]

_STACK_SEP = re.compile(r"[ \t]*(?:[,–(-][ \t]*)?")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_COMPLEMENT = re.compile(
    rf"[ \t]+[{UPPER}][{LOWER}]*(?:[ \t]+[{UPPER}{LOWER}][{LOWER}]*){{0,3}}(?=[ \t]*,)")



@dataclass
class _Phrase:
    start: int
    end: int  # end of the whole phrase, organization included
    title: str
    organization: OrgHit | None


_HEADING_COLON = re.compile(r"[ \t]*:")
_SENTENCE_END = re.compile(r"[.!?\n]")


def _comma_before(text: str, k: int) -> int | None:
    """The comma right before ``k`` (spaces between), where titles stack."""
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k - 1 if k > 0 and text[k - 1] == "," else None


class TitleRecognizer:
    """Stage: titles linked to people and organizations."""

    name = "titles"

    def __init__(self) -> None:
        t: gazetteers.TitlesTable = gazetteers.load("titles")
        first = {c for w in t.prefix + t.head + t.dropped_prefix
                 for c in (w[0].lower(), w[0].upper())}
        self._dropped = re.compile(rf"(?:(?:{alternation(t.dropped_prefix)})[ \t]+)+",
                                   re.IGNORECASE) if t.dropped_prefix else None
        self._phrase = re.compile(
            rf"(?=[{''.join(sorted(first))}])"  # skip positions no title can start at
            rf"(?<![\w])(?:(?:{alternation(t.prefix + t.dropped_prefix)})[ \t]+)*"
            rf"(?:{alternation(t.head)})"
            rf"(?:[ \t]+(?:{alternation(t.suffix)}))*(?![\w])",
            re.IGNORECASE)
        # Ranks mid-sentence are often lower case ("… tuần tra, thiếu tá Phạm Văn A cho biết").
        ranks = t.rank + [r[:1].lower() + r[1:] for r in t.rank]
        self._rank = re.compile(rf"(?<![\w])(?:{alternation(ranks)})(?![\w])")
        names_table: gazetteers.NamesTable = gazetteers.load("names")
        hon = alternation(names_table.title_honorific)
        self._honorific = re.compile(rf"(?:{hon})[ \t]+", re.IGNORECASE)
        self._hon_comma_before = re.compile(rf",[ \t]*(?:{hon})[ \t]+$", re.IGNORECASE)
        places: gazetteers.PlacesTable = gazetteers.load("places")
        names = (places.vn_province + places.cn_region + places.cn_locality + places.vn_locality
                 + places.country)
        # A position of a place rather than a body: "Phó Tỉnh trưởng tỉnh Vân Nam",
        # "Thị trưởng thành phố Bằng Tường". Only known places, so the name after stays free.
        self._locality = re.compile(
            rf"[ \t]+(?:{envoy_post(places.country)})?"
            rf"(?:(?:{alternation(t.place_word)})[ \t]+)?"
            rf"(?:{alternation(names)})(?![\w])")
        self._object_of = re.compile(rf"(?<!\w)(?:{alternation(t.object_of)})[ \t]+$",
                                     re.IGNORECASE) if t.object_of else re.compile("(?!)")
        self._aliases = [(fold(a.text).lower(), a.role) for a in t.role_alias]
        orgs_table: gazetteers.OrganizationsTable = gazetteers.load("organizations")
        self._field = re.compile(rf"[ \t]+(?:{alternation(orgs_table.department)})(?![\w])")
        standing = [h.text.lower() for h in orgs_table.head
                    if h.standalone and h.tail in ("locality", "none")]
        self._lower_body = re.compile(rf"[ \t]+(?:{alternation(standing)})(?=[ \t]*,)")
        # "các đồng chí Ủy viên Bộ Chính trị: …": a plural word right before a title.
        self._heading = re.compile(
            rf"(?<!\w)(?:{alternation(t.list_heading)})[ \t]+$", re.IGNORECASE) \
            if t.list_heading else None
        self._head_is = re.compile(rf"(?<![\w])(?:{alternation(t.delegation_head_is)})[ \t]+"
                                   # "Trưởng đoàn (đại biểu Việt Nam | phía Trung Quốc) là"
                                   r"(?:[^\W\d]+[ \t]+){0,4}?là[ \t]+",
                                   re.IGNORECASE) if t.delegation_head_is else None
        self._delegation = re.compile(rf"(?<![\w])(?:{alternation(t.delegation_head)})(?![\w])",
                                      re.IGNORECASE)

    def __call__(self, doc: Document) -> None:
        text = doc.text
        phrases = self._phrases(text, doc.orgs, {p.start for p in doc.people})
        by_start = {p.start: p for p in phrases}
        by_end: dict[int, _Phrase] = {}
        for p in phrases:
            by_end[p.end] = p
        out: list[TitleHit] = []
        # One entry per position stated: the same title said again is not a new one.
        seen: set[tuple[str, str, str | None]] = set()

        mentions: list[TitleHit] = []

        def add(person: PersonHit, p: _Phrase, conf: float) -> None:
            key = (person.name, p.title, p.organization.name if p.organization else None)
            hit = TitleHit(start=p.start, end=p.end, person=person.name, title=p.title,
                           organization=p.organization.name if p.organization else None,
                           confidence=conf)
            mentions.append(hit)
            if key in seen:
                return
            seen.add(key)
            out.append(hit)

        starts = {p.start for p in doc.people}
        person_spans = sorted((p.start, p.end) for p in doc.people)
        org_starts: dict[int, int] = {}  # where each body named in the text ends, by start
        for o in doc.orgs:
            org_starts[o.start] = max(o.end, org_starts.get(o.start, o.end))
        for person in doc.people:
            # After the name: ", Title Org, Title Org" (stacked) or " - Title".
            pos = person.end
            while True:
                m = _STACK_SEP.match(text, pos)
                nxt = m.end() if m else pos
                after = by_start.get(nxt)
                if after is None and pos != person.end and nxt in org_starts:
                    # "Phó Chủ nhiệm Ủy ban Biên giới quốc gia, Bộ Ngoại giao, Chủ tịch …": the
                    # parent body of the last title's body, then the next title.
                    m = _STACK_SEP.match(text, org_starts[nxt])
                    after = by_start.get(m.end()) if m else None
                if after is None and pos != person.end:
                    # "Ủy viên Quốc vụ, Ủy viên Quân ủy Trung ương, Bộ trưởng …": a body the
                    # tables do not know, in capitals, between two stacked titles; or a
                    # standing body written in lower case ("Thường vụ thành ủy, Phó Thị
                    # trưởng …").
                    c = _COMPLEMENT.match(text, pos) or self._lower_body.match(text, pos)
                    m = _STACK_SEP.match(text, c.end()) if c else None
                    after = by_start.get(m.end()) if m else None
                if after is None:
                    # ", tỉnh Lạng Sơn - Trưởng đoàn …": the place of the last body, then
                    # the next title.
                    loc = _COMMA.match(text, pos)
                    loc = self._locality.match(text, loc.end() - 1) if loc else None
                    if loc is None or pos == person.end:
                        break
                    m = _STACK_SEP.match(text, loc.end())
                    after = by_start.get(m.end() if m else loc.end())
                    if after is None:
                        break
                nxt_name = COUNTRY_AFTER.match(text, after.end)
                if skip_spaces(text, nxt_name.end() if nxt_name else after.end) in starts:
                    break  # "…, Bí thư Tỉnh ủy Cao Bằng Lê Thị Hạnh": the next person's
                add(person, after, 0.9)
                pos = after.end
            # Before the name: "Title Org Name", and titles stacked before it with commas.
            pos = person.start
            while True:
                k = pos
                while k > 0 and text[k - 1] in " \t":
                    k -= 1
                before = by_end.get(k)
                if before is None and pos == person.start:
                    # "Giám đốc Sở Ngoại vụ, Phó Chủ tịch Liên hiệp …, ông Đặng Quang Tuấn
                    # cho biết": the titles, a comma and an honorific, then the name
                    hc = self._hon_comma_before.search(text, max(0, pos - 20), pos)
                    if hc is not None:
                        k2 = hc.start()
                        while k2 > 0 and text[k2 - 1] in " \t":
                            k2 -= 1
                        if by_end.get(k2) is not None:
                            k, before = k2, by_end[k2]
                    elif k > 0 and text[k - 1] == ",":
                        # "Trợ lý công tác biên giới Bộ chỉ huy …, Đinh Văn A cho biết": a
                        # title opening the clause, its body, a comma, then the name
                        opening = self._clause_title(text, k - 1, person_spans,
                                                     by_start)
                        if opening is not None:
                            before = opening
                if before is None and k > 0 and text[k - 1] == ")":
                    # "Bí thư Tỉnh ủy Vân Nam (Trung Quốc) Vương Ninh": the country of the
                    # body between the title and the name
                    b = COUNTRY_BEFORE.search(text, max(0, k - 20), k)
                    if b is not None:
                        k = b.start()
                        before = by_end.get(k)
                if before is not None and pos != person.start and before.organization \
                        and self._object_of.search(text, max(0, before.start - 12), before.start):
                    break  # "sự đồng ý của Thủ tướng Chính phủ, Bộ trưởng A": another person
                if before is None:
                    # A rank directly before the name.
                    r = self._rank_ending_at(text, k)
                    if r is not None and pos == person.start:
                        add(person, r, 0.9)
                        # "Bộ trưởng Bộ Công an, Đại tướng Tô Lâm": the titles stacked
                        # before the rank, a comma between.
                        comma = _comma_before(text, r.start)
                        if comma is not None:
                            pos = comma
                            continue
                    break
                add(person, before, 0.85)
                comma = _comma_before(text, before.start)
                if comma is not None:
                    pos = comma
                    continue
                break
        self._list_headings(doc, phrases, add)
        heads = self._delegation_heads(doc, seen, out)
        out.extend(heads)
        out.sort(key=lambda h: (h.start, h.person))
        doc.titles = out
        # Every stated position once (a phrase added twice for one person counts once).
        stated = {(h.start, h.end, h.person, h.title): h for h in mentions + heads}
        doc.title_mentions = sorted(stated.values(), key=lambda h: (h.start, h.person))

    def _phrases(self, text: str, orgs: list[OrgHit], names: set[int]) -> list[_Phrase]:
        out: list[_Phrase] = []
        orgs = sorted(orgs, key=lambda o: o.start)
        starts = [o.start for o in orgs]
        for m in self._phrase.finditer(text):
            s, e = m.span()
            if not (text[s].isupper() or (s > 1 and text[s - 2] in ",(–-")):
                continue  # lowercase "chủ tịch" in running text names no one
            title = fold(m.group())
            dropped = self._dropped.match(title) if self._dropped is not None else None
            if dropped:
                title = title[dropped.end():]
            for alias, role in self._aliases:
                if title.lower().startswith(alias):
                    title = role + title[len(alias):]
                    break
            org = None
            for o in orgs[bisect.bisect_right(starts, s): bisect.bisect_right(starts, e + 2)]:
                # The organization starts right after the title, or inside it and runs on
                # ("Trưởng Ban Quản lý …", "Ủy viên Ban Thường vụ Tỉnh ủy").
                gap = text[e:o.start]
                if (o.start >= e and not gap.strip() and len(gap) <= 2) or (
                        s < o.start < e and o.end > e):
                    org = o
                    break
            end = max(e, org.end) if org else e
            if org is None:
                loc = self._locality.match(text, e)
                # "Chủ tịch Hồ Chí Minh": a person, not the city after the title
                if loc and skip_spaces(text, e) not in names:
                    end = loc.end()
                else:
                    # "Bộ trưởng Ngoại giao", "Bộ trưởng Quốc phòng Trung Quốc": the field of
                    # the office without its body's head word.
                    dept = self._field.match(text, e)
                    if dept and skip_spaces(text, e) not in names:
                        end = dept.end()
                        loc = self._locality.match(text, end)
                        if loc and skip_spaces(text, end) not in names:
                            end = loc.end()
            out.append(_Phrase(start=s, end=end, title=title, organization=org))
        return out

    def _clause_title(self, text: str, comma: int, people: list[tuple[int, int]],
                      by_start: dict[int, _Phrase]) -> _Phrase | None:
        """The title phrase opening the clause that ends at ``comma``, with no comma and no
        other person between them (within 100 characters)."""
        lo = max(0, comma - 100)
        k = max(text.rfind(c, lo, comma) for c in ".:;\n,")
        if k >= 0 and text[k] == ",":
            j = k
            while j > 0 and text[j - 1] in " \t":
                j -= 1
            if any(e == j for _, e in people[max(0, bisect.bisect_left(people, (j, -1)) - 3):
                                             bisect.bisect_left(people, (j, -1))]):
                return None  # an apposition: "ông A, Chủ tịch …, B"
        start = k + 1 if k >= 0 else (0 if comma <= 100 else -1)
        if start < 0:
            return None
        start = skip_spaces(text, start)
        phrase = by_start.get(start)
        if phrase is None:
            return None
        i = bisect.bisect_left(people, (start, -1))
        if i < len(people) and people[i][0] < comma:
            return None  # "Chủ tịch UBND tỉnh Hồ Văn A, Nguyễn Văn B": A's title
        return phrase

    def _list_headings(self, doc: Document, phrases: list[_Phrase],
                       add: Callable[[PersonHit, _Phrase, float], None]) -> None:
        """"các Ủy viên Bộ Chính trị: A, B; các Bí thư Trung ương Đảng: C": the heading's
        title is each listed person's, up to the next heading or the sentence's end."""
        if self._heading is None:
            return
        text = doc.text
        heads = []
        for ph in phrases:
            before = self._heading.search(text, max(0, ph.start - 16), ph.start)
            colon = _HEADING_COLON.match(text, ph.end)
            if before is not None and colon is not None:
                heads.append((ph, colon.end()))
        people = sorted(doc.people, key=lambda q: q.start)
        for i, (ph, start) in enumerate(heads):
            stop = _SENTENCE_END.search(text, start)
            end = stop.start() if stop else len(text)
            if i + 1 < len(heads):
                end = min(end, heads[i + 1][0].start)
            for person in people:
                if start <= person.start < end:
                    add(person, ph, 0.8)

    def _rank_ending_at(self, text: str, k: int) -> _Phrase | None:
        for m in self._rank.finditer(text, max(0, k - 40), k):
            if m.end() == k:
                rank = fold(m.group())
                return _Phrase(start=m.start(), end=m.end(), title=rank[:1].upper() + rank[1:],
                               organization=None)
        return None

    def _delegation_heads(self, doc: Document, seen: set[tuple[str, str, str | None]],
                          found: list[TitleHit]) -> list[TitleHit]:
        out: list[TitleHit] = []
        text = doc.text
        # Sentences (sorted, disjoint) and people (sorted by start) are searched by bisect:
        # a scan of either per "trưởng đoàn" made long delegation lists quadratic.
        sent_starts = [s for s, _ in doc.sentences]
        people_starts = [p.start for p in doc.people]
        by_name = {p.name: p for p in doc.people}
        ends: dict[int, PersonHit] = {p.end: p for p in doc.people}
        for t in found:
            if t.person in by_name:
                ends.setdefault(t.end, by_name[t.person])
        for m in self._delegation.finditer(text):
            k = bisect.bisect_right(sent_starts, m.start()) - 1
            inside = k >= 0 and m.start() < doc.sentences[k][1]
            s_start = doc.sentences[k][0] if inside else 0
            window_start = max(s_start, m.start() - 250)
            do = None
            for d in re.finditer(r"(?<![\w])do(?![\w])", text[window_start:m.start()]):
                do = window_start + d.start()
            if do is not None:
                j = bisect.bisect_right(people_starts, do)
                person = doc.people[j] if j < len(doc.people) and \
                    doc.people[j].start < m.start() else None
            else:
                # "Đại tá A, Chỉ huy trưởng Bộ đội Biên phòng tỉnh X làm trưởng đoàn": the
                # person whose titles run up to the phrase (ends indexed once per article).
                k = m.start()
                while k > 0 and text[k - 1] in " \t,":
                    k -= 1
                person = ends.get(k)
                if person is not None and person.start < s_start:
                    person = None
            if person is None:
                continue
            key = (person.name, "Trưởng đoàn", None)
            if key in seen:
                continue
            seen.add(key)
            out.append(TitleHit(start=m.start(), end=m.end(), person=person.name,
                                title="Trưởng đoàn", organization=None,
                                method=Method.RULE, confidence=0.85))
        out.extend(self._delegation_head_is(doc, seen))
        return out

    def _delegation_head_is(self, doc: Document,
                            seen: set[tuple[str, str, str | None]]) -> list[TitleHit]:
        """'Trưởng đoàn (phía Trung Quốc) là ông A': A heads the delegation."""
        out: list[TitleHit] = []
        if self._head_is is None:
            return out
        starts = {p.start: p for p in doc.people}
        for m in self._head_is.finditer(doc.text):
            hon = self._honorific.match(doc.text, m.end())
            at = hon.end() if hon else m.end()
            rank = self._rank.match(doc.text, at)  # "… là Trung tá Bàn Văn Minh"
            if rank is not None:
                at = skip_spaces(doc.text, rank.end())
            person = starts.get(at)
            if person is None or (person.name, "Trưởng đoàn", None) in seen:
                continue
            seen.add((person.name, "Trưởng đoàn", None))
            out.append(TitleHit(start=m.start(), end=m.end(), person=person.name,
                                title="Trưởng đoàn", organization=None, confidence=0.85))
        return out
