"""Places: member cities and order destinations, with coordinates for transport distances."""

from __future__ import annotations

import math
from dataclasses import dataclass

from birlik.domain.errors import InvalidValue

_EARTH_RADIUS_KM = 6371.0088
# Roads are longer than great circles; 1.25 is a common detour factor for Central Asian road freight.
ROAD_DETOUR_FACTOR = 1.25


@dataclass(frozen=True, slots=True)
class City:
    name: str
    region: str
    country: str  # ISO 3166-1 alpha-2
    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValue("city", self.name, "a city needs a name")
        if len(self.country) != 2 or not self.country.isalpha() or not self.country.isupper():
            raise InvalidValue("country", self.country, "use the two-letter ISO code, e.g. KZ")
        if not -90 <= self.latitude <= 90:
            raise InvalidValue("latitude", self.latitude, "must be between -90 and 90")
        if not -180 <= self.longitude <= 180:
            raise InvalidValue("longitude", self.longitude, "must be between -180 and 180")


def great_circle_km(a: City, b: City) -> float:
    """Haversine distance between two cities."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def road_km(a: City, b: City) -> float:
    """Estimated road distance, used to price transport from a member to a destination."""
    return great_circle_km(a, b) * ROAD_DETOUR_FACTOR
