"""Identifiers that come from outside Birlik and must be checked before they are trusted.

A BIN (business identification number) is the 12-digit id every Kazakh legal entity has. Its last digit
is a check digit, so a mistyped BIN is caught at the door instead of silently creating a second member.
HS codes are the customs classification; a wrong heading breaks both origin rules and certificates.
"""

from __future__ import annotations

import re

from birlik.domain.errors import InvalidValue

_WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def bin_check_digit(first_eleven: str) -> int | None:
    """The check digit for the first 11 digits of a BIN/IIN, or None when no digit can make it valid.

    The state algorithm: weighted sum mod 11 with weights 1..11; if that gives 10, a second pass with
    weights 3..11,1,2; if that gives 10 too, the number cannot be issued.
    """
    if len(first_eleven) != 11 or not first_eleven.isdigit():
        raise InvalidValue("bin", first_eleven, "the first 11 characters of a BIN must be digits")
    digits = [int(c) for c in first_eleven]
    for weights in (_WEIGHTS_FIRST, _WEIGHTS_SECOND):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return check
    return None


def validate_bin(value: str) -> str:
    """Return the BIN without spaces, or raise InvalidValue saying exactly what is wrong."""
    bin_ = re.sub(r"\s+", "", str(value))
    if len(bin_) != 12 or not bin_.isdigit():
        raise InvalidValue("bin", value, "a BIN has exactly 12 digits")
    expected = bin_check_digit(bin_[:11])
    if expected is None:
        raise InvalidValue("bin", value, "no BIN can start with these 11 digits (check digit undefined)")
    if int(bin_[11]) != expected:
        raise InvalidValue(
            "bin", value, f"the check digit is {bin_[11]} but should be {expected}; is a digit mistyped?"
        )
    return bin_


_HS_PATTERN = re.compile(r"^\d{4}(\d{2}(\d{2}(\d{2})?)?)?$")


def normalise_hs_code(value: str) -> str:
    """Digits only, so '5208.12', '5208 12' and '520812' are the same code."""
    return re.sub(r"[\s.]", "", str(value))
