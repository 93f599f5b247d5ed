"""Time zones of clock times: named zones, "X time", "local time", and the offset on the day.

Why a module: a clock time is only a point in time once its zone is known, and news states the
zone in many ways: an abbreviation ("EDT", from `lexicon/zone_abbreviations.csv`), an offset
("GMT +4"), a place ("Moscow time", resolved through GeoNames to an IANA zone), or "local time",
which means the zone of the place the sentence (or failing that, the document) talks about.
IANA zones go through `zoneinfo`, so the offset is the one in force on that date (DST included).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from corroborate.extract.places import PlaceMention, gazetteer
from corroborate.extract.times.patterns import zone_table

_OFFSET = re.compile(r"(?:gmt|utc|ut)\s*([+\-−–])\s*(\d{1,2})(?::?([0-5]\d))?", re.IGNORECASE)
_PLACE_TIME = re.compile(r"(.+?)\s+(?:(?:standard|daylight)\s+)?time$", re.IGNORECASE)


@dataclass(frozen=True)
class Zone:
    """A resolved zone: `tz` converts wall-clock times; `name` says where it came from."""

    tz: tzinfo
    name: str


UTC_ZONE = Zone(UTC, "UTC")


@cache
def iana(name: str) -> ZoneInfo:
    return ZoneInfo(name)


#: The widest offsets in the zone database: UTC-12 (Baker Island), UTC+14 (the Line Islands).
_WIDEST_WEST, _WIDEST_EAST = timedelta(hours=12), timedelta(hours=14)


def fixed(sign: str, hours: int, minutes: int = 0) -> timezone | None:
    """The fixed offset "GMT +4" states; None beyond any zone's ("GMT+24")."""
    delta = timedelta(hours=hours, minutes=minutes)
    west = sign in "-−–"
    if delta > (_WIDEST_WEST if west else _WIDEST_EAST):
        return None
    return timezone(-delta if west else delta)


def named_zone(text: str) -> Zone | None:
    """The zone a zone phrase names ("GMT +4", "EDT", "Eastern time", "Moscow time"), if any.

    "local time" names no zone by itself: the caller resolves it through places.
    """
    phrase = " ".join(text.strip("[]() ").split())
    lowered = phrase.lower()
    if lowered == "local time":
        return None
    offset = _OFFSET.fullmatch(lowered)
    if offset:
        sign, hours, minutes = offset.groups()
        tz = fixed(sign, int(hours), int(minutes or 0))
        return Zone(tz, phrase) if tz is not None else None
    known = zone_table().get(lowered) or zone_table().get(_strip_time(lowered))
    if known is not None:
        if known["iana"]:
            return Zone(iana(known["iana"]), known["iana"])
        sign, rest = known["utc_offset"][0], known["utc_offset"][1:]
        hours, minutes = rest.split(":")
        tz = fixed(sign, int(hours), int(minutes))
        return Zone(tz, known["name"]) if tz is not None else None
    place = _PLACE_TIME.fullmatch(phrase)
    if place:
        zone = gazetteer().zone_of_name(place.group(1))
        if zone:
            return Zone(iana(zone), zone)
    return None


def _strip_time(lowered: str) -> str:
    match = _PLACE_TIME.fullmatch(lowered)
    return match.group(1) if match else lowered


def zone_of_places(mentions: Sequence[PlaceMention], near: int) -> Zone | None:
    """The zone of the place a sentence talks about: its first city, else the nearest country."""
    for mention in mentions:
        if mention.place.kind == "city" and mention.place.timezone:
            return Zone(iana(mention.place.timezone), mention.place.timezone)
    located = [m for m in mentions if m.place.timezone]
    if not located:
        return None
    nearest = min(located, key=lambda m: abs(m.start - near))
    assert nearest.place.timezone is not None
    return Zone(iana(nearest.place.timezone), nearest.place.timezone)


def to_utc(wall: datetime, zone: Zone) -> datetime:
    """A naive wall-clock datetime in `zone` as an aware UTC datetime (zoneinfo picks the DST
    offset in force on that date)."""
    return wall.replace(tzinfo=zone.tz).astimezone(UTC)
