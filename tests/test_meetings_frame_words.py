"""The clause-frame words of meetings.toml ([frame]): the patterns built from them match the
table's own examples and reject its negatives."""

from __future__ import annotations

import re

import pytest

from extract import gazetteers
from extract.relations.meetings import _Frames

_TABLE: gazetteers.MeetingsTable = gazetteers.load("meetings")
_FRAMES = _Frames(_TABLE.frame)


@pytest.mark.parametrize("example", [
    pytest.param(e, id=f"{e.pattern}-{'pos' if e.matches else 'neg'}-{i}")
    for i, e in enumerate(_TABLE.frame_examples)
])
def test_frame_pattern_examples(example: gazetteers.FrameExample) -> None:
    pattern = getattr(_FRAMES, example.pattern)
    assert isinstance(pattern, re.Pattern), f"{example.pattern} is no pattern"
    found = pattern.search(example.text)
    assert (found is not None) == example.matches, example.text
    if found is not None and example.expect:
        assert found.group(1) == example.expect


def test_every_example_kind_is_covered_both_ways_where_it_has_negatives() -> None:
    kinds = {e.pattern for e in _TABLE.frame_examples}
    assert {"framing", "earlier", "at_meeting", "count", "signed", "place"} <= kinds
    assert any(not e.matches for e in _TABLE.frame_examples)


def test_a_space_in_a_frame_word_matches_any_run_of_spaces() -> None:
    assert _FRAMES.earlier.match("Trước  đó, đoàn đã làm việc")
    assert _FRAMES.framing.match("Trong khuôn\tkhổ chuyến thăm")


def test_the_honorific_is_optional_and_capitalized_either_way() -> None:
    pat = re.compile(_FRAMES.honorific + r"A")
    for text in ("ông A", "Ông A", "Đồng chí A", "đồng chí A", "A"):
        assert pat.fullmatch(text), text
