"""Border gates: pairs (Vietnamese side, Chinese side) and single gates, linked to the gazetteer.

A pair is written "X - Y", either side first, often with the side in brackets ("Chi Ma (Việt
Nam) - Ái Điểm (Trung Quốc)") and after a phrase that states the kind ("cặp cửa khẩu song
phương", "lối thông quan").  "X - Y" is also how zones, routes and twin cities are paired
("Khu hợp tác kinh tế qua biên giới Đồng Đăng - Bằng Tường"): those are not gate pairs.  A
pair is accepted when the gazetteer knows it, when a gate phrase announces it, or when the
brackets give one side to each country; the gazetteer then tells which side is which.
Markers stated beside a gate or pair are attached to it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .. import gazetteers
from ..document import Document, GateHit
from ..models import Method
from ..text import LOWER, UPPER, fold, fold_key
from ._match import PhraseMatcher, SpanIndex, alternation, lower_same_length

__all__ = ["GateRecognizer"]

_SYL = rf"(?:[IVX]{{1,4}}|\d{{1,2}}|[{UPPER}][{LOWER}]*)(?![\w])"
# A gate name: capitalized syllables, Roman or Arabic numbers ("Bắc Luân II"), or a
# kilometre post ("Km3+4 Hải Yên").
_NAME = rf"(?:[{UPPER}][{LOWER}]*|Km\d+(?:\+\d+)?)(?![\w])(?:[ \t]+{_SYL}){{0,3}}"
# (a side's qualifier may name its commune, district and province: up to 80 characters)
_QUAL = r"(?:[ \t]*\((?P<{0}>[^()\n]{{2,80}})\))?"
_PAIR = re.compile(
    rf"(?<![\w])(?P<a>{_NAME}){_QUAL.format('qa')}[ \t]*-[ \t]*"
    rf"(?:(?:ga|cửa khẩu|cảng)[ \t]+)?(?P<b>{_NAME}){_QUAL.format('qb')}"
)
# "cửa khẩu Tà Lùng, Trà Lĩnh, Lý Vạn (Cao Bằng, Việt Nam) - Long Châu, Long Bang, Thạc
# Long (Quảng Tây, Trung Quốc)": two lists of gates paired in order.
_LIST_PAIR = re.compile(
    rf"(?P<la>{_NAME}(?:[ \t]*,[ \t]*{_NAME}){{1,5}})[ \t]*\((?P<qa>[^()\n]{{2,80}})\)[ \t]*-"
    rf"[ \t]*(?P<lb>{_NAME}(?:[ \t]*,[ \t]*{_NAME}){{1,5}})[ \t]*\((?P<qb>[^()\n]{{2,80}})\)")
_BRIDGE_BEFORE = re.compile(r"(?<!\w)cầu[ \t]+$", re.IGNORECASE)
_SINGLE = re.compile(rf"(?P<a>{_NAME}){_QUAL.format('qa')}")
_LIST_GAP = re.compile(r"[ \t]*(?:,|và|hoặc|,[ \t]*và)[ \t]*")
_CLAUSE_END = re.compile(r"[.;\n]")
_WHITESPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class _Side:
    entry: gazetteers.GateEntry
    side: str  # "vn" or "cn"


class GateRecognizer:
    """Stage: gate pairs and single gates, with their markers."""

    name = "gates"

    def __init__(self) -> None:
        table: gazetteers.GatesTable = gazetteers.load("gates")
        phrases: gazetteers.GatePhrasesTable = gazetteers.load("gate_phrases")
        places: gazetteers.PlacesTable = gazetteers.load("places")
        self._index: dict[str, list[_Side]] = {}
        for g in table.gate:
            for n in [g.vn, *g.vn_aliases]:
                self._index.setdefault(fold_key(n), []).append(_Side(g, "vn"))
            for n in [g.cn, *g.cn_aliases]:
                if n:
                    self._index.setdefault(fold_key(n), []).append(_Side(g, "cn"))
        self._markers = {m: g.id for g in table.gate for m in g.markers}
        self._not_gate = {fold_key(n) for n in phrases.not_gate}
        # "6 lối thông quan, gồm: A - B, …": the phrase, then the word opening its list
        self._list_open = re.compile(
            rf"[ \t]*,?[ \t]*(?:{alternation(phrases.list_open)})[ \t]*:?[ \t]*$"
            if phrases.list_open else r"(?!)")
        if phrases.correspondence:
            corr = alternation(c.text for c in phrases.correspondence)
            types = alternation(phrases.type_word)
            self._counterpart: re.Pattern[str] | None = re.compile(
                rf"(?<![\w])(?P<a>{_NAME})[ \t]*\([ \t]*(?P<c>(?i:{corr}))[ \t]+"
                rf"(?:(?i:{types})[ \t]+)*(?P<b>{_NAME})")
            self._counterpart_side = {fold_key(c.text): c.side for c in phrases.correspondence}
        else:
            self._counterpart = None
        self._type_words = re.compile(rf"^(?:(?:{alternation(phrases.type_word)})\s+)+",
                                      re.IGNORECASE)
        self._triggers: PhraseMatcher[str] = PhraseMatcher(
            (t.text, t.kind) for t in phrases.trigger)
        self._blockers: PhraseMatcher[str] = PhraseMatcher((b, b) for b in phrases.blocker)
        self._vn_qual = {fold_key(q) for q in phrases.vn_qualifier + places.vn_province
                         + places.vn_locality}
        self._cn_qual = {fold_key(q) for q in phrases.cn_qualifier + places.cn_region
                         + places.cn_locality}
        self._cn_places = {fold_key(q) for q in places.cn_region + places.cn_locality}
        self._vn_provinces = {fold_key(q) for q in places.vn_province}
        # "Phố Bảng, Việt Nam – Đổng Cán, Trung Quốc", "Thanh Thủy - Việt Nam và Thiên Bảo -
        # Trung Quốc": each side's country after a comma or dash instead of in brackets
        # (a province may stand before it: "Phố Bảng, Hà Giang, Việt Nam").
        countries = [q for q in phrases.vn_qualifier + phrases.cn_qualifier
                     if q in places.country]
        if countries:
            ctry = alternation(countries)
            qual = (rf"(?:,|[ \t]+[–-])[ \t]*(?:[{UPPER}][{LOWER}]*(?:[ \t]+[{UPPER}][{LOWER}]*)"
                    rf"{{0,2}},[ \t]*)?(?P<GROUP>{ctry})(?![\w])")
            self._pair_country: re.Pattern[str] | None = re.compile(
                rf"(?<![\w])(?P<a>{_NAME}){qual.replace('GROUP', 'qa')}[ \t]*(?:[–-]|và)[ \t]*"
                rf"(?P<b>{_NAME}){qual.replace('GROUP', 'qb')}")
        else:
            self._pair_country = None

    def __call__(self, doc: Document) -> None:
        text = doc.text
        low = lower_same_length(text)
        triggers = self._triggers.longest(low)
        blockers = SpanIndex((s, e) for s, e, _ in self._blockers.iter(low))
        org_spans = SpanIndex((o.start, o.end) for o in doc.orgs if not o.back_reference)
        trigger_ends = [te for _, te, _ in triggers]
        hits: list[GateHit] = []
        for m in (self._pair_country.finditer(text) if self._pair_country else ()):
            hit = self._pair(text, m, triggers, trigger_ends, blockers, org_spans)
            if hit is not None and self._sides_from_qualifiers(m.group("qa"), m.group("qb")):
                hits.append(hit)
        hits.extend(self._list_pairs(text, triggers, trigger_ends))
        hits.extend(self._counterparts(text, triggers, trigger_ends, org_spans))
        paired = SpanIndex((h.start, h.end) for h in hits)
        prev: GateHit | None = None
        for m in _PAIR.finditer(text):
            if paired.overlaps(m.start(), m.end()):
                continue
            hit = self._pair(text, m, triggers, trigger_ends, blockers, org_spans, prev)
            if hit is not None:
                hits.append(hit)
                prev = hit
        # Triggers do not overlap, so single gates never overlap each other.
        taken = SpanIndex([*org_spans.spans, *((h.start, h.end) for h in hits)])
        for ts, te, kinds in triggers:
            p = te
            while p < len(text) and text[p] in " \t":
                p += 1
            if taken.holds(p) or taken.holds(ts):
                continue
            if any(be >= ts - 1 for _, be in blockers.within(ts - 80, ts)):
                continue  # "Khu kinh tế cửa khẩu Đồng Đăng": a zone, not the gate
            single = _SINGLE.match(text, p)
            if not single or p == te:
                continue
            hit = self._single(text, ts, single, kinds[0])
            if hit is not None:
                hits.append(hit)
        hits.sort(key=lambda h: h.start)
        self._attach_markers(doc, hits)
        doc.gates = hits

    # -- pairs ----------------------------------------------------------------------------

    def _pair(self, text: str, m: re.Match[str], triggers: list[tuple[int, int, list[str]]],
              trigger_ends: list[int], blockers: SpanIndex,
              org_spans: SpanIndex, prev: GateHit | None = None) -> GateHit | None:
        a, b = self._strip_type(m.group("a")), self._strip_type(m.group("b"))
        if not a or not b or fold_key(a) in self._not_gate or fold_key(b) in self._not_gate:
            return None
        if self._blockers.at(lower_same_length(a), 0) is not None:
            return None  # "Thác Bản Giốc - Đức Thiên": a blocker word opens the first name
        a_start = m.start("a") + (len(m.group("a")) - len(a))
        if org_spans.holds(a_start):
            return None  # "Ban Quản lý Khu KTCK Đồng Đăng - Lạng Sơn" names a body
        trig = _trigger_before(text, a_start, triggers, trigger_ends)
        if trig is None and (opened := self._list_open.search(
                text, max(0, a_start - 16), a_start)) is not None:
            trig = _trigger_before(text, opened.start(), triggers, trigger_ends)
        if trig is None and prev is not None and prev.end <= a_start and _LIST_GAP.fullmatch(
                text, prev.end, a_start):
            # "hai cặp cửa khẩu A - B và C - D": one gate phrase announces the whole list
            trig = (a_start, prev.kind or "")
        clause_start = max(text.rfind(c, max(0, a_start - 300), a_start) for c in ".;\n(,")
        if text[clause_start:clause_start + 1] == "(" and not text[
                clause_start + 1:a_start].strip():
            # "Hội chợ … (Móng Cái – Đông Hưng)": names in brackets belong to the clause
            # before them
            clause_start = max(text.rfind(c, max(0, clause_start - 300), clause_start)
                               for c in ".;\n,")
        # A zone word before the names blocks them unless a gate phrase stands between
        # ("Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn" is blocked: the zone holds "cửa khẩu").
        blocked = [bs for bs, be in blockers.within(clause_start + 1, a_start)
                   if be <= a_start and (trig is None or (bs < trig[0] and be >= trig[0] - 1))]
        known = self._known_pair(a, b)
        qa, qb = m.group("qa"), m.group("qb")
        end = m.end()
        if known is None and qb is None:
            # "Hữu Nghị Quan-Hữu Nghị Trung - Việt": the second name ran into the words after
            # it; a shorter head of it that the gazetteer pairs with the first is the gate.
            syl = list(re.finditer(r"\S+", m.group("b")))
            for k in range(len(syl) - 1, 0, -1):
                cand = self._strip_type(m.group("b")[:syl[k - 1].end()])
                known = self._known_pair(a, cand) if cand else None
                if known is not None:
                    b, end = cand, m.start("b") + syl[k - 1].end()
                    break
        sides = self._sides_from_qualifiers(qa, qb)
        if blocked:
            return None
        if known is None and any(
                (fold_key(x) in self._cn_places or fold_key(x) in self._vn_provinces)
                and not (self._entry_for(x, "cn") or self._entry_for(x, "vn")) for x in (a, b)):
            return None  # "Lai Châu (Việt Nam) - Hồng Hà (Trung Quốc)": provinces, not gates
        method, conf = Method.RULE, 0.75
        entry = None
        if known is not None:
            entry, swapped = known
            method, conf = Method.GAZETTEER, 0.95
            vn, cn = (b, a) if swapped else (a, b)
        elif sides is not None:
            vn, cn = (a, b) if sides == "ab" else (b, a)
        elif trig is not None:
            if fold_key(b) in self._vn_qual and not self._entry_for(b, "cn"):
                return None  # "cửa khẩu Đồng Đăng - Lạng Sơn": a gate and its province
            if any(fold_key(x) in self._cn_places and not self._entry_for(x, "cn")
                   for x in (a, b)):
                return None  # "cửa khẩu Lào Cai - Vân Nam": a gate and a Chinese province
            a_sides = {s.side for s in self._index.get(fold_key(a), [])}
            b_sides = {s.side for s in self._index.get(fold_key(b), [])}
            if "cn" in a_sides or "vn" in b_sides:
                vn, cn = b, a
            else:
                vn, cn = a, b
            conf = 0.7 if (a_sides or b_sides) else 0.6
            entry = self._entry_for(vn, "vn", kind_of(trig)) or self._entry_for(cn, "cn")
        else:
            return None
        start = trig[0] if trig is not None else m.start("a")
        kind = trig[1] if trig is not None and trig[1] else None
        if vn == a and _BRIDGE_BEFORE.search(text, max(0, a_start - 6), a_start) and not any(
                fold_key(n) == fold_key(vn) for x in self._index.get(fold_key(vn), [])
                for n in [x.entry.vn]):
            # "lối thông quan cầu Tà Lùng II - Thủy Khẩu": a crossing named after its bridge
            # (not a gate of the gazetteer by that name) keeps the word "cầu".
            vn = f"cầu {vn}"
        return GateHit(start=start, end=end, vn=fold(vn), cn=fold(cn), kind=kind,
                       gazetteer_id=entry.id if entry else None, method=method,
                       confidence=conf)

    def _list_pairs(self, text: str, triggers: list[tuple[int, int, list[str]]],
                    trigger_ends: list[int]) -> list[GateHit]:
        """Two lists of gates of equal length after a gate phrase, each side's country in
        brackets: the gates pair in the order written."""
        out: list[GateHit] = []
        for m in _LIST_PAIR.finditer(text):
            trig = _trigger_before(text, m.start("la"), triggers, trigger_ends)
            if trig is None:
                continue
            sides = self._sides_from_qualifiers(_last_part(m.group("qa")),
                                                _last_part(m.group("qb")))
            la = [self._strip_type(x.strip()) for x in m.group("la").split(",")]
            lb = [self._strip_type(x.strip()) for x in m.group("lb").split(",")]
            if sides is None or len(la) != len(lb) or not all(la + lb):
                continue
            for a, b in zip(la, lb, strict=True):
                vn, cn = (a, b) if sides == "ab" else (b, a)
                entry = self._entry_for(vn, "vn") or self._entry_for(cn, "cn")
                out.append(GateHit(start=trig[0], end=m.end(), vn=fold(vn), cn=fold(cn),
                                   kind=trig[1] or None,
                                   gazetteer_id=entry.id if entry else None,
                                   method=Method.RULE, confidence=0.7))
        return out

    def _strip_type(self, name: str) -> str:
        return self._type_words.sub("", name.strip()).strip()

    def _counterparts(self, text: str, triggers: list[tuple[int, int, list[str]]],
                      trigger_ends: list[int], org_spans: SpanIndex) -> list[GateHit]:
        """"cửa khẩu Lũng Vài (tương ứng với cửa khẩu phụ Cốc Nam …)", "Tà Lùng (phía
        Trung Quốc là Thủy Khẩu)": a gate and, in brackets, its counterpart across the line.
        The first must be a gate (a gate phrase before it, or the gazetteer's), the sides
        come from the phrase or the gazetteer."""
        out: list[GateHit] = []
        if self._counterpart is None:
            return out
        for m in self._counterpart.finditer(text):
            a, b = self._strip_type(m.group("a")), self._strip_type(m.group("b"))
            if not a or not b or org_spans.holds(m.start("a")):
                continue
            trig = _trigger_before(text, m.start("a"), triggers, trigger_ends)
            side = self._counterpart_side.get(fold_key(m.group("c")), "")
            known = self._known_pair(a, b)
            entry: gazetteers.GateEntry | None
            if known is not None:
                entry, swapped = known
                vn, cn = (b, a) if swapped else (a, b)
                method, conf = Method.GAZETTEER, 0.9
            else:
                a_sides = {x.side for x in self._index.get(fold_key(a), [])}
                b_sides = {x.side for x in self._index.get(fold_key(b), [])}
                if side == "CN" or (not side and ("vn" in a_sides or "cn" in b_sides)):
                    vn, cn = a, b
                elif side == "VN" or (not side and ("cn" in a_sides or "vn" in b_sides)):
                    vn, cn = b, a
                else:
                    continue
                if trig is None and not (a_sides or b_sides):
                    continue
                entry = self._entry_for(vn, "vn") or self._entry_for(cn, "cn")
                method, conf = Method.RULE, 0.7
            start = trig[0] if trig is not None else m.start("a")
            out.append(GateHit(start=start, end=m.end(), vn=fold(vn), cn=fold(cn),
                               kind=(trig[1] or None) if trig is not None else None,
                               gazetteer_id=entry.id if entry else None, method=method,
                               confidence=conf))
        return out

    def _known_pair(self, a: str, b: str) -> tuple[gazetteers.GateEntry, bool] | None:
        ka, kb = self._index.get(fold_key(a), []), self._index.get(fold_key(b), [])
        for sa in ka:
            for sb in kb:
                if sa.entry.id == sb.entry.id and sa.side != sb.side:
                    return sa.entry, sa.side == "cn"
        return None

    def _entry_for(self, name: str, side: str,
                   kind: str | None = None) -> gazetteers.GateEntry | None:
        """The gazetteer gate of that name and side; the stated kind breaks ties
        ("ga Lào Cai" is the railway station, "cửa khẩu Lào Cai" the road gate)."""
        found = [s.entry for s in self._index.get(fold_key(name), []) if s.side == side]
        if kind:
            found.sort(key=lambda e: e.kind != kind)
        return found[0] if found else None

    def _sides_from_qualifiers(self, qa: str | None, qb: str | None) -> str | None:
        def side(q: str | None) -> str | None:
            if not q:
                return None
            k = fold_key(q)
            if k in self._vn_qual:
                return "vn"
            if k in self._cn_qual:
                return "cn"
            return None

        sa, sb = side(qa), side(qb)
        if sa == "vn" or sb == "cn":
            return "ab" if sa != "cn" and sb != "vn" else None
        if sa == "cn" or sb == "vn":
            return "ba"
        return None

    # -- single gates ---------------------------------------------------------------------

    def _single(self, text: str, trig_start: int, m: re.Match[str], kind: str) -> GateHit | None:
        name = self._strip_type(m.group("a"))
        if not name:
            return None
        entry = self._entry_for(name, "vn", kind or None)
        if entry is None:
            return None
        return GateHit(start=trig_start, end=m.end(), vn=fold(name), cn=None,
                       kind=kind or None, gazetteer_id=entry.id, method=Method.GAZETTEER,
                       confidence=0.9)

    # -- markers --------------------------------------------------------------------------

    def _attach_markers(self, doc: Document, hits: list[GateHit]) -> None:
        known_markers = self._markers
        text = doc.text
        # Clause ends and gate starts indexed once: a search per marker over the whole text
        # or over every gate would make long marker lists quadratic.
        stops = [m.start() for m in _CLAUSE_END.finditer(text)]
        starts = [g.start for g in hits]
        longest = max((g.end - g.start for g in hits), default=0)
        for mk in doc.markers:
            # Markers belong to a gate stated in the same clause (";" separates clauses).
            k = bisect.bisect_left(stops, mk.start)
            s0 = stops[k - 1] + 1 if k else 0
            k = bisect.bisect_left(stops, mk.end)
            e0 = stops[k] if k < len(stops) else len(text)
            best: tuple[int, GateHit] | None = None
            # Only gates within 120 characters can be chosen (see dist below).
            lo = bisect.bisect_left(starts, mk.start - 120 - longest)
            hi = bisect.bisect_right(starts, mk.end + 120)
            for g in hits[lo:hi]:
                if not (s0 <= g.start < e0 or s0 < g.end <= e0):
                    continue
                dist = mk.start - g.end if mk.start >= g.end else g.start - mk.end
                if dist < 0:
                    dist = 0
                if dist <= 120 and (best is None or dist < best[0]):
                    best = (dist, g)
            if best is not None:
                g = best[1]
                if mk.value not in g.markers:
                    g.markers.append(mk.value)
                mk.attached_to = g.gazetteer_id or (f"{g.vn} - {g.cn}" if g.cn else g.vn)
            elif mk.value in known_markers:
                mk.attached_to = known_markers[mk.value]  # the crossing known by that marker


def kind_of(trig: tuple[int, str] | None) -> str | None:
    return trig[1] or None if trig is not None else None





def _last_part(qualifier: str) -> str:
    """'Cao Bằng, Việt Nam' -> 'Việt Nam': the country closes a qualifier."""
    return qualifier.rsplit(",", 1)[-1].strip()


def _trigger_before(text: str, pos: int, triggers: list[tuple[int, int, list[str]]],
                    trigger_ends: list[int]) -> tuple[int, str] | None:
    """A gate phrase ending right before ``pos`` (spaces between): (start, kind)."""
    # Triggers do not overlap, so their ends are sorted like their starts: the nearest one
    # ending before pos is the only candidate.  The ends are listed once per list of
    # triggers, and only the spaces after the trigger are read (not all text up to pos):
    # one pass per pair over a long text would make long lists of pairs quadratic.
    i = bisect.bisect_right(trigger_ends, pos) - 1
    if i >= 0:
        ts, te, kinds = triggers[i]
        gap = _WHITESPACE.match(text, te, max(te, pos))
        if gap is not None and gap.end() >= pos:
            return ts, kinds[0]
    return None
