"""People: Vietnamese names and Sino-Vietnamese readings of Chinese names, by shape and context.

A name is a run of capitalized syllables starting with a family name (Nguyễn, Lò, Giàng …
or, for Chinese officials, Mã, Vi, Lưu …).  Shape alone is not enough: "Cao Bằng", "Hà
Giang", "Long Châu" have the same shape, so a candidate needs context (an honorific, a rank,
a title beside it) or a long unambiguous shape, and is dropped when it is a known place,
sits inside an organization name or follows a place word ("đường Trần Hưng Đạo").  Short
references ("ông Toàn") are resolved to the full name whose given name they repeat.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import gazetteers
from ..document import Document, PersonHit
from ..text import LOWER, UPPER, alternation, fold_key
from ._match import COUNTRY_AFTER, SpanIndex, envoy_post

__all__ = ["PeopleRecognizer"]

_SYL = rf"[{UPPER}][{LOWER}]*"
_CANDIDATE = re.compile(rf"(?<![\w.])({_SYL}(?:[ \t]+{_SYL}){{1,5}})(?![\w])")
_GOES_ON = re.compile(rf"[ \t]+[{UPPER}]")
_SHORT = re.compile(rf"(?<![\w])({_SYL})(?![ \t]*{_SYL})(?![\w])")


class PeopleRecognizer:
    """Stage: person mentions (full names, then short references)."""

    name = "people"

    def __init__(self) -> None:
        t: gazetteers.NamesTable = gazetteers.load("names")
        places: gazetteers.PlacesTable = gazetteers.load("places")
        titles: gazetteers.TitlesTable = gazetteers.load("titles")
        gates: gazetteers.GatesTable = gazetteers.load("gates")
        self._vn = set(t.vn_surname)
        self._cn = set(t.cn_surname)
        self._stop = set(t.not_given_name)
        self._cap_honorifics = frozenset(t.sentence_honorific)
        self._place_bracket = re.compile(
            rf"[ \t]*\([ \t]*(?:{alternation(t.place_bracket)})(?=[\s.{UPPER}])")
        self._abroad = re.compile("^" + envoy_post(places.country))
        # "phía Trung Quốc", "phía bạn": the side words of the meetings table
        meet: gazetteers.MeetingsTable = gazetteers.load("meetings")
        self._side = re.compile(rf"phía ({alternation(meet.side_vn + meet.side_cn)})(?!\w)",
                                re.IGNORECASE)
        self._cn_side = {w.lower() for w in meet.side_cn}
        self._cap_hon_before = re.compile(
            rf"(?:^|[^\w])(?:{alternation(t.sentence_honorific)})[ \t]+$")
        orgs: gazetteers.OrganizationsTable = gazetteers.load("organizations")
        # "tỉnh Cao Bằng …", "xã Nguyễn Huệ": a locality word opens a place, not a name
        self._locality_word = re.compile(
            rf"^(?:{alternation(orgs.generic_locality)})\s+", re.IGNORECASE)
        hon = "|".join(re.escape(h) for h in sorted(set(t.honorific), key=len, reverse=True))
        self._hon_before = re.compile(rf"(?:^|[^\w])(?:{hon})[ \t]+$", re.IGNORECASE)
        rank = alternation(titles.rank + [r[:1].lower() + r[1:] for r in titles.rank])
        # "do đồng chí Cảnh giám cấp 3, Đường Kiến Bình, làm Trưởng đoàn": a rank set off
        # by a comma still stands before the name.
        self._rank_before = re.compile(rf"(?:{rank})[ \t]*,?[ \t]+$")
        ctx = "|".join(re.escape(p) for p in sorted(t.place_context, key=len, reverse=True))
        self._place_before = re.compile(rf"(?:^|[^\w])(?:{ctx})[ \t]+$")
        head = "|".join(re.escape(h) for h in sorted(titles.head, key=len, reverse=True))
        pre = alternation(titles.prefix + titles.dropped_prefix)
        self._title_after = re.compile(
            rf"^[ \t]*(?:[,–-]|\()?[ \t]*(?:(?:{pre})[ \t]+)?(?:{head})",
            re.IGNORECASE)
        self._title_before = re.compile(rf"(?:{head})\b", re.IGNORECASE)
        self._heads_by_last: dict[str, list[str]] = {}
        for h in titles.head:
            self._heads_by_last.setdefault(h.split()[-1].lower(), []).append(h.lower())
        place_names = (places.vn_province + places.cn_region + places.cn_locality
                       + places.vn_locality + places.country)
        for g in gates.gate:
            place_names += [g.vn, *g.vn_aliases, g.district, g.cn_county]
            if g.cn:
                place_names += [g.cn, *g.cn_aliases]
        self._places = {fold_key(p) for p in place_names if p}
        born = "|".join(re.escape(b) for b in sorted(t.birth_context, key=len, reverse=True))
        # "(sinh năm 1995)", "(SN 1977)", "(Viên Đông Binh, SN 1977)" (the name's reading
        # first), "(52 tuổi, …)": a person's birth year or age in brackets.
        age = alternation(t.age_word) if t.age_word else "(?!)"
        self._born_after = re.compile(
            rf"[ \t]*\((?:[^(),\n]{{2,30}},[ \t]*)?"
            rf"(?:(?:{born})[ \t]*\d|\d{{1,3}}[ \t]+(?:{age}))") if born else re.compile("(?!)")
        self._fields = {fold_key(d) for d in orgs.department}

    def __call__(self, doc: Document) -> None:
        text = doc.text
        org_spans = [(o.start, o.end) for o in doc.orgs]
        # Names never sit inside an organization name: blank those out first, so that
        # "UBND tỉnh Cao Bằng Hoàng Xuân Ánh" leaves only the name to match.
        chars = list(text)
        for s0, e0 in org_spans:
            chars[s0:e0] = " " * (e0 - s0)
        ptext = "".join(chars)
        orgs = SpanIndex(org_spans)
        hits: list[PersonHit] = []
        for m in _CANDIDATE.finditer(ptext):
            context = bool(self._hon_before.search(ptext[max(0, m.start(1) - 20): m.start(1)])
                           or self._rank_before.search(ptext[max(0, m.start(1) - 20):
                                                             m.start(1)])
                           or self._born_after.match(ptext, m.end(1)))
            # Whether the capitalized run goes on past the regex's reach.
            goes_on = _GOES_ON.match(ptext, m.end(1)) is not None
            # Right after a title, a place-like pair inside the run is a given name: "Phó
            # Thủ tướng Trần Văn Sơn" (Văn Sơn is also a prefecture), "Trần Hồng Hà".
            # (Not after a locality word: "Phó Châu trưởng Châu Hồng Hà" is a place.)
            local = self._locality_word.match(m.group(1)) is not None
            start1 = m.start(1)

            def titled(start1: int = start1, local: bool = local) -> bool:
                # asked only when a place-like pair sits in the run (a regex over the
                # window before each candidate would cost more than all the rest)
                return not local and self._title_right_before(ptext, start1, exact=True)

            trimmed = self._trim(m.group(1), context, goes_on, titled,
                                 ranked=context and not local)
            if trimmed is None:
                continue
            lead, cand, known = trimmed
            s = m.start(1) + lead
            e = s + len(cand)
            if orgs.overlaps(s, e):
                continue
            if self._locality_word.match(cand + " ") and COUNTRY_AFTER.match(ptext, e):
                continue  # "Châu Đại Lý (Trung Quốc)": a prefecture, not a person
            if not context and lead == 0 and self._place_bracket.match(ptext, e):
                continue  # "Từ Bản Máy (H. Hoàng Su Phì)": a village and its district
            conf = self._evidence(ptext, s, e, cand, known)
            if conf is None:
                continue
            hits.append(PersonHit(start=s, end=e, name=cand, confidence=conf,
                                  side=self._stated_side(text, s)))
        hits.extend(self._short_references(text, hits, org_spans))
        hits.sort(key=lambda h: h.start)
        doc.people = hits

    def _trim(self, run: str, context: bool, goes_on: bool = False,
              titled: Callable[[], bool] = lambda: False,
              ranked: bool = False) -> tuple[int, str, bool] | None:
        """(offset, name, family name known) of the name inside a capitalized run."""
        syl = [(m.start(), m.group()) for m in re.finditer(r"\S+", run)]
        places = self._place_syllables(syl)
        # A capitalized honorific opening a sentence ("Ông Mã Kế Hiến cho biết").
        while syl and syl[0][1] in self._cap_honorifics:
            syl = syl[1:]
            context = ranked = True  # (an honorific, as "ông" in mid-sentence is)
        # Drop a place name before the name ("tỉnh Cao Bằng Hoàng Xuân Ánh"), then leading
        # syllables until a family name starts the run.  With an honorific or a rank right
        # before, the run is a name whatever its first syllable: minority and Chinese
        # family names (Sình, Voòng, Cam …) are too many to list.
        while syl:
            # "Bộ trưởng Công Thương Lê Minh Hưng": the office's field before the name
            k = next((k for k in (4, 3, 2) if len(syl) >= k + 2 and fold_key(
                " ".join(x for _, x in syl[:k])) in self._fields), 0)
            if k:
                syl = syl[k:]
                continue
            k = next((k for k in (3, 2) if len(syl) >= k + 2 and fold_key(
                " ".join(x for _, x in syl[:k])) in self._places), 0)
            if k:
                syl = syl[k:]
                context = False
                continue
            if syl[0][1] not in self._vn and syl[0][1] not in self._cn and not context:
                syl = syl[1:]
                continue
            break
        if not syl or (syl[0][1] in self._stop and syl[0][1] not in self._vn):
            return None  # "đồng chí Phó Trưởng ban": a title, not a name
        known = syl[0][1] in self._vn or syl[0][1] in self._cn
        # Cut before a syllable that starts a title or a body ("… Khánh Phó Trưởng ban"),
        # unless it ends the run: "Lò Thị Ban," is a woman named Ban.
        for i, (_, x) in enumerate(syl[1:], start=1):
            if x in self._stop and (i < len(syl) - 1 or goes_on):
                syl = syl[:i]
                break
        if len(syl) < 2 or len(syl) > 4:
            return None
        whole_place = fold_key(" ".join(x for _, x in syl)) in self._places
        # After a title a place-like name is a person ("Chủ tịch Hồ Chí Minh"); after a rank
        # or honorific only when the place is part of it ("Thượng tá Trương Hòa Bình", not
        # "người đàn ông Trung Quốc").
        first, last = syl[0][0], syl[-1][0] + len(syl[-1][1])
        if any(first <= ps < last or first < pe <= last for ps, pe in places) and not (
                (ranked and not whole_place) or titled()):
            return None  # "Đoàn Bằng Tường", "Thái Kim Bình": a word before a place name
        start = syl[0][0]
        end = syl[-1][0] + len(syl[-1][1])
        return start, run[start:end], known

    def _title_right_before(self, text: str, s: int, exact: bool = False) -> bool:
        """A title (its body already blanked) or a title and a place stand right before:
        "Chủ tịch UBND tỉnh Cao Bằng Hoàng Xuân Ánh", "Phó Tỉnh trưởng tỉnh Vân Nam Dương Á
        Lâm"; not "Giám đốc Chi nhánh Khai thác đường sắt Hà Lạng"."""
        if exact:
            # A title ending right before: looked up by its last word, not by a regex over
            # the window (this is asked for many candidates).
            before = text[max(0, s - 60): s].rstrip(" \t")
            last = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
            low = before.lower()
            return any(low.endswith(h) and (len(low) == len(h) or not low[-len(h) - 1].isalnum())
                       for h in self._heads_by_last.get(last, ()))
        window = text[max(0, s - 80): s]
        found = list(self._title_before.finditer(window))
        if not found:
            return False
        gap = window[found[-1].end():].strip()
        if exact:
            return not gap
        # "Đại sứ Trung Quốc tại Việt Nam Hồng Tiểu Dũng": an envoy's country and post
        gap = self._abroad.sub("", gap)
        gap = self._locality_word.sub("", gap).strip()
        return not gap or fold_key(gap) in self._places

    def _stated_side(self, text: str, s: int) -> str | None:
        """'Về phía Trung Quốc có ông …', 'phía Việt Nam có bà …' in the same clause."""
        clause = re.split(r"[.;\n]", text[max(0, s - 80): s])[-1]
        found = self._side.findall(clause)
        if not found:
            return None
        return "CN" if found[-1].lower() in self._cn_side else "VN"

    def _place_syllables(self, syl: list[tuple[int, str]]) -> list[tuple[int, int]]:
        """Spans (in the run) of known place names of two to four syllables."""
        out = []
        for i in range(len(syl)):
            for k in (4, 3, 2):
                if i + k <= len(syl) and fold_key(" ".join(x for _, x in syl[i:i + k])) \
                        in self._places:
                    out.append((syl[i][0], syl[i + k - 1][0] + len(syl[i + k - 1][1])))
                    break
        return out

    def _evidence(self, text: str, s: int, e: int, cand: str, known: bool) -> float | None:
        before = text[max(0, s - 40): s]
        after = text[e: e + 60]
        if self._place_before.search(before) and not self._title_right_before(text, s, exact=True):
            return None  # "xã Nguyễn Huệ", but "Trưởng thôn Giàng Văn Cồ" is a person
        honor = bool(self._hon_before.search(before)) or bool(
            self._cap_hon_before.search(before))
        rank = bool(self._rank_before.search(before))
        if fold_key(cand) in self._places and not honor and (
                self._locality_word.match(cand)
                or not self._title_right_before(text, s, exact=True)):
            return None  # a place, unless a title stands right before ("Chủ tịch Hồ Chí Minh")
        if honor or rank:
            return 0.95 if known else 0.8
        if self._born_after.match(text, e):
            return 0.85  # "Liu Ren Yi (sinh năm 1995)"
        if not known:
            return None
        if self._title_after.match(after):
            return 0.9
        if self._title_right_before(text, s):
            return 0.85
        syl = cand.split()
        if syl[0] in self._vn and len(syl) >= 3:
            return 0.7  # a long Vietnamese name shape with a family name, no context
        return None

    def _short_references(self, text: str, hits: list[PersonHit],
                          org_spans: list[tuple[int, int]]) -> list[PersonHit]:
        given: dict[str, str] = {}
        for h in hits:
            given.setdefault(h.name.split()[-1], h.name)
        out: list[PersonHit] = []
        if not given:
            return out
        taken = SpanIndex([(h.start, h.end) for h in hits] + org_spans)
        for m in _SHORT.finditer(text):
            word = m.group(1)
            if word not in given:
                continue
            s, e = m.span(1)
            if taken.holds(s):
                continue
            if not self._hon_before.search(text[max(0, s - 20): s]):
                continue
            out.append(PersonHit(start=s, end=e, name=given[word], short=True,
                                 confidence=0.8))
        return out
