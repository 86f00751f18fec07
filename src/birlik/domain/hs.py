"""HS (Harmonized System) codes: the customs classification behind origin rules and certificates.

A code is valid when it has 4, 6, 8 or 10 digits, its chapter exists in HS 2022, and, for the textile
section XI (chapters 50–63) that the consortium trades in, its four-digit heading exists too. Outside
section XI Birlik only checks the chapter: it keeps no full nomenclature, and says so in the error.
"""

from __future__ import annotations

from dataclasses import dataclass

from birlik.domain.errors import InvalidValue
from birlik.domain.identifiers import normalise_hs_code

# Chapter 77 is reserved for future use; 98 and 99 are national.
_CHAPTERS = frozenset(range(1, 98)) - {77}

# Last heading number of each section-XI chapter in HS 2022 (headings run 01..last).
_TEXTILE_LAST_HEADING = {
    50: 7,  # silk
    51: 13,  # wool, animal hair
    52: 12,  # cotton
    53: 11,  # other vegetable fibres
    54: 8,  # man-made filaments
    55: 16,  # man-made staple fibres
    56: 9,  # wadding, felt, nonwovens, twine
    57: 5,  # carpets
    58: 11,  # special woven fabrics
    59: 11,  # impregnated, coated, technical fabrics
    60: 6,  # knitted or crocheted fabrics
    61: 17,  # apparel, knitted
    62: 17,  # apparel, not knitted
    63: 10,  # other made-up textile articles
}


@dataclass(frozen=True, slots=True)
class HsCode:
    """A validated HS code held as digits; printed the customary way (5208.12, 6203.42.11)."""

    digits: str

    @classmethod
    def parse(cls, value: object, field: str = "hs_code") -> HsCode:
        digits = normalise_hs_code(str(value))
        if not digits.isdigit() or len(digits) not in (4, 6, 8, 10):
            raise InvalidValue(field, value, "an HS code has 4, 6, 8 or 10 digits, e.g. 5208.12")
        chapter, heading = int(digits[:2]), int(digits[2:4])
        if chapter not in _CHAPTERS:
            raise InvalidValue(field, value, f"HS chapter {digits[:2]} does not exist")
        last = _TEXTILE_LAST_HEADING.get(chapter)
        if last is not None and not 1 <= heading <= last:
            raise InvalidValue(
                field,
                value,
                f"heading {digits[:4]} does not exist: chapter {chapter} has headings "
                f"{chapter:02d}01..{chapter:02d}{last:02d}",
            )
        return cls(digits)

    @property
    def heading(self) -> str:
        """First four digits: a change of heading is the CIS criterion of sufficient processing."""
        return self.digits[:4]

    def __str__(self) -> str:
        d = self.digits
        parts = [d[:4]] + [d[i : i + 2] for i in range(4, len(d), 2)]
        return ".".join(parts)
