"""Certificate drafts: every figure has a source; the PDF is one page that is not blank."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat

from birlik.adapters.pdf import render_draft
from birlik.domain.content.currency import convert
from birlik.domain.content.drafts import Draft, Shipment, ct1_draft, ct_kz_draft, draft_to_json
from birlik.domain.content.vat import vat_on_supply
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Currency
from tests.unit.content.demo_setting import MELANZH, SHYMKENT_ARNAU, records, roll, share


def _ct_kz() -> Draft:
    result = share("WW-SUIT", SHYMKENT_ARNAU, sources=("TWL-DY=" + MELANZH,))
    member = records()[1][SHYMKENT_ARNAU]
    declared = next(c for c in member.certificates if c.product_sku == "WW-SUIT")
    return ct_kz_draft(result, declared, ["TWL-DY from member " + MELANZH])


def _ct_1() -> Draft:
    rollup = roll("UNI-FLD", SHYMKENT_ARNAU, on=date(2027, 5, 1))
    invoice = convert(Money(Decimal(280_000), Currency.USD), Currency.KZT, date(2027, 5, 1), records()[2])
    shipment = Shipment(
        "UZ-2027-002", 2, "Power Structures Logistics", "Tashkent, UZ", Decimal(10_000), "28.00 USD", invoice,
        vat_on_supply("UZ", date(2027, 5, 1)), "assignments in plan 1",
    )  # fmt: skip
    return ct1_draft(rollup, rollup.origin, shipment)


def test_the_ct_kz_draft_shows_computed_and_declared_shares_each_with_its_source() -> None:
    data = draft_to_json(_ct_kz())
    fields = {f["field"]: f for section in data["sections"].values() for f in section}
    assert fields["share"]["value"].startswith("91.77 %")
    assert fields["declared"]["value"] == "81.00 %" and "CTKZ-27-SHY-00101" in fields["declared"]["source"]
    assert fields["cost"]["source"].startswith("unit cost of WW-SUIT at 110240044100")
    assert all(f["source"] for f in fields.values()), "every figure names its source"
    assert all(row[-1] for row in data["table"]["rows"]), "every input row names its record"


def test_the_ct_1_draft_names_criterion_rule_and_invoice_with_the_rate_used() -> None:
    data = draft_to_json(_ct_1())
    fields = {f["field"]: f for section in data["sections"].values() for f in section}
    assert fields["hs_code"]["value"] == "6203.23"
    assert fields["criterion"]["value"] == "heading_and_ad_valorem"
    assert "ASSUMED" in fields["criterion"]["source"]
    assert fields["invoice_kzt"]["value"] == "145,600,000.00 KZT"
    assert "1 USD = 520.00 KZT" in fields["invoice_kzt"]["source"]
    assert fields["vat"]["value"] == "0.00 %"
    assert data["notes"] and "assumption" in data["notes"][0]


@pytest.mark.parametrize(("make", "language"), [(_ct_kz, "ru"), (_ct_1, "kk"), (_ct_kz, "en")])
def test_each_draft_renders_as_one_page_that_is_not_blank(make: Callable[[], Draft], language: str) -> None:
    pdf = render_draft(make(), language)
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    try:
        assert len(document) == 1
        image = document[0].render(scale=0.6).to_pil().convert("L")
    finally:
        document.close()
    stat = ImageStat.Stat(image)
    assert stat.stddev[0] > 20, "a page of text has strong contrast; a blank page has none"
    dark = sum(image.histogram()[:128]) / (image.width * image.height)
    assert 0.01 < dark < 0.5
