"""Every stage is linear in the text: work counted, not timed (the machine is noisy).

Each shape of bench/shapes.py once made a stage quadratic or cubic (issue 12).  The work is
the number of Python trace events (lines and calls) while the pipeline runs, a count that
does not depend on the machine's load: four times the text must cost about four times the
events, where a rescan per candidate costs sixteen times or more.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest

from extract.pipeline import Pipeline


def _shapes() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "bench" / "shapes.py"
    spec = importlib.util.spec_from_file_location("bench_shapes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shapes = _shapes()
SMALL, LARGE = 2_000, 8_000
# Linear work grows 4×; the slack covers what a list's length changes around it (the lead,
# a cut fragment).  The shapes cost 5.2× to 56× here before they were made linear.
MAX_GROWTH = 4.6


def work(pipeline: Pipeline, text: str) -> int:
    """Trace events while the pipeline runs on ``text``."""
    events = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal events
        events += 1
        return trace

    sys.settrace(trace)
    try:
        record = pipeline.run(text)
    finally:
        sys.settrace(None)
    assert not record.errors, record.errors
    return events


@pytest.mark.parametrize("shape", [pytest.param(s, id=s) for s in shapes.SHAPES])
def test_work_grows_linearly(pipeline: Pipeline, shape: str) -> None:
    pipeline.run(shapes.make(shape, 300))  # lazy tables loaded before counting
    small = work(pipeline, shapes.make(shape, SMALL))
    large = work(pipeline, shapes.make(shape, LARGE))
    assert large <= MAX_GROWTH * small, f"{shape}: {small} -> {large} events"


@pytest.mark.parametrize("shape", [pytest.param(s, id=s) for s in shapes.SHAPES])
def test_shapes_have_the_size_asked(shape: str) -> None:
    text = shapes.make(shape, LARGE)
    assert LARGE <= len(text) <= LARGE + 400
    assert max(len(line) for line in text.split("\n")) <= 100_000
    assert shapes.make(shape, LARGE) == text  # deterministic


def test_a_rescan_would_be_caught(pipeline: Pipeline) -> None:
    """The counter sees a quadratic stage: one that rescans the text for each line."""

    class Rescan:
        name = "rescan"

        def __call__(self, doc: Any) -> None:
            lines = doc.text.split("\n")
            for _ in lines:
                for _ in lines:
                    pass

    slow = Pipeline([*pipeline.stages, Rescan()])
    small = work(slow, shapes.make("name_lines", SMALL))
    large = work(slow, shapes.make("name_lines", LARGE))
    assert large > MAX_GROWTH * small
