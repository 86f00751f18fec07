"""The closed lists of the consortium's words: processes, product families, units, kinds.

They are StrEnums so that the database, spreadsheets and JSON carry the same readable value
("weaving", "workwear") that a coordinator would type.
"""

from __future__ import annotations

from enum import StrEnum


class Process(StrEnum):
    """A stage of the value chain (передел) a member can perform and a product needs."""

    SPINNING = "spinning"
    WEAVING = "weaving"
    FINISHING = "finishing"
    SEWING = "sewing"
    KNITTING = "knitting"


class Family(StrEnum):
    """A product family; capacity is declared per member, family and month."""

    YARN = "yarn"
    GREIGE_FABRIC = "greige_fabric"
    FINISHED_FABRIC = "finished_fabric"
    WORKWEAR = "workwear"
    UNIFORM = "uniform"
    BED_LINEN = "bed_linen"
    TOWELS = "towels"
    FASHION = "fashion"
    KNITWEAR = "knitwear"


class Unit(StrEnum):
    """Units a quantity can carry; no conversion between them is ever implied."""

    METRE = "m"
    SQUARE_METRE = "m2"
    PIECE = "pcs"
    SET = "set"
    KILOGRAM = "kg"
    TONNE = "t"
    MACHINE_HOUR = "mh"


class BuyerKind(StrEnum):
    STATE = "state"
    DEFENSE = "defense"
    SUBSOIL_USER = "subsoil_user"
    NATIONAL_COMPANY = "national_company"
    TRADER = "trader"
    RETAIL = "retail"


class CertificateKind(StrEnum):
    """Certificates a member holds and an order may require."""

    CT_KZ = "ct_kz"  # origin for domestic circulation; carries a local-content share per product
    ISO_9001 = "iso_9001"
    DEFENSE_CLEARANCE = "defense_clearance"


class Currency(StrEnum):
    KZT = "KZT"
    UZS = "UZS"
    BYN = "BYN"
    RUB = "RUB"
    USD = "USD"
    EUR = "EUR"
