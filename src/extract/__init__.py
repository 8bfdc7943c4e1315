"""extract: structured, grounded records from Vietnamese news on Vietnam–China border gates.

>>> from extract import extract_text
>>> record = extract_text("Ngày 20/3/2014, ông Mã Kế Hiến, Phó Giám đốc Sở Thương mại ...")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path

from .frames import to_frame
from .io import extract_path, read_jsonl
from .models import ArticleRecord, ExtractError
from .pipeline import Pipeline

__all__ = [
    "ArticleRecord",
    "ExtractError",
    "Pipeline",
    "extract_file",
    "extract_many",
    "extract_text",
    "read_jsonl",
    "to_frame",
]

__version__ = "0.1.0"


@cache
def _pipeline() -> Pipeline:
    return Pipeline()


def extract_text(text: str, *, doc_id: str = "doc", source: str = "",
                 published: date | None = None) -> ArticleRecord:
    """Extract one article from its text.

    ``published`` is the article's date when known from elsewhere; year-less dates
    ("Ngày 27/5") take their year from it unless the text has its own dateline.
    """
    return _pipeline().run(text, doc_id=doc_id, path=source, reference_date=published)


def extract_file(path: str | Path, *, encoding: str | None = None) -> ArticleRecord:
    """Extract one article file (text in any encoding, or HTML); bad files give an error
    record.  ``encoding`` names the codec instead of detecting it."""
    return extract_path(_pipeline(), Path(path), encoding=encoding)


def extract_many(paths: Iterable[str | Path], *, jobs: int = 1) -> Iterator[ArticleRecord]:
    """Extract files, folders (recursive) and glob patterns, in path order, lazily.

    With ``jobs > 1`` the work runs in that many worker processes; the records are the
    same, in the same order.
    """
    if jobs < 1:
        raise ExtractError(f"jobs must be >= 1, not {jobs}")
    from .batch import expand_inputs, run_batch

    items = expand_inputs([str(p) for p in paths])
    for result in run_batch(items, jobs=jobs, pipeline=_pipeline() if jobs == 1 else None):
        yield ArticleRecord.model_validate_json(result.line)
