"""The cloth a staged plan stored, read back, and the share each source gives the good it is sewn into."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from birlik.domain.calendar import Month
from birlik.domain.content.contract import certificate_states
from birlik.domain.content.share_book import ShareBook
from birlik.domain.content.sourcing import FromMember, Imported
from birlik.domain.errors import InvalidValue
from birlik.domain.members import Certificate
from birlik.domain.plans import Plan, PlanStatus
from birlik.domain.vocabulary import CertificateKind
from birlik.services.content_planned import StoredCloth, planned_cloth, stored_sourcing
from tests.unit.content.demo_setting import ALATAU, MELANZH, records
from tests.unit.domain.builders import ct_kz

IMPORT = Imported("MAT-TWL-PC-CN")
HORIZON_START = date(2027, 1, 1)


@pytest.mark.parametrize(
    ("stated", "computed", "states"),
    [
        ("0.42", "0.4969", False),  # issued for other inputs
        ("0.42", "0.4249", True),  # rounds to the 42 % it states
        ("0.91", "0.909553", True),
        ("0.5", "0.53", False),  # "0.5" is 50 %, not 45–55 %
        ("0.4215", "0.42149", True),  # a finer certificate is read at its own precision
        ("0.4215", "0.4214", False),
    ],
)
def test_a_certificate_states_a_share_at_the_precision_it_states_it(
    stated: str, computed: str, states: bool
) -> None:
    assert certificate_states(ct_kz(stated), Decimal(computed)) is states


def _plan(report: dict[str, Any] | None) -> Plan:
    summary = "" if report is None else json.dumps(report)
    return Plan(7, datetime(2026, 12, 1), PlanStatus.DRAFT, (), summary=summary)


def _staged_report() -> dict[str, Any]:
    entry = {
        "line": 1,
        "sewer_bin": ALATAU,
        "month": "2027-03",
        "cloth": {
            "sku": "TWL-DY",
            "from_members": [
                {"mill_bin": MELANZH, "month": "2027-02", "quantity": 12.0},
                {"mill_bin": "090440015880", "month": "2027-02", "quantity": 6.0},
            ],
            "imported": {"material": "MAT-TWL-PC-CN", "quantity": 12.8},
        },
    }
    row = {"order": "OIL-1", "line": 1, "member_bin": ALATAU, "month": "2027-03", "quantity": 10.0}
    return {
        "plan": {"horizon": ["2027-01", "2027-12"]},
        "assignments": [
            {**row, "cloth": "TWL-DY", "member_cloth_units": 6.0},
            {**row, "line": 2, "cloth": None, "member_cloth_units": 0.0},
        ],
        "orders": [{"order": "OIL-1", "chain": [entry]}],
        "stages": {"enabled": True, "cloths": [{"cloth": "TWL-DY", "import": "MAT-TWL-PC-CN"}]},
    }


def test_a_single_stage_plan_has_no_stored_cloth() -> None:
    assert stored_sourcing(_plan(None)) is None
    assert stored_sourcing(_plan({"plan": {}, "assignments": [], "orders": []})) is None


def test_member_cloth_is_split_among_the_mills_by_their_metres_and_the_rest_is_imported() -> None:
    sourcing = stored_sourcing(_plan(_staged_report()))
    assert sourcing is not None and sourcing.day == HORIZON_START
    assert sourcing.cloths == {
        ("OIL-1", 1, ALATAU, "2027-03"): StoredCloth(
            "TWL-DY",
            (
                (FromMember(MELANZH), Decimal(4)),
                (FromMember("090440015880"), Decimal(2)),
                (IMPORT, Decimal(4)),
            ),
        )
    }


def test_a_stored_report_without_the_cloth_of_its_assignments_is_refused_naming_the_plan() -> None:
    report = _staged_report()
    del report["assignments"][0]["member_cloth_units"]
    with pytest.raises(InvalidValue, match="stored report of plan 7"):
        stored_sourcing(_plan(report))


def _book() -> ShareBook:
    catalogue, members, rates = records()
    return ShareBook(catalogue, members, rates, HORIZON_START)


def test_each_source_gives_its_own_share_and_is_flagged_where_the_ct_kz_on_file_states_another() -> None:
    book = _book()
    alatau = book.members[ALATAU]  # its CT-KZ on file states 42 % for the suit
    stored = StoredCloth("TWL-DY", ((FromMember(MELANZH), Decimal(2000)), (IMPORT, Decimal(8000))))
    cloth = planned_cloth(book, stored, "WW-SUIT", alatau, Month(2027, 3))
    member, imported = cloth.parts
    assert member.share == book.share("WW-SUIT", ALATAU, "TWL-DY", FromMember(MELANZH))
    assert imported.share == book.share("WW-SUIT", ALATAU, "TWL-DY", IMPORT)
    assert member.share > imported.share > Decimal("0.42")
    assert member.mill is not None and member.mill.bin == MELANZH and imported.mill is None
    assert cloth.counted and member.new_ct_kz and imported.new_ct_kz and cloth.needs_new_ct_kz
    assert cloth.share == (2000 * member.share + 8000 * imported.share) / 10000

    # a CT-KZ that states what the imported twill gives covers those units; member cloth still needs one
    stated = imported.share.quantize(Decimal("0.01"))
    paper = Certificate(
        CertificateKind.CT_KZ, "CTKZ-NEW", date(2027, 1, 1), date(2027, 12, 31), "WW-SUIT", stated
    )
    reissued = dataclasses.replace(alatau, certificates=(paper,))
    member, imported = planned_cloth(book, stored, "WW-SUIT", reissued, Month(2027, 3)).parts
    assert member.new_ct_kz and not imported.new_ct_kz


def test_without_a_ct_kz_in_the_month_the_good_counts_zero_and_asks_for_nothing() -> None:
    book = _book()
    stored = StoredCloth("TWL-DY", ((FromMember(MELANZH), Decimal(10)),))
    cloth = planned_cloth(book, stored, "WW-SUIT", book.members[ALATAU], Month(2028, 1))  # lapsed
    assert not cloth.counted and cloth.share == 0 and not cloth.needs_new_ct_kz
    assert cloth.parts[0].share > Decimal("0.9")  # what a CT-KZ would state, shown beside the 0
