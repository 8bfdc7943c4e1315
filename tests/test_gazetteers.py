"""Every data file loads and validates; each table's own examples hold."""

from __future__ import annotations

from datetime import date

import pytest

from extract import gazetteers
from extract.cleaning import Cleaner

TABLES = ["gates", "gate_phrases", "organizations", "bodies", "titles", "names", "places",
          "dates", "furniture"]


@pytest.mark.parametrize("name", TABLES)
def test_table_loads(name: str) -> None:
    assert gazetteers.load(name) is not None


def test_unknown_table_is_an_error() -> None:
    with pytest.raises(gazetteers.ExtractError):
        gazetteers.load("nope")


def test_gates_cover_the_border() -> None:
    t = gazetteers.load("gates")
    provinces = {g.province for g in t.gate}
    for p in ["Quảng Ninh", "Lạng Sơn", "Cao Bằng", "Hà Giang", "Lào Cai", "Lai Châu",
              "Điện Biên"]:
        assert p in provinces
    assert all(g.vn and g.vn == g.vn.strip() for g in t.gate)


def _dates_cases() -> list[object]:
    t = gazetteers.load("dates")
    cases = [pytest.param(e.text, e.expect, id=f"pos-{i}") for i, e in enumerate(t.examples)]
    cases += [pytest.param(e.text, [], id=f"neg-{i}") for i, e in enumerate(t.negatives)]
    return cases


@pytest.mark.parametrize(("text", "expect"), _dates_cases())
def test_dates_table_examples(process, text: str, expect: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = process(text, date(2025, 5, 27))
    assert sorted({d.value for d in doc.dates}) == sorted(set(expect))


def _furniture_cases() -> list[object]:
    t = gazetteers.load("furniture")
    cases = [pytest.param(e.text, e.expect[0], id=f"pos-{i}") for i, e in enumerate(t.examples)]
    cases += [pytest.param(e.text, None, id=f"neg-{i}") for i, e in enumerate(t.negatives)]
    return cases


@pytest.mark.parametrize(("line", "group"), _furniture_cases())
def test_furniture_table_examples(line: str, group: str | None) -> None:
    assert Cleaner().classify(line) == group


def _examples(table: str) -> list[object]:
    t = gazetteers.load(table)
    cases = [pytest.param(e.text, e.expect, id=f"{table}-pos-{i}")
             for i, e in enumerate(t.examples)]
    cases += [pytest.param(e.text, [], id=f"{table}-neg-{i}") for i, e in enumerate(t.negatives)]
    return cases


@pytest.mark.parametrize(("text", "expect"), _examples("organizations"))
def test_organizations_table_examples(process, text: str, expect: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = process(text)
    names = sorted({o.name for o in doc.orgs})
    from extract.recognizers.organizations import OrganizationRecognizer

    canon = OrganizationRecognizer().canonical
    assert names == sorted({canon(e) for e in expect})


@pytest.mark.parametrize(("text", "expect"), _examples("names"))
def test_names_table_examples(process, text: str, expect: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = process(text)
    assert sorted({p.name for p in doc.people}) == sorted(expect)


@pytest.mark.parametrize(("text", "expect"), _examples("titles"))
def test_titles_table_examples(process, text: str, expect: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = process(text)
    got = sorted({f"{t.person}|{t.title}" for t in doc.titles})
    for e in expect:
        person, role = e.split("|")
        assert any(g.startswith(f"{person}|{role}") for g in got), (e, got)
    assert len(got) == len(expect)


def test_gate_negatives_are_not_pairs(process) -> None:  # type: ignore[no-untyped-def]
    for neg in gazetteers.load("gates").negative:
        doc = process(neg.text)
        assert [g for g in doc.gates if g.cn] == [], neg.text


def test_gate_examples_are_found(process) -> None:  # type: ignore[no-untyped-def]
    missed = []
    for g in gazetteers.load("gates").gate:
        for ex in g.examples:
            doc = process(ex)
            if not any(h.gazetteer_id == g.id for h in doc.gates) and not any(
                    m.attached_to == g.id or m.value in g.markers for m in doc.markers):
                missed.append((g.id, ex))
    assert missed == []
