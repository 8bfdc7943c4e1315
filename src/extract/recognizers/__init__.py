"""Recognizers: one module each, each a pipeline stage (``name`` and ``__call__(doc)``)."""

from .dates import DateRecognizer
from .gates import GateRecognizer
from .markers import MarkerRecognizer
from .metadata import MetadataRecognizer
from .organizations import OrganizationRecognizer
from .people import PeopleRecognizer
from .titles import TitleRecognizer

__all__ = [
    "DateRecognizer",
    "GateRecognizer",
    "MarkerRecognizer",
    "MetadataRecognizer",
    "OrganizationRecognizer",
    "PeopleRecognizer",
    "TitleRecognizer",
]
