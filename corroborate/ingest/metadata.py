"""What a record says about its article: id, title, outlet, URL, publication date, text.

JSON records, front matter and HTML pages name these fields differently (`outlet` or `source`,
`published` or `date` or `publishedAt`), so field names are compared after lower-casing and
dropping `_`, `-` and spaces, and each field has a short list of accepted names. A record
without a publication date whose URL holds one (`/2013/05/02/`) takes that.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from corroborate.extract.times.datelines import url_date
from corroborate.ingest.dates import parse_published

_ID_FIELDS = ("id",)
_TITLE_FIELDS = ("title", "headline")
_TEXT_FIELDS = ("text", "body", "content")
_OUTLET_FIELDS = ("outlet", "source", "sitename", "site", "publisher")
_URL_FIELDS = ("url", "link")
_PUBLISHED_FIELDS = ("published", "date", "publishedat", "pubdate", "datepublished")
_KEY_NOISE = re.compile(r"[\s_\-]")
_HEADLINE_MAX_CHARS = 150
_HEADLINE_NOT_FINAL = tuple(".,;:")


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    published_precision: str | None = None

    @property
    def published_basis(self) -> str | None:
        """Whether the date came from metadata; the extraction engine fills the other cases."""
        return "metadata" if self.published_at is not None else None


def normalise_keys(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The record with comparable keys: `published_at`, `publishedAt` -> `publishedat`."""
    return {_KEY_NOISE.sub("", str(key).lower()): value for key, value in fields.items()}


def metadata_of(fields: Mapping[str, Any]) -> Metadata:
    """Metadata from a record whose keys went through `normalise_keys`."""
    published_at, precision = parse_published(_first(fields, _PUBLISHED_FIELDS))
    url = _text_value(_first(fields, _URL_FIELDS))
    if published_at is None and url is not None and (dated := url_date(url)) is not None:
        published_at = datetime(dated[0].year, dated[0].month, dated[0].day, tzinfo=UTC)
        precision = dated[1]
    return Metadata(
        title=_text_value(_first(fields, _TITLE_FIELDS)),
        outlet=_outlet_value(_first(fields, _OUTLET_FIELDS)),
        url=url,
        published_at=published_at,
        published_precision=precision,
    )


def record_id(fields: Mapping[str, Any]) -> str | None:
    return _text_value(_first(fields, _ID_FIELDS))


def record_text(fields: Mapping[str, Any]) -> object:
    """The article text field as found (validated by the caller, which knows where it came from)."""
    return _first(fields, _TEXT_FIELDS)


def headline(text: str) -> str | None:
    """The first paragraph of cleaned text when it reads as a headline: short, no final period."""
    first, _, rest = text.partition("\n\n")
    looks_like_headline = (
        rest
        and len(first) <= _HEADLINE_MAX_CHARS
        and not first.endswith(_HEADLINE_NOT_FINAL)
        and any(char.isalpha() for char in first)
        and parse_published(first)[0] is None  # a dateline, not a headline
    )
    return first if looks_like_headline else None


def _first(fields: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = fields.get(name)
        if value is not None and value != "":
            return value
    return None


def _text_value(value: Any) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return " ".join(str(value).split()) or None
    return None


def _outlet_value(value: Any) -> str | None:
    """An outlet name; feed dumps often nest it as {"id": ..., "name": ...}."""
    if isinstance(value, Mapping):
        value = value.get("name")
    return _text_value(value)
