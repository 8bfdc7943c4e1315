"""Organizations: HEAD + TAIL grammar over gazetteer words, grouped and linked.

Vietnamese body names are built from a head (Sở, Cục, Ủy ban nhân dân, Ban Quản lý Khu kinh
tế cửa khẩu …) and a tail whose shape the head decides: a department name (Sở Công Thương),
a proper name in capitals (… Đồng Đăng - Lạng Sơn), a locality (UBND tỉnh Lạng Sơn) or a
purpose clause (Ban Chỉ đạo xây dựng Đề án …).  Elliptical lists share one head over many
tails ("các Sở, Ban, ngành: Công Thương, Ngoại vụ" is Sở Công Thương and Sở Ngoại vụ).
Mentions of one body (full, abbreviated, dash variants, "Ban Quản lý" said again) are grouped
under one canonical expanded name and linked to the bodies gazetteer.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .. import gazetteers
from ..document import Document, OrgHit
from ..models import Method
from ..text import LOWER, UPPER, fold, fold_key
from ._match import (
    COUNTRY_AFTER,
    PhraseMatcher,
    SpanIndex,
    alternation,
    lower_same_length,
    skip_spaces,
)

__all__ = ["OrganizationRecognizer", "expand_abbreviations", "org_key"]

_PLACE_WORD = re.compile(rf"[{UPPER}][\w]*(?![\w])")  # place names carry no numbers
_CAP_WORD = re.compile(rf"(?:[{UPPER}][\w]*|\d+)(?![\w])")
_DASH_JOIN = re.compile(r"[ \t]*-[ \t]*")
_COLON_LIST = re.compile(r"[ \t]*:[ \t]*")
_WARD_NUMBER = re.compile(r"[ \t]+\d{1,2}(?![\w/.,:])")
_GIUA = re.compile(r"[ \t]+giữa[ \t]")
_ABBR_INSIDE = re.compile(r"[ \t]*\([A-ZĐ&]{2,10}\)(?=[ \t])")
_AT = re.compile(r"[ \t]+tại[ \t]+")
_LIST_NEXT = re.compile(r"[ \t]*(?:,[ \t]*(?P<comma_and>và[ \t]+)?|[ \t]+(?P<and>và)[ \t]+)")
_LIST_SEP = re.compile(r"[ \t]*(?:,|và)[ \t]+(?=[A-ZĐ])")
_LIST_NAME = re.compile(rf"[{UPPER}][{LOWER}]*(?:[ \t]+(?:[{UPPER}][{LOWER}]*|[IVX]+|\d+)){{0,3}}"
                        rf"(?![\w])")
_NAME_COMMA = re.compile(rf"(?<![\w])([{UPPER}][{LOWER}]*)(?:[ \t]+[{UPPER}][{LOWER}]*){{1,3}}"
                         r"[ \t]*,[ \t]*$")
_PLACE_JOIN = re.compile(r"(?:[ \t]*-[ \t]*|[ \t])")
_LOWER_WORD = re.compile(rf"[{LOWER}]+")


def expand_abbreviations(text: str, table: list[tuple[re.Pattern[str], str]]) -> str:
    for pat, long in table:
        text = pat.sub(long, text)
    return text


def org_key(name: str, regions: list[tuple[str, str]]) -> str:
    """Grouping key: folded, case-free, Chinese region aliases made one, commas dropped,
    "tỉnh" before a province name dropped (UBND tỉnh Lạng Sơn = UBND Lạng Sơn), and the
    border guard's provincial command named as the provincial border guard (BĐBP tỉnh =
    Bộ Chỉ huy BĐBP tỉnh)."""
    k = fold_key(name)
    for alias, canon in regions:
        k = k.replace(alias, canon)
    k = re.sub(r"\s*,\s*", " ", k)
    k = re.sub(r"(?<=\s)tỉnh\s+(?!ủy(?!\w)|đoàn(?!\w))(?=\w)", "", k)
    k = k.replace("bộ chỉ huy bộ đội biên phòng", "bộ đội biên phòng")
    k = k.replace("ban chỉ huy bộ đội biên phòng", "bộ đội biên phòng")
    return k.strip()


@dataclass(frozen=True)
class _Head:
    text: str
    tail: str
    side: str | None
    standalone: bool
    requires_dept: bool = False
    lists: bool = False
    lower_dept: bool = False
    own_side_only: bool = False


class OrganizationRecognizer:
    """Stage: organizations and their mentions."""

    name = "organizations"

    def __init__(self) -> None:
        t: gazetteers.OrganizationsTable = gazetteers.load("organizations")
        places: gazetteers.PlacesTable = gazetteers.load("places")
        bodies: gazetteers.BodiesTable = gazetteers.load("bodies")
        head_list = [(h.text, _Head(h.text, h.tail, h.side, h.standalone, h.requires_dept,
                                    h.lists, h.lower_dept, h.own_side_only)) for h in t.head]
        # Standing bodies of the party and state bodies ("Thường trực Tỉnh ủy", "Thường vụ
        # Châu ủy"): the prefix before any standalone head with a locality.
        head_list += [(f"{pf} {h.text}", _Head(f"{pf} {h.text}", h.tail, h.side, True))
                  for pf in t.standing_prefix for h in t.head
                  if h.standalone and h.tail == "locality"]
        titles_table: gazetteers.TitlesTable = gazetteers.load("titles")
        # Only a prefix that can also end a role ("Phó Bí thư Thường trực") is given back to
        # the title before it; "Ủy viên Ban Thường vụ Tỉnh ủy" names the Ban Thường vụ.
        suffixes = {lower_same_length(x) for x in titles_table.suffix}
        self._omitted = tuple(fold_key(h) for h in t.omitted_head)
        self._generic = frozenset(t.generic_locality)
        self._numbered = frozenset(t.numbered_unit)
        self._levels = frozenset(t.level_word)
        self._company_heads = frozenset(t.company_head)
        self._stop_in_name = frozenset(t.stop_in_name)
        self._purpose_stop = re.compile(rf"\s(?:{alternation(t.purpose_stop)})\b")
        self._plural_before = re.compile(
            rf"(?:{alternation(t.plural_before)}|\d{{1,2}})[ \t]+$")
        self._plural_locality = re.compile(
            rf"[ \t]+(?:{alternation(t.plural_locality)}|\d{{1,2}})[ \t]+")
        self._plural_unnamed = re.compile(rf"[ \t]+(?:{alternation(t.plural_unnamed)})[ \t]+")
        self._parent_after_dash = tuple(lower_same_length(w) for w in t.parent_after_dash)
        self._bracket_before = re.compile(
            rf"(?:[ \t]*,[ \t]*(?P<level>{alternation(t.generic_locality)}))?"
            rf"(?:[ \t]+(?:{alternation(t.bracket_list_before)}))?[ \t]*\([ \t]*")
        known = sorted(set(places.vn_province + places.cn_region + places.cn_locality),
                       key=len, reverse=True)
        pl = f"(?:{alternation(known)})"
        ctry = r"(?:[ \t]*\((?:Việt Nam|Trung Quốc)\))?"
        lvl = (r"(?:(?:các[ \t]+)?(?:tỉnh|khu|Khu tự trị [Dd]ân tộc Choang|thành phố)"
               r"[ \t]*:?[ \t]+)?")
        self._between = re.compile(
            rf"[ \t]+giữa[ \t]+{lvl}{pl}(?:[ \t]*,[ \t]*{pl})*(?:[ \t]+và[ \t]+{pl})?{ctry}"
            rf"[ \t]+(?:và|với)[ \t]+{lvl}{pl}{ctry}")
        names_table: gazetteers.NamesTable = gazetteers.load("names")
        hon = sorted(names_table.honorific, key=len, reverse=True)
        self._honorific_at = re.compile(
            rf"(?:{alternation(hon)})[ \t]", re.IGNORECASE)
        generic = sorted((w for w in t.locality_word if w in self._generic or w == "trấn"),
                         key=len, reverse=True)
        self._locality_in_name = re.compile(
            rf"(?<![\w])(?P<w>{alternation(generic)})[ \t]+(?=[{UPPER}])")
        self._omitted_words = tuple(f" {fold_key(w)}" for w in t.omitted_word)
        self._standing = tuple(lower_same_length(pf) + " " for pf in t.standing_prefix
                               if lower_same_length(pf) in suffixes)
        self._heads: PhraseMatcher[_Head] = PhraseMatcher(head_list)
        self._depts: PhraseMatcher[str] = PhraseMatcher((d, d) for d in t.department)
        self._locality_words: PhraseMatcher[str] = PhraseMatcher(
            (w, w) for w in t.locality_word)
        self._openers: PhraseMatcher[str] = PhraseMatcher((o, o) for o in t.list_opener)
        self._not_org: PhraseMatcher[str] = PhraseMatcher((n, n) for n in t.not_organization)
        self._name_words: PhraseMatcher[str] = PhraseMatcher((w, w) for w in t.name_word)
        self._name_end = frozenset(lower_same_length(w) for w in t.name_end_word)
        self._back_refs = {lower_same_length(b) for b in t.back_reference}
        titles: gazetteers.TitlesTable = gazetteers.load("titles")
        heads = "|".join(re.escape(h) for h in sorted(titles.head, key=len, reverse=True))
        self._title_before = re.compile(rf"(?:{heads})[ \t]+$", re.IGNORECASE)
        self._title_start = re.compile(rf"(?:{heads})(?![\w])")
        self._title_gap = re.compile(
            rf"[ \t]*,[ \t]*(?:(?:{alternation(titles.prefix)})[ \t]+)?(?:{heads})[ \t]+")
        self._abbr = []
        for a in sorted(t.abbreviation, key=lambda a: -len(a.short)):
            if a.short.endswith("."):
                # "TP.Đông Hưng": a short form with its dot glued to the name it abbreviates.
                self._abbr.append((re.compile(rf"(?<![\w&]){re.escape(a.short)}[ \t]*(?=\w)"),
                                   a.long + " "))
            self._abbr.append((re.compile(rf"(?<![\w&]){re.escape(a.short)}(?![\w&])"), a.long))
        self._regions = [
            (fold_key(alias), fold_key(group[0]))
            for group in t.region_alias for alias in sorted(group[1:], key=len, reverse=True)
        ]
        self._provinces = {fold_key(p) for p in places.vn_province + places.cn_region
                           + places.country}
        self._cn_places = [fold_key(p) for p in places.cn_region + places.cn_locality
                           + ["Trung Quốc"]]
        self._vn_places = [fold_key(p) for p in places.vn_province + places.vn_locality
                           + ["Việt Nam"]]
        both = set(self._cn_places) & set(self._vn_places)
        self._district_reading = [f"{fold_key(w)} {p}" for p in sorted(both)
                                  for w in places.district_word]
        known = sorted(set(places.cn_region + places.vn_province + places.country
                           + [g[0] for g in t.region_alias]
                           + [a for g in t.region_alias for a in g]), key=len, reverse=True)
        # Known places, right after a name or after a locality word ("thành phố Móng Cái").
        self._places_after_word: PhraseMatcher[str] = PhraseMatcher(
            (p, p) for p in known + places.vn_locality + places.cn_locality)
        gates: gazetteers.GatesTable = gazetteers.load("gates")
        self._gate_names: PhraseMatcher[str] = PhraseMatcher(
            (n, n) for g in gates.gate for n in [g.vn, *g.vn_aliases, g.cn, *g.cn_aliases] if n)
        names: gazetteers.NamesTable = gazetteers.load("names")
        self._surnames = set(names.vn_surname) | set(names.cn_surname)
        # Bodies gazetteer: canonical keys of names and aliases -> body.
        self._bodies: dict[str, gazetteers.Body] = {}
        for b in bodies.body:
            for form in [b.name, *b.aliases]:
                self._bodies.setdefault(self._key(form), b)
        self._body_keys = list(self._bodies)
        self._country_end = re.compile(
            rf"(?<![\w])(?:{alternation([lower_same_length(c) for c in places.country])})$")

    # -- naming ---------------------------------------------------------------------------

    def canonical(self, surface: str) -> str:
        name = fold(expand_abbreviations(surface, self._abbr))
        return name[:1].upper() + name[1:]

    def _key(self, surface: str) -> str:
        return org_key(self.canonical(surface), self._regions)

    # -- recognition ----------------------------------------------------------------------

    def __call__(self, doc: Document) -> None:
        text = doc.text
        low = lower_same_length(text)
        blocked = SpanIndex((s, e) for s, e, _ in self._not_org.iter(low))
        hits: list[OrgHit] = []
        taken_until = -1
        for s, e, heads in self._heads.longest(low):
            if s < taken_until:
                continue
            if blocked.holds(s) and any(bs <= s < be and not (bs == s and be <= e)
                                        for bs, be in blocked.within(s - 60, s + 1)):
                continue
            if (s > 0 and text[s - 1] in "/-") or (text[e:e + 1] in ("/", "-") and \
                    text[e + 1:e + 2].isupper()):
                continue  # a document number: "244/UBND-NC", "15/QĐ-UBND"
            head = heads[0]
            if self._standing and low.startswith(self._standing, s) and (
                    self._title_before.search(text[max(0, s - 40): s])
                    or self._after_name(text, s, hits[-1].end if hits else -1)
                    or self._after_titled_body(text, s, hits)):
                # "Phó Bí thư Thường trực Tỉnh ủy", "ông Ngô Nham, Thường vụ Thành ủy":
                # "Thường trực"/"Thường vụ" is (or ends) the role; the body is the Tỉnh ủy.
                s = skip_spaces(text, s + len(next(p for p in self._standing
                                                   if low.startswith(p, s))))
                found = self._heads.at(low, s)
                if found is None:
                    continue
                head = found[1][0]
            if head.text.lower() == "chi nhánh" and self._heads.at(
                    low, skip_spaces(text, e)) is not None:
                continue  # "Chi nhánh Tổng công ty …": the company is the body named
            end, dept_found = self._tail(text, low, e, head)
            if end is None or end == e:
                listed = self._colon_list(text, low, s, e, head)
                if listed:
                    hits.extend(listed)
                    taken_until = listed[-1].end
                    continue
            if end is None:
                continue
            # "Nhóm công tác liên hợp giữa các tỉnh Hà Giang, Lào Cai (Việt Nam) và tỉnh Vân
            # Nam (Trung Quốc)": a joint body is named by the places it is between
            g = _GIUA.search(text, e, min(len(text), end + 8))
            joint = False
            if g is not None:
                between = self._between.match(text, g.start())
                if between is not None and between.end() > end:
                    end, joint = between.end(), True
            inner: tuple[int, int] | None = None
            abbr = _ABBR_INSIDE.match(text, end)
            if abbr is not None and head.tail == "locality":
                # "Bộ Chỉ huy Bộ đội Biên phòng (BĐBP) tỉnh Lào Cai": the abbreviation of
                # the words before it, then the name's place
                loc = self._locality(text, low, abbr.end())
                if loc > abbr.end() and self._ends_on_place(text, low, abbr.end(), loc):
                    inner = (abbr.start(), abbr.end())
                    end = loc
            if not text[s].isupper() and not dept_found and not (
                    head.tail == "locality" and self._ends_on_place(text, low, e, end)) \
                    and not self._lower_company(text, low, e, end, head):
                # "lễ hội", "các bộ": lowercase heads only before a known department, or
                # a known place ("tỉnh uỷ Lạng Sơn", "chính quyền thành phố Đông Hưng")
                continue
            end = self._abroad(text, low, s, end)
            surface = text[s:end].rstrip(" -,")
            end = s + len(surface)
            if head.own_side_only and head.side is not None:
                place_side = self._side_from_places(org_key(self.canonical(surface),
                                                            self._regions))
                if place_side is not None and place_side != head.side:
                    continue
            bare = end == e
            if bare and not head.standalone:
                if lower_same_length(surface) not in self._back_refs:
                    continue
                if " " not in surface.strip() and not self._title_before.search(
                        text[max(0, s - 30): s]) and f"({surface})" not in text[:s]:
                    # bare "Sở", "Cục": a back reference only after a title, or once the
                    # article has set it in brackets after the full name ("Ban Quản lý
                    # Khu kinh tế tỉnh Lai Châu (BQL) …; BQL đã làm việc với …")
                    continue
                hits.append(self._hit(s, end, surface, head, back_reference=True))
            else:
                # (the name without the abbreviation inside it)
                plain_name = self.canonical(text[s:inner[0]] + text[inner[1]:end]) \
                    if inner is not None and inner[1] <= end else None
                hits.append(self._hit(s, end, surface, head, name=plain_name))
                if joint:
                    hits[-1].joint, hits[-1].side = True, None
            # A purpose clause may name other bodies ("Nhóm công tác hỗn hợp Bộ Công Thương"):
            # those are recognized too.
            taken_until = e if head.tail == "purpose" else end
            if dept_found and head.tail == "dept":
                hits.extend(self._ellipsis_after(text, low, end, text[s:e], head))
            plural = self._plural_list(text, low, s, e, end, head)
            if plural:
                hits[-1:] = plural
                taken_until = max(taken_until, plural[-1].end)
            elif bare and self._unnamed_plural(text, low, end):
                # "UBND các xã biên giới", "Văn phòng HĐND – UBND các huyện biên giới":
                # bodies of every such place, none named, are no organization (and not
                # the body of a place named elsewhere).
                hits.pop()
                if hits and re.fullmatch(r"[ \t]*[-–][ \t]*", text[hits[-1].end:s]):
                    hits.pop()
        hits.extend(self._elliptical_lists(text, low, hits))
        hits.sort(key=lambda h: (h.start, h.end))
        self._resolve_back_references(hits)
        self._merge_short_forms(hits, text)
        # "Trạm Kiểm soát biên phòng Điền Bồng (Trung Quốc)": a country set in brackets right
        # after a body its table does not know states its side.
        stated: dict[str, str] = {}
        for h in hits:
            c = COUNTRY_AFTER.match(text, h.end)
            if c is not None:
                stated[h.key] = "CN" if "Trung Quốc" in c.group() else "VN"
        self._link(hits, stated)
        doc.orgs = hits

    def _abroad(self, text: str, low: str, s: int, end: int) -> int:
        """A body of one country in another names where it sits: "Hội Doanh nghiệp Việt Nam
        tại Trung Quốc", "Văn phòng xúc tiến thương mại Việt Nam tại Hàng Châu" (the place
        after "tại" belongs to the name only after the country's name)."""
        if end <= s or self._country_end.search(low, s, end) is None:
            return end
        m = _AT.match(text, end)
        if m is None:
            return end
        place = self._places_after_word.at(low, m.end())
        if place is not None and text[m.end()].isupper():
            return place[0]
        words = _LIST_NAME.match(text, m.end())
        return words.end() if words is not None else end

    def _unnamed_plural(self, text: str, low: str, end: int) -> bool:
        m = self._plural_unnamed.match(text, end)
        if m is None:
            return False
        word = self._locality_words.at(low, m.end())
        if word is None or word[1][0] not in self._generic:
            return False
        nxt = skip_spaces(text, word[0])
        return nxt >= len(text) or not text[nxt].isupper()

    def _hit(self, s: int, e: int, surface: str, head: _Head, back_reference: bool = False,
             name: str | None = None, partial: bool = False, listed: bool = False) -> OrgHit:
        canon = name or self.canonical(surface)
        return OrgHit(start=s, end=e, surface=surface, key=org_key(canon, self._regions),
                      name=canon, side=head.side, back_reference=back_reference,
                      confidence=0.6 if back_reference else 0.9,
                      expanded="" if back_reference else canon, partial=partial,
                      listed=listed)

    def _tail(self, text: str, low: str, pos: int, head: _Head,
              nested: bool = False) -> tuple[int | None, bool]:
        """End of the organization starting with ``head`` (ending at pos), dept found?"""
        p = skip_spaces(text, pos)
        if head.tail == "dept":
            dept = self._depts.at(low, p)
            # A department in lower case after a capitalized head, when it is of several
            # words ("Đại đội quản lý xuất nhập cảnh"), is still the department.
            if dept is not None and (text[p].isupper() or (
                    head.lower_dept and " " in text[p:dept[0]])):
                end = self._locality(text, low, dept[0])
                if end == dept[0] and not text[p].isupper():
                    # "Đại đội quản lý biên giới Ma Lật": a unit named after its place
                    # (not a known one) behind a lowercase field
                    q = skip_spaces(text, end)
                    if q < len(text) and text[q].isupper() and self._heads.at(low, q) is None:
                        end = self._name(text, low, q, head) or end
                return (end if nested else self._parent(text, low, end)), True
            if head.requires_dept:
                return pos, False
            parent_end = pos if nested else self._parent(text, low, pos)
            if parent_end != pos:
                return parent_end, False
            name_end = self._name(text, low, p, head)
            if name_end is not None:
                return self._locality(text, low, name_end), False
            loc = self._locality(text, low, pos)
            return loc, False
        if head.tail == "name":
            name_end = self._name(text, low, p, head)
            if name_end is not None:
                return self._locality(text, low, name_end), False
            return self._locality(text, low, pos), False
        if head.tail == "locality":
            loc = self._locality(text, low, pos)
            # "Văn phòng cửa khẩu Chính quyền nhân dân tỉnh Vân Nam": an office of a body
            return (self._parent(text, low, pos) if loc == pos and not nested else loc), False
        if head.tail == "purpose":
            return self._purpose(text, pos), False
        return pos, False

    def _name(self, text: str, low: str, p: int, head: _Head) -> int | None:
        """End of a capitalized proper name starting at p (with dashes between parts).

        Vietnamese capitalizes only the first syllable of a compound inside a name
        ("Đại hội Đại biểu Nhân dân", "Trạm Hội ngộ hội đàm Biên phòng"), so the table's name
        words (compounds of body names) continue a name in any case; a name still ends on
        a capitalized word, never on a lowercase one."""
        allow_lower = lower_same_length(head.text) in self._company_heads
        end = None
        i = p
        lower_run = 0
        cap_field_end = -1  # where the last capitalized compound ("Quản lý") ended
        caps: list[tuple[int, int]] = []  # the capitalized words, for _person_after
        lead_field: int | None = None  # a capitalized compound before them ("Dân tộc")
        while i < len(text):
            m = _CAP_WORD.match(text, i)
            compound = self._name_words.at(low, i)
            if compound is not None and (m is None or compound[0] > m.end()):
                if text[i].isupper():
                    end, lower_run = compound[0], 0
                    cap_field_end = end
                    if not caps:
                        lead_field = end
                elif lower_run >= 3:
                    break
                elif lower_run == 0 and end is not None and end == cap_field_end \
                        and low[i:compound[0]] in self._name_end:
                    # "Trung tâm Quản lý cửa khẩu": a field's object in lower case may end
                    # the name right after the capitalized field
                    end = compound[0]
                    cap_field_end = -1
                else:
                    lower_run += 1
                    if end is not None and self._locality_words.at(
                            low, skip_spaces(text, compound[0])) is not None:
                        # "Trung tâm Kiểm soát bệnh tật tỉnh": the name's words run up to
                        # its locality
                        end = compound[0]
                i = compound[0]
            elif m:
                if lower_run and self._heads.at(low, i) is not None \
                        and self._places_after_word.at(low, i) is None:
                    break  # "Đồn Biên phòng Bảo Lâm kiểm tra Trạm …": another body starts
                if lower_run and allow_lower and m.group().isdigit():
                    break  # "Công ty Hải Minh thông quan 30 xe": the clause's verb and count
                end = m.end()
                caps.append(m.span())
                lower_run = 0
                i = m.end()
            elif allow_lower and end is not None:
                w = _LOWER_WORD.match(text, i)  # from i, not a copy of the rest of the text
                # "Công ty TNHH thương mại và dịch vụ Logistics Hải Minh": "và" joins two
                # trades inside a company's name (only after a lowercase trade word)
                joins = w is not None and w.group() == "và" and (lower_run > 0 or (
                    # "Công ty CP Đầu tư và Phát triển …": "và" between two capitalized
                    # trades (the table's name words), not before another body or place
                    text[skip_spaces(text, w.end())].isupper()
                    and self._name_words.at(low, skip_spaces(text, w.end())) is not None
                    and self._heads.at(low, skip_spaces(text, w.end())) is None))
                if not w or (w.group() in self._stop_in_name and not joins) or lower_run >= 3:
                    break
                lower_run += 0 if joins else 1
                i = w.end()
            else:
                break
            nxt = _DASH_JOIN.match(text, i)
            if nxt and nxt.end() > i and _CAP_WORD.match(text, nxt.end()) and \
                    not self._title_start.match(text, nxt.end()) and \
                    not self._named_head_at(low, nxt.end()) and \
                    not low.startswith(self._parent_after_dash, nxt.end()):
                # "Đồng Đăng - Lạng Sơn" goes on, and so do joint offices ("Văn phòng Đoàn
                # ĐBQH – HĐND - UBND tỉnh"); "… Quảng Tây - Trưởng đoàn" is a role, "… Lạng
                # Sơn - Chi nhánh Tổng công ty …" a named body of its own
                i = nxt.end()
                continue
            if text[i:i + 1] == " " and i + 1 < len(text) and (
                    _CAP_WORD.match(text, i + 1) or allow_lower
                    or self._name_words.at(low, i + 1) is not None):
                i += 1
                continue
            break
        # (company names are free: "Công ty TNHH Thương mại Hồng Hà Thịnh Phát")
        return self._person_after(text, low, caps, end, lead_field) \
            if end is not None and not allow_lower else end

    def _after_name(self, text: str, s: int, last_org_end: int) -> bool:
        """A person's name and a comma right before ``s`` ("ông Ngô Nham, …"), not the end
        of a body's name ("Châu ủy Văn Sơn, …")."""
        m = _NAME_COMMA.search(text, max(0, s - 40), s)
        return m is not None and m.group(1) in self._surnames and m.start() >= last_org_end

    def _after_titled_body(self, text: str, s: int, hits: list[OrgHit]) -> bool:
        """Stacked after another title's body ("Ủy viên BTV, Thường trực Tỉnh ủy"): the
        standing word is the next role."""
        if not hits or re.fullmatch(r"[ \t]*,[ \t]*", text[hits[-1].end:s]) is None:
            return False
        prev = hits[-1].start
        return self._title_before.search(text[max(0, prev - 40): prev]) is not None

    def _ends_on_place(self, text: str, low: str, e: int, end: int) -> bool:
        """The tail after a lowercase head is a known, capitalized place."""
        if end <= e:
            return False
        loc = self._locality_words.at(low, skip_spaces(text, e))
        p = skip_spaces(text, loc[0]) if loc else skip_spaces(text, e)
        place = self._places_after_word.at(low, p)
        return place is not None and text[p].isupper()

    def _person_after(self, text: str, low: str, caps: list[tuple[int, int]], end: int,
                      lead_field: int | None = None) -> int:
        """A name running into the person named after it ("Phó Đồn trưởng Đồn Biên phòng
        Thanh Thủy Lê Văn Hùng"): a family name that starts the last two to four capitalized
        syllables, after at least one of the body's own, and is no known place ("… Lũng Cú Hà
        Giang"), begins the person; the body ends before it."""
        if len(caps) < 3 or caps[-1][1] != end:
            return end
        if lead_field is not None and 3 <= len(caps) <= 4 and text[caps[0][0]:caps[0][1]] in \
                self._surnames and self._plain_run(text, caps, 0) and \
                self._places_after_word.at(low, caps[0][0]) is None and \
                self._gate_names.at(low, caps[0][0]) is None:
            # "Chủ nhiệm Ủy ban Dân tộc Giàng Seo Phử": the body's own name is a field
            # compound ("Dân tộc"), so the whole run of syllables after it is the person.
            return lead_field
        # Names of three syllables are the most common, then four, then two.
        order = sorted(range(1, len(caps) - 1), key=lambda k: {3: 0, 4: 1}.get(len(caps) - k, 2))
        for k in order:
            a, b = caps[k]
            if text[a:b] not in self._surnames or not 2 <= len(caps) - k <= 4:
                continue
            if k == 1 and len(caps) - k == 2:
                continue  # "Đồn Biên phòng Vàng Ma Chải": a three-syllable post, no person
            if not self._plain_run(text, caps, k):
                continue  # only a plain run of syllables is a name
            place = self._places_after_word.at(low, a)
            if place is not None and place[0] >= caps[-1][1]:
                continue
            if any(((g := self._gate_names.at(low, caps[j][0])) is not None and g[0] > a)
                   or ((q := self._places_after_word.at(low, caps[j][0])) is not None
                       and q[0] > a) for j in range(k)):
                continue  # "… cửa khẩu Ma Lù Thàng": the gate's name, not a person's
            return caps[k - 1][1]
        return end

    @staticmethod
    def _plain_run(text: str, caps: list[tuple[int, int]], k: int) -> bool:
        return all(text[caps[x][1]:caps[x + 1][0]] == " " for x in range(k, len(caps) - 1))

    def _parent(self, text: str, low: str, pos: int) -> int:
        """Extend a department over the party or state body it belongs to: "Ban Tuyên giáo
        Tỉnh ủy", "Văn phòng UBND tỉnh Lào Cai", "Ban Tuyên truyền Thành ủy Sùng Tả" (one
        body; GUIDE: the parent inside a longer name is not listed on its own)."""
        p = skip_spaces(text, pos)
        if p >= len(text):
            return pos
        found = self._heads.at(low, p)
        if found is None:
            return pos
        parent = found[1][0]
        if not text[p].isupper():
            # "Ban Ngoại vụ chính quyền nhân dân châu Hồng Hà": a lowercase state body only
            # before its known place.
            if parent.tail != "locality":
                return pos
            end, _ = self._tail(text, low, found[0], parent, nested=True)
            if end is None or not self._ends_on_place(text, low, found[0], end):
                return pos
            return end
        if parent.tail == "dept":
            # "Đại đội quản lý xuất nhập cảnh Cục Công an thành phố Văn Sơn": a unit of a
            # department, one level up only.
            end, dept_found = self._tail(text, low, found[0], parent, nested=True)
            return end if dept_found and end is not None else pos
        if parent.tail == "name":
            # "Chi bộ Tổng Lãnh sự quán", "Chi bộ Đồn Biên phòng Pò Hèn": a party cell or
            # committee of a named unit
            end, _ = self._tail(text, low, found[0], parent, nested=True)
            return end if end is not None else found[0]
        if parent.tail not in ("locality", "none") or (
                not parent.standalone and parent.tail != "locality"):
            return pos
        end, _ = self._tail(text, low, found[0], parent, nested=True)
        return end if end is not None else found[0]

    def _locality(self, text: str, low: str, pos: int) -> int:
        """Extend over an optional locality: 'tỉnh Lạng Sơn', 'thị Bằng Tường', 'Quảng Tây'."""
        p = skip_spaces(text, pos)
        bare = self._places_after_word.at(low, p)
        # A place right after the name ("Sở Ngoại vụ Vân Nam", "Huyện ủy Na Pha"), or a
        # long lowercase one ("châu tự trị dân tộc Cáp Nê, dân tộc Di Hồng Hà").
        if bare is not None and (text[p].isupper() or text[p:bare[0]].count(" ") >= 3):
            return bare[0]
        word = self._locality_words.at(low, p)
        if word is None:
            return pos
        body = self._heads.at(low, p)
        if body is not None and body[0] > word[0]:
            return pos  # "Tỉnh ủy" is a body, not the locality word "tỉnh"
        after = skip_spaces(text, word[0])
        bare = self._places_after_word.at(low, after)
        if bare is not None:
            # "phường Móng Cái 1": wards formed in 2025 carry a number
            num = _WARD_NUMBER.match(text, bare[0])
            return num.end() if num and word[1][0] in self._numbered else bare[0]
        m = _PLACE_WORD.match(text, after)
        if m and m.group() in self._surnames and word[1][0] == "tỉnh":
            # "Chủ tịch UBND tỉnh Hoàng Trọng Nghĩa": provinces are all known, so a family
            # name after "tỉnh" that starts no province starts the person's name.
            nxt = _CAP_WORD.match(text, skip_spaces(text, m.end()))
            if nxt is not None:
                return word[0]
        if m:
            words = [m]
            while True:
                nxt = _PLACE_JOIN.match(text, words[-1].end())
                if not nxt:
                    break
                m2 = _PLACE_WORD.match(text, nxt.end())
                if not m2:
                    break
                words.append(m2)
            # Place names are short; a family name starting two or more capitalized
            # syllables later begins the person named after the body ("UBND thành phố
            # Móng Cái Hoàng Bá Nam").
            for i in range(1, len(words) - 1):
                if words[i].group() in self._surnames and i >= 1 and len(words) - i >= 2 \
                        and (i >= 2 or len(words) >= 4):
                    words = words[:i]
                    break
            # "phường Móng Cái 1": wards formed in 2025 carry a number
            num = _WARD_NUMBER.match(text, words[-1].end())
            return num.end() if num and word[1][0] in self._numbered else words[-1].end()
        # A generic locality word alone: "UBND tỉnh", "Cục Hải quan tỉnh".
        if word[1][0] in self._generic:
            return word[0]
        return pos

    def _purpose(self, text: str, pos: int) -> int:
        window = text[pos: pos + 160]
        end = len(window)
        for ch in ".;:\n(":
            k = window.find(ch)
            if k >= 0:
                end = min(end, k)
        stop = self._purpose_stop.search(window[:end])
        if stop:
            end = stop.start()
        # A comma ends the clause unless the next word continues a lowercase list.
        seg = window[:end]
        for m in re.finditer(r",\s*", seg):
            nxt = seg[m.end(): m.end() + 1]
            # (", ông Vi Văn Hưng cho biết": a person follows, the clause is over)
            if not nxt or nxt.isupper() or self._honorific_at.match(seg, m.end()):
                end = m.start()
                break
        clause = window[:end].rstrip(" ,")
        if not clause.strip() or not clause[:1].isspace():
            return pos
        # A purpose clause names something: a capital after its first word, or a short
        # clause of its own ("Ban Chỉ đạo xây dựng cửa khẩu thông minh").
        words = clause.split()
        if len(words) < 2 or (len(words) > 8 and not re.search(rf"\s\S+\s.*[{UPPER}]", clause)):
            return pos
        return pos + len(clause)

    def _ellipsis_after(self, text: str, low: str, pos: int, head_text: str,
                        head: _Head) -> list[OrgHit]:
        """'Sở Công Thương, Ngoại vụ và Tài chính': the head is shared by the next depts."""
        out: list[OrgHit] = []
        while True:
            m = re.compile(r"\s*(?:,|và)\s*").match(text, pos)
            if not m:
                break
            p = m.end()
            dept = self._depts.at(low, p)
            if dept is None or not text[p].isupper() or self._longer_head(low, p, dept[0]):
                break
            end = dept[0]
            if end < len(text) and text[end] not in " ,.;:)\n":
                break
            if self._heads.at(low, p) is not None and (
                    self._locality(text, low, end) > end
                    or low[p:end].rsplit(" ", 1)[-1] in self._generic):
                break  # "Phòng Xuất nhập cảnh, Công an tỉnh": the provincial police itself
            name = self.canonical(f"{head_text} {text[p:end]}")
            out.append(self._hit(p, end, text[p:end], head, name=name, partial=True))
            pos = end
        return out

    def _plural_list(self, text: str, low: str, s: int, e: int, end: int,
                     head: _Head) -> list[OrgHit]:
        """One head over a list of names: "các Đồn Biên phòng Bản Vược, A Mú Sung và Y Tý",
        "Các Chi cục Hải quan cửa khẩu: Tân Thanh, Chi Ma", "UBND các tỉnh Quảng Ninh,
        Lạng Sơn" — each name is a body of its own."""
        bracketed = self._bracket_list(text, low, s, e, head)
        if bracketed:
            return bracketed
        plural = self._plural_before.search(low, max(0, s - 12), s) is not None
        bare = not plural and head.lists and _LIST_SEP.match(text, end) is not None
        if plural or bare:
            # "các Đồn Biên phòng …", "4 Đồn Biên phòng Pha Long, Mường Khương, Bát Xát và
            # Cửa khẩu quốc tế Lào Cai", "Đồn Biên phòng A Pa Chải và Sen Thượng"
            stem_end = e
            dept = self._depts.at(low, skip_spaces(text, e))
            if head.tail == "dept":
                if dept is None:
                    return []
                stem_end = dept[0]
            word = self._locality_words.at(low, skip_spaces(text, stem_end))
            if word is not None and word[1][0] in ("cửa khẩu", "cửa khẩu quốc tế"):
                stem_end = word[0]
            elif head.tail != "name" and not (head.lower_dept and dept is not None
                                              and not text[skip_spaces(text, e)].isupper()):
                # (a lowercase field names units by place: "Đại đội quản lý biên giới Ma
                # Lật, Thiên Bảo và Đô Long")
                return []  # "các Sở Công Thương, Ngoại vụ" is handled as an ellipsis
            stem = text[s:stem_end]
        elif head.tail == "locality" and (colon := _COLON_LIST.match(text, end)) is not None \
                and low[s:end].rsplit(" ", 1)[-1] in self._generic:
            # "Phó Chủ tịch UBND tỉnh: Lào Cai, Hà Giang và Điện Biên": one body per place
            stem_end = end
            stem = text[s:end]
            items = self._list_items(text, low, colon.end())
            return self._listed(text, s, head, stem, items) if len(items) >= 2 else []
        else:
            m = self._plural_locality.match(text, e)
            if head.tail != "locality" or m is None:
                return []
            word = self._locality_words.at(low, m.end())
            if word is None or word[1][0] not in self._generic:
                return []
            stem_end = word[0]
            stem = f"{text[s:e]} {text[m.end():word[0]]}"
        items = self._list_items(text, low, stem_end, bare_posts=bare)
        return self._listed(text, s, head, stem, items) if len(items) >= 2 else []

    def _listed(self, text: str, s: int, head: _Head, stem: str,
                items: list[tuple[int, int]]) -> list[OrgHit]:
        """One body per listed name, named by the stem and the name; the first hit also
        spans the head."""
        return [self._hit(s if i == 0 else a, b, text[s if i == 0 else a:b], head,
                          name=self.canonical(f"{stem} {text[a:b]}"), partial=i > 0,
                          listed=True)
                for i, (a, b) in enumerate(items)]

    def _lower_company(self, text: str, low: str, e: int, end: int, head: _Head) -> bool:
        """"tập đoàn Sunwah", "công ty Hải Minh": a company written with its kind in lower
        case, then a capitalized name that is no place ("các công ty Trung Quốc" names
        none)."""
        if lower_same_length(head.text) not in self._company_heads or end <= e:
            return False
        p = skip_spaces(text, e)
        return text[p:p + 1].isupper() and self._places_after_word.at(low, p) is None \
            and self._plural_before.search(low, max(0, e - len(head.text) - 12),
                                           e - len(head.text)) is None

    def _colon_list(self, text: str, low: str, s: int, e: int, head: _Head) -> list[OrgHit]:
        """"4 đồn biên phòng: Tả Gia Khâu, Si Ma Cai (…)", "các Đồn Biên phòng: A, B": a
        plural head, a colon, then the names: one body per name (written in lower case
        too, the list being the bodies' names)."""
        if head.tail != "name" or self._plural_before.search(low, max(0, s - 12), s) is None:
            return []
        colon = _COLON_LIST.match(text, e)
        if colon is None:
            return []
        items = self._list_items(text, low, colon.end())
        return self._listed(text, s, head, head.text, items) if len(items) >= 2 else []

    def _bracket_list(self, text: str, low: str, s: int, e: int, head: _Head) -> list[OrgHit]:
        """"4 Cục Hải quan các tỉnh, thành phố của Việt Nam (Lào Cai, Điện Biên, Hà Giang và
        Hải Phòng)", "UBND các huyện (Bát Xát, Mường Khương)": one body per place in the
        brackets, named by the head and the place (and the level when only one is named)."""
        stem_end = e
        dept = self._depts.at(low, skip_spaces(text, e)) if head.tail == "dept" else None
        if dept is not None:
            stem_end = dept[0]
        m = self._plural_locality.match(text, stem_end)
        word = self._locality_words.at(low, m.end()) if m else None
        if m is None or word is None or word[1][0] not in self._generic:
            return []
        bracket = self._bracket_before.match(text, word[0])
        if bracket is None:
            return []
        items = self._list_items(text, low, bracket.end())
        close = skip_spaces(text, items[-1][1]) if items else -1
        if len(items) < 2 or text[close:close + 1] != ")":
            return []
        # "các tỉnh, thành phố (…)": the places' levels differ, so none is named.
        stem = text[s:stem_end] if bracket.group("level") else \
            f"{text[s:stem_end]} {text[m.end():word[0]]}"
        return self._listed(text, s, head, stem, items)

    def _list_items(self, text: str, low: str, pos: int,
                    bare_posts: bool = False) -> list[tuple[int, int]]:
        """Capitalized names separated by commas and "và", after an optional colon; an item
        may be a gate ("Cửa khẩu quốc tế Lào Cai"), never another body ("… và Trạm …")."""
        items: list[tuple[int, int]] = []
        m = re.compile(r"[ \t]*:?[ \t]*").match(text, pos)
        p = m.end() if m else pos
        while True:
            gate = self._locality_words.at(low, p)
            q = skip_spaces(text, gate[0]) if gate and gate[1][0].startswith("cửa khẩu") else p
            n = _LIST_NAME.match(text, q)
            if n is None or (q == p and self._heads.at(low, p) is not None
                             and self._places_after_word.at(low, p) is None):
                break
            if bare_posts and fold_key(n.group()) in self._provinces:
                break  # "Đồn Biên phòng Bắc Xa, Lạng Sơn": the post's province
            words = n.group().split()
            if bare_posts and len(words) >= 3 and words[0] in self._surnames \
                    and self._places_after_word.at(low, n.start()) is None:
                break  # "Trưởng Đồn Biên phòng Xín Mần, Nguyễn Quốc Khánh, cho biết": a person
            items.append((p, n.end()))
            # "Hà Giang, Lào Cai (Việt Nam) và tỉnh Vân Nam (Trung Quốc)": the country in
            # brackets closes one side's part of the list, the other side's follows with
            # its locality word said again.
            after = n.end()
            country = COUNTRY_AFTER.match(text, after)
            if country is not None:
                after = country.end()
            sep = _LIST_NEXT.match(text, after)
            if sep is None:
                break
            p = sep.end()
            if country is not None or sep.group("and"):
                word = self._locality_words.at(low, p)
                if word is not None and word[1][0] in self._generic:
                    p = skip_spaces(text, word[0])
                elif country is not None:
                    break  # "… (Việt Nam) và Bí thư …": the list is over
        return items

    def _longer_head(self, low: str, p: int, dept_end: int) -> bool:
        """An item that is a body of its own ("Cục Hải quan tỉnh"), not a department
        ("Công an" is both: as a list item after "các bộ:" it is the department)."""
        head = self._heads.at(low, p)
        return head is not None and head[0] > dept_end

    def _elliptical_lists(self, text: str, low: str, hits: list[OrgHit]) -> list[OrgHit]:
        """'các Sở, Ban, ngành: Công Thương, Ngoại vụ, …' gives Sở Công Thương, Sở Ngoại vụ."""
        out: list[OrgHit] = []
        covered = SpanIndex((h.start, h.end) for h in hits)
        for _, e, openers in self._openers.longest(low):
            opener = openers[0]
            head_word = "Bộ" if "bộ" in opener.lower() else "Sở"
            head = _Head(head_word, "dept", None, False)
            pos = e
            while True:
                m = re.compile(r"\s*(?:,|và|:)?\s*").match(text, pos)
                p = m.end() if m else pos
                dept = self._depts.at(low, p)
                if dept is None or self._longer_head(low, p, dept[0]):
                    break
                end = dept[0]
                if end < len(text) and text[end] not in " ,.;:)\n":
                    break
                if not covered.holds(p):
                    name = self.canonical(f"{head_word} {text[p:end]}")
                    out.append(self._hit(p, end, text[p:end], head, name=name, partial=True))
                pos = end
        return out

    def _resolve_back_references(self, hits: list[OrgHit]) -> None:
        """'Ban Quản lý', 'Sở' said again: the most mentioned body with that head."""
        full = [h for h in hits if not h.back_reference]
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        by_key: dict[str, list[OrgHit]] = {}  # the full mentions of each key, in order
        for h in full:
            counts[h.key] = counts.get(h.key, 0) + 1
            first.setdefault(h.key, h.start)
            by_key.setdefault(h.key, []).append(h)
        starts = {k: [f.start for f in fs] for k, fs in by_key.items()}
        # Per prefix, the keys it begins in order of first mention and the best key among
        # the first j of them (most mentioned, then first named; the earlier wins a tie):
        # the keys named before a position are a prefix of that order, so each back
        # reference is resolved by bisect instead of a scan of all the mentions.
        tables: dict[str, tuple[list[int], list[str]]] = {}
        resolved: list[OrgHit] = []
        for h in hits:
            if not h.back_reference:
                continue
            prefix = fold_key(self.canonical(h.surface))
            if prefix not in tables:
                firsts: list[int] = []
                best_so_far: list[str] = []
                for k in first:  # insertion order: order of first mention
                    if k.startswith(prefix):
                        if not best_so_far or (counts[k], -first[k]) > (
                                counts[best_so_far[-1]], -first[best_so_far[-1]]):
                            best_so_far.append(k)
                        else:
                            best_so_far.append(best_so_far[-1])
                        firsts.append(first[k])
                tables[prefix] = (firsts, best_so_far)
            firsts, best_so_far = tables[prefix]
            if not best_so_far:
                resolved.append(h)
                continue
            j = bisect.bisect_left(firsts, h.start)
            if j:  # the last mention before it of the best key named before it
                key = best_so_far[j - 1]
                best = by_key[key][bisect.bisect_left(starts[key], h.start) - 1]
            else:  # none before: the best key of the article, its last mention
                best = by_key[best_so_far[-1]][-1]
            h.key, h.name, h.side = best.key, best.name, best.side or h.side
        # Unresolved bare heads ("Sở" with no Sở named) are not organizations.
        for h in resolved:
            hits.remove(h)

    def _merge_short_forms(self, hits: list[OrgHit], text: str) -> None:
        """'Sở Công Thương' after 'Sở Công Thương tỉnh Lào Cai', 'UBND huyện' after 'UBND
        huyện Văn Lãng': a shorter name that begins a longer one named in the same article
        is that body said again.  In a coordination ("Huyện ủy, UBND huyện Hà Quảng") it is
        the body of the same place; else the nearest before it, else the first after.  A
        name the gazetteer knows as a body of its own ("Bộ đội Biên phòng") stays apart."""
        # Indexes instead of scans per mention (a long list of short forms made this
        # quadratic): the keys extending each word prefix, the hits holding each key now
        # (a merged mention owns its new key for the mentions after it), and where each
        # coordination ends.
        # One body written with and without an omissible word ("Văn phòng Ngoại sự Chính
        # quyền nhân dân tỉnh Vân Nam" / "Văn phòng Ngoại sự tỉnh Vân Nam", "Trạm … khu vực
        # Ma Ly Pho" / "Trạm … Ma Ly Pho"): one key, the longest written.
        if self._omitted_words:
            plain_of = {h.key: org_key(self._plain(h.key), self._regions) for h in hits}
            longest: dict[str, str] = {}
            for k, pk in sorted(plain_of.items()):
                if len(k) > len(longest.get(pk, "")):
                    longest[pk] = k
            for h in hits:
                if h.key not in self._bodies:
                    h.key = longest[plain_of[h.key]]
        keys = {h.key for h in hits}
        named_keys = {h.key for h in hits if not h.listed}
        plain: dict[str, str] = {}  # keys without their omissible words -> the key
        for k in sorted(keys):
            plain.setdefault(self._plain(k), k)
        extending: dict[str, list[str]] = {}
        for k in keys:
            for m in re.finditer(" ", k):
                extending.setdefault(k[:m.start()], []).append(k)
        holders: dict[str, list[int]] = {}
        for i, h in enumerate(hits):
            holders.setdefault(h.key, []).append(i)
        starts = [h.start for h in hits]
        chain_end = list(range(len(hits)))
        for j in range(len(hits) - 2, -1, -1):
            gap = text[hits[j].end:hits[j + 1].start]
            # (a stack of titles shares its place too: "Phó Bí thư Tỉnh ủy, Chủ tịch UBND
            # tỉnh Cao Bằng" names the Tỉnh ủy of Cao Bằng)
            if re.fullmatch(r"\s*(?:,|và)\s*", gap) or self._title_gap.fullmatch(gap):
                chain_end[j] = chain_end[j + 1]
        # Bare bodies that a coordination or a stack of titles gives a place are renamed
        # first, so that every other mention of them can be merged into the new name.
        renamed: set[int] = set()
        for i, h in enumerate(hits):
            if chain_end[i] > i and self._bare_local(h):
                # "Đảng ủy, Chính phủ nhân dân trấn Khúc Thủy": a bare party or state body
                # coordinated before a body of a place is that place's (elliptical: the
                # place is said once, for all).
                place = next((pl for j in range(chain_end[i], i, -1)
                              if (pl := self._place_in(hits[j].surface)) is not None), None)
                if place is not None:
                    # "Huyện ủy" names its level itself: "Huyện ủy Lộc Bình", not "Huyện ủy
                    # huyện Lộc Bình"; "Đảng ủy" does not: "Đảng ủy trấn Khúc Thủy"
                    lvl = self._locality_in_name.match(place)
                    short = place[lvl.end():] if lvl else place
                    if lvl and lvl.group("w").lower() in lower_same_length(h.surface).split():
                        place = short
                    name = self.canonical(f"{h.surface} {place}")
                    key = org_key(name, self._regions)
                    # the body may be named elsewhere without the locality word
                    short_key = org_key(self.canonical(f"{h.surface} {short}"), self._regions)
                    for k in (key, short_key):
                        if holders.get(k):
                            key, name = k, hits[holders[k][0]].name
                            break
                    if key != h.key:
                        own = holders[h.key]
                        del own[bisect.bisect_left(own, i)]
                        bisect.insort(holders.setdefault(key, []), i)
                        if key not in keys:
                            keys.add(key)
                            for m in re.finditer(" ", key):
                                extending.setdefault(key[:m.start()], []).append(key)
                        h.key, h.name, h.expanded = key, name, name
                        h.side = self._side_from_places(key) or h.side
                        renamed.add(i)
        for i, h in enumerate(hits):
            if i in renamed:
                continue
            if h.key in self._bodies:
                continue
            # "UBND tỉnh" begins "UBND tỉnh Lạng Sơn", whose key reads "ủy ban nhân dân
            # lạng sơn": compare without the generic word.
            base = h.key[: -len(" tỉnh")] if h.key.endswith(" tỉnh") else h.key
            longer = [k for k in extending.get(base, []) if k != h.key
                      and k[len(base) + 1:] not in self._generic
                      and not (base != h.key and k[len(base) + 1:].split()[0] in self._levels)]
            if not longer and not any(f"{o} {h.key}" in plain for o in self._omitted):
                continue
            owner_keys = [k for k in longer if holders.get(k)]
            if h.side is not None and owner_keys:
                # A bare "Tỉnh ủy" in Vietnamese news is the writer's own province's, not
                # "Tỉnh ủy Vân Nam" named elsewhere: never across sides.
                owner_keys = [k for k in owner_keys
                              if self._place_sides(k) not in ({"VN", "CN"} - {h.side},)]
                if not owner_keys:
                    continue
            if not owner_keys:
                fuller = [k for k in (plain.get(f"{o} {h.key}") for o in self._omitted)
                          if k is not None and holders.get(k)]
                if len(fuller) == 1:
                    owner_keys = fuller
            # A body named on its own is the one a later "Tỉnh ủy" means, rather than one
            # of a list's items ("Bí thư Tỉnh ủy các tỉnh: A, B, C … Bí thư Tỉnh ủy X").
            named = [k for k in owner_keys if k in named_keys]
            if named:
                owner_keys = named
            # The last member of the coordination it stands in ("Huyện ủy, HĐND, UBND
            # huyện Phong Thổ") names the place.
            if chain_end[i] > i:
                tail = hits[chain_end[i]].key.split()[-2:]
                same_place = [k for k in owner_keys if k.split()[-2:] == tail]
                if same_place:
                    owner_keys = same_place
            # The nearest owner starting before it, else the first owner.
            cut = bisect.bisect_left(starts, h.start)
            before = [lst[bisect.bisect_left(lst, cut) - 1] for lst in
                      (holders[k] for k in owner_keys) if lst[0] < cut]
            if before:
                best = hits[max(before)]
            elif owner_keys:
                best = hits[min(holders[k][0] for k in owner_keys)]
            else:
                raise IndexError("list index out of range")  # as before: no owner is a bug
            if best.key != h.key:
                own = holders[h.key]
                del own[bisect.bisect_left(own, i)]
                bisect.insort(holders.setdefault(best.key, []), i)
            h.key, h.name, h.side = best.key, best.name, best.side or h.side

    def _named_head_at(self, low: str, p: int) -> bool:
        """A body with a name or department of its own starts here ("Chi nhánh …", "Đại
        đội quản lý biên giới …"), not a joint office's next part ("HĐND", "UBND")."""
        found = self._heads.at(low, p)
        return found is not None and found[1][0].tail in ("name", "dept")

    def _bare_local(self, h: OrgHit) -> bool:
        """A standalone head with a locality tail, written alone ("Đảng ủy", "UBND")."""
        low = lower_same_length(h.surface)
        found = self._heads.at(low, 0)
        return (found is not None and found[0] == len(h.surface.rstrip())
                and found[1][0].tail == "locality" and found[1][0].standalone)

    def _place_in(self, surface: str) -> str | None:
        """The place a body's name ends on ("trấn Khúc Thủy" in "Chính phủ nhân dân trấn
        Khúc Thủy"), from its last locality word followed by a capitalized name."""
        found = None
        for m in self._locality_in_name.finditer(surface):
            found = m
        if found is None:
            return None
        return surface[found.start():].strip()

    def _plain(self, key: str) -> str:
        """A key without the words a mention may leave out ("quốc tế")."""
        for w in self._omitted_words:
            key = key.replace(w, "")
        return key

    def _link(self, hits: list[OrgHit], stated: dict[str, str] | None = None) -> None:
        """Gazetteer id and side for each group; the longest surface names the group."""
        by_key: dict[str, list[OrgHit]] = {}
        for h in hits:
            by_key.setdefault(h.key, []).append(h)
        for key, group in by_key.items():
            body = self._bodies.get(key) or self._bodies.get(self._plain(key))
            method = Method.GAZETTEER
            confidence = 0.95
            if body is None and self._body_keys and len(key.split()) >= 3:
                best = process.extractOne(key, self._body_keys, scorer=fuzz.ratio,
                                          score_cutoff=92)
                # A spelling variant, not another body: the places and numbers must agree
                # ("tỉnh Bắc Giang" is not "tỉnh Hà Giang", "khu vực VI" not "khu vực VII").
                if best is not None and self._anchors(best[0]) == self._anchors(key):
                    body = self._bodies[best[0]]
                    method, confidence = Method.FUZZY, round(best[1] / 100, 2)
            side = next((h.side for h in group if h.side), None)
            if body is not None:
                side = body.side
            elif any(h.joint for h in group):
                side = None  # named by the places of both sides
            else:
                side = self._side_from_places(key) or (stated or {}).get(key) or side
            names = Counter(h.name for h in group if not h.back_reference) or Counter(
                [group[0].name])
            # The name most often written, then the longest: one spelling for the group.
            name = body.name if body is not None else max(
                names, key=lambda n: (names[n], len(n), n))
            for h in group:
                h.name = name
                h.side = side
                if body is not None:
                    h.gazetteer_id = body.id
                    h.method = method
                    h.confidence = min(h.confidence, confidence) if h.back_reference \
                        else confidence

    def _anchors(self, key: str) -> tuple[frozenset[str], frozenset[str]]:
        places = frozenset(p for p in self._cn_places + self._vn_places
                           if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", key))
        numbers = frozenset(re.findall(r"(?<!\w)(?:\d+|[ivxl]+)(?!\w)", key))
        return places, numbers

    def _place_sides(self, key: str) -> set[str]:
        """The sides of the places named in a key ("Trùng Khánh" is a district of Cao Bằng
        and a Chinese city: both)."""
        sides = set()
        # The district reading of a name on both lists leaves it out of the Chinese places.
        plain = key
        for district in self._district_reading:
            plain = plain.replace(district, " ")
        if any(p in plain for p in self._cn_places):
            sides.add("CN")
        if any(p in key for p in self._vn_places):
            sides.add("VN")
        return sides

    def _side_from_places(self, key: str) -> str | None:
        sides = self._place_sides(key)
        return "CN" if "CN" in sides else "VN" if "VN" in sides else None
