"""Relations: stages above the recognizers that tie their entities into events.

They read what the recognizers found (organizations, people, titles, dates, gates, markers,
sentences) and never find entities themselves.
"""

from .meetings import MeetingRecognizer

__all__ = ["MeetingRecognizer"]
