"""Cell values as people type them: each habit reads to the value meant, and nonsense says what is wrong."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from birlik.adapters.excel import cells
from birlik.adapters.excel.cells import CellError
from birlik.domain.calendar import Month
from birlik.domain.vocabulary import CertificateKind, Family, Process, Unit


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("1 250,5", "1250.5"),
        ("1\u00a0250\u00a0000", "1250000"),
        ("1,250.50", "1250.50"),
        ("1.250,50", "1250.50"),
        ("12,000,000", "12000000"),
        ("0,6", "0.6"),
        (1500, "1500"),
        (0.13, "0.13"),
    ],
)
def test_numbers_read_with_thousands_separators_and_decimal_commas(typed: object, meant: str) -> None:
    assert cells.decimal(typed) == Decimal(meant)


def test_a_negative_number_where_none_may_be_says_so() -> None:
    with pytest.raises(CellError) as caught:
        cells.positive("-5")
    assert caught.value.problem.key == "not_positive"


@pytest.mark.parametrize(("typed", "meant"), [("60 %", "0.6"), (60, "0.6"), ("0,6", "0.6"), (1, "1")])
def test_shares_read_as_percent_or_fraction(typed: object, meant: str) -> None:
    assert cells.share(typed) == Decimal(meant)


@pytest.mark.parametrize(
    "typed", [date(2027, 3, 31), datetime(2027, 3, 31, 0, 0), "2027-03-31", "31.03.2027", "31/03/2027", 46477]
)
def test_dates_read_as_dates_text_or_excel_serial_numbers(typed: object) -> None:
    assert cells.calendar_date(typed) == date(2027, 3, 31)


@pytest.mark.parametrize(
    "typed", ["2027-03", "03.2027", "3/2027", "март 2027", "Mar 2027", "наурыз 2027", date(2027, 3, 9)]
)
def test_months_read_in_the_usual_spellings(typed: object) -> None:
    assert cells.month(typed) == Month(2027, 3)


@pytest.mark.parametrize("typed", ["31.02.2027", "tomorrow", "2027-13-01"])
def test_a_date_that_is_not_a_date_is_refused(typed: object) -> None:
    with pytest.raises(CellError) as caught:
        cells.calendar_date(typed)
    assert caught.value.problem.key == "not_date"


def test_closed_lists_accept_russian_kazakh_english_and_template_labels() -> None:
    assert cells.choice(Process, "ткачество") is Process.WEAVING
    assert cells.choice(Process, "тоқу") is Process.WEAVING
    assert cells.choice(Process, "ткачество / weaving") is Process.WEAVING
    assert cells.choice(Unit, "шт") is Unit.PIECE
    assert cells.choice(Family, "greige fabric") is Family.GREIGE_FABRIC
    assert cells.choices(CertificateKind, "СТ-KZ; ISO 9001") == {
        CertificateKind.CT_KZ,
        CertificateKind.ISO_9001,
    }
    with pytest.raises(CellError):
        cells.choice(Process, "dancing")


def test_a_bin_stored_as_a_number_gets_its_leading_zero_back() -> None:
    assert cells.bin_number(990140000126) == "990140000126"
    with pytest.raises(CellError) as caught:
        cells.bin_number("990140000127")
    assert "check digit" in caught.value.problem.text("en")


def test_an_hs_code_shortened_by_the_spreadsheet_keeps_its_digits() -> None:
    assert str(cells.hs_code(6203.4)) == "6203.40"
    assert str(cells.hs_code("5208.12")) == "5208.12"


def test_countries_read_by_code_or_name() -> None:
    assert cells.country("kz") == "KZ"
    assert cells.country("Беларусь") == "BY"
    assert cells.country("KZ — Казахстан / Kazakhstan") == "KZ"
    with pytest.raises(CellError):
        cells.country("Atlantis")
