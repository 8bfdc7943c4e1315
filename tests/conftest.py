from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.document import Document
from extract.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_GOLD = ROOT / "tests" / "gold" / "seeds"
GENRE = ROOT / "tests" / "genre"
REFERENCE = date(2025, 5, 27)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def process(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """Run the stages on a text with a known article date; returns the Document."""

    def run(text: str, reference: date | None = REFERENCE) -> Document:
        return pipeline.process(text, reference_date=reference)

    return run
