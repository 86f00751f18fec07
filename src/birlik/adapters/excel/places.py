"""Places named in a file: a city the registry (or another row) already knows needs only its name."""

from __future__ import annotations

from collections.abc import Iterable

from birlik.adapters.excel.choices import normalise
from birlik.adapters.excel.issues import Expectation, IssueLog, Problem
from birlik.adapters.excel.records import PlaceRef, RowRef
from birlik.domain.errors import InvalidValue
from birlik.domain.geography import City


def _complete(place: PlaceRef) -> bool:
    return None not in (place.region, place.country, place.latitude, place.longitude)


class Places:
    def __init__(self, known: Iterable[City]) -> None:
        self._by_name: dict[str, list[City]] = {}
        for city in known:
            self._remember(city)

    def _remember(self, city: City) -> None:
        same = self._by_name.setdefault(normalise(city.name), [])
        same[:] = [c for c in same if c.country != city.country] + [city]

    def learn(self, places: Iterable[PlaceRef]) -> None:
        """Cities given in full anywhere in the file may be named alone elsewhere in it."""
        for place in places:
            if _complete(place):
                try:
                    self._remember(self._city(place))
                except InvalidValue:
                    continue  # reported where the row is resolved

    @staticmethod
    def _city(place: PlaceRef) -> City:
        assert place.region is not None and place.country is not None
        assert place.latitude is not None and place.longitude is not None
        return City(place.name, place.region, place.country, place.latitude, place.longitude)

    def resolve(self, place: PlaceRef, ref: RowRef, key: str, log: IssueLog) -> City | None:
        where, value = ref.at(key)
        if _complete(place):
            try:
                return self._city(place)
            except InvalidValue as error:
                log.add(
                    where,
                    error.value,
                    Problem("rule", {"why": f"{error.field}: {error.why}"}),
                    Expectation("place"),
                )
                return None
        candidates = [
            c for c in self._by_name.get(normalise(place.name), []) if place.country in (None, c.country)
        ]
        if len(candidates) == 1:
            return candidates[0]
        problem = "ambiguous_city" if candidates else "unknown_city"
        log.add(where, value, Problem(problem), Expectation("place"))
        return None
