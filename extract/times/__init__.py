"""Times: the document creation time, every temporal expression in UTC, and dated events.

`infer_publication` -> `tag_time_expressions` -> `find_events` is the order the orchestrator
(`extract/document.py`) calls them in; each is a pure function of the text.
"""

from corroborate.extract.times.events import find_events
from corroborate.extract.times.publication import infer_publication
from corroborate.extract.times.tagger import tag_time_expressions

__all__ = ["find_events", "infer_publication", "tag_time_expressions"]
