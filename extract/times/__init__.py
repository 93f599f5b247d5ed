"""Times: the document creation time, every temporal expression in UTC, and dated events.

`infer_publication` -> `tag_time_expressions` -> `find_events` is the order the orchestrator
(`extract/document.py`) calls them in; each is a pure function of the text.
"""

from extract.times.events import find_events
from extract.times.publication import infer_publication
from extract.times.tagger import tag_time_expressions

__all__ = ["find_events", "infer_publication", "tag_time_expressions"]
