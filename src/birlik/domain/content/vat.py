"""VAT rates as dated data: the rate used is the one in force on the turnover date (facts.md §6).

Kazakhstan's standard rate is 12 % until 31 Dec 2025 and 16 % from 1 Jan 2026 (Tax Code, Law 214-VIII of
18 Jul 2025); exports are zero-rated, to the EAEU with the destination principle (KZ Tax Code art. 520,
EAEU Treaty annex 18). A rate is never a constant in code: add a row here when a law changes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from birlik.domain.errors import InvalidValue

EAEU_MEMBERS = frozenset({"AM", "BY", "KG", "KZ", "RU"})


@dataclass(frozen=True, slots=True)
class VatRate:
    country: str
    rate: Decimal
    valid_from: date
    valid_to: date | None
    source: str

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


# Where a start date is not in facts.md, valid_from is the earliest date a source vouches for, and the
# note says so: Birlik refuses an earlier date rather than guess.
STANDARD_RATES: tuple[VatRate, ...] = (
    VatRate(
        "KZ",
        Decimal("0.12"),
        date(2009, 1, 1),
        date(2025, 12, 31),
        "KZ Tax Code: 12 % until 31 Dec 2025 (facts.md §6; the 2009 start is not in facts.md)",
    ),
    VatRate(
        "KZ",
        Decimal("0.16"),
        date(2026, 1, 1),
        None,
        "KZ Tax Code, Law 214-VIII of 18 Jul 2025 (facts.md §6)",
    ),
    VatRate(
        "UZ", Decimal("0.15"), date(2019, 10, 1), date(2022, 12, 31), "UZ: 15 % from Oct 2019 (facts.md §6)"
    ),
    VatRate("UZ", Decimal("0.12"), date(2023, 1, 1), None, "UZ: 12 % since 1 Jan 2023 (facts.md §6)"),
    VatRate(
        "BY",
        Decimal("0.20"),
        date(2021, 4, 18),
        None,
        "BY: 20 % standard (vatupdate.com, 18 Apr 2021; facts.md §6)",
    ),
)


class Supply(StrEnum):
    DOMESTIC = "domestic"
    EXPORT_EAEU = "export_eaeu"
    EXPORT = "export"


@dataclass(frozen=True, slots=True)
class VatTreatment:
    """The VAT a Kazakh seller charges on one supply, and why."""

    supply: Supply
    rate: Decimal
    reason: str


def standard_rate(country: str, on: date) -> VatRate:
    rows = [r for r in STANDARD_RATES if r.country == country]
    for row in rows:
        if row.in_force(on):
            return row
    known = ", ".join(f"{r.valid_from}…{r.valid_to or ''}" for r in rows) or "none"
    raise InvalidValue(
        "VAT rate", f"{country} on {on.isoformat()}", f"no rate recorded for that day (recorded: {known})"
    )


def vat_on_supply(destination_country: str, on: date, seller_country: str = "KZ") -> VatTreatment:
    """Domestic supplies bear the standard rate of the day; exports are zero-rated."""
    if destination_country == seller_country:
        row = standard_rate(seller_country, on)
        return VatTreatment(Supply.DOMESTIC, row.rate, row.source)
    if seller_country in EAEU_MEMBERS and destination_country in EAEU_MEMBERS:
        return VatTreatment(
            Supply.EXPORT_EAEU,
            Decimal(0),
            "export to the EAEU: 0 %, the importer pays VAT at home"
            " (KZ Tax Code art. 520; EAEU Treaty annex 18)",
        )
    return VatTreatment(Supply.EXPORT, Decimal(0), "export: 0 % (facts.md §6)")
