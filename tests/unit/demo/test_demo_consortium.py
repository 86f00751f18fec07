"""The demo consortium's invariants: the story holds together before any database is involved."""

from __future__ import annotations

from decimal import Decimal

from birlik.demo import data, demo_buyers, demo_catalogue, demo_members, demo_orders
from birlik.domain.calendar import months_between
from birlik.domain.eligibility import able_to_make, judge
from birlik.domain.vocabulary import CertificateKind, Process

CATALOGUE = demo_catalogue()
MEMBERS = demo_members()
ORDERS = demo_orders(CATALOGUE)


def test_there_are_forty_four_members_with_unique_bins() -> None:
    assert len(MEMBERS) == 44
    assert len({m.bin for m in MEMBERS}) == 44


def test_every_order_line_has_a_member_able_and_eligible_to_make_it() -> None:
    for order in ORDERS:
        for line in order.lines:
            product = CATALOGUE.product(line.product_sku)
            months = months_between(order.release, line.due)
            eligible = [m for m in MEMBERS if judge(m, product, order, months).eligible]
            assert eligible, f"{order.number}/{line.number}: no member can make {product.sku}"


def test_every_product_bom_resolves_to_purchased_materials() -> None:
    for sku in CATALOGUE.products:
        assert CATALOGUE.purchased_materials(sku), f"{sku} has no purchased materials"


def test_every_product_someone_makes_has_a_maker() -> None:
    for product in CATALOGUE.products.values():
        assert able_to_make(MEMBERS, product), product.sku


def test_the_defense_order_is_confidential_and_needs_clearance() -> None:
    [defense] = [o for o in ORDERS if o.confidential]
    assert CertificateKind.DEFENSE_CLEARANCE in defense.required_certificates
    cleared = [m for m in MEMBERS if any(c.kind is CertificateKind.DEFENSE_CLEARANCE for c in m.certificates)]
    assert 3 <= len(cleared) <= 8


def test_the_oil_company_floor_is_sixty_percent_and_reachable_by_some_member() -> None:
    [oil] = [o for o in ORDERS if o.number.startswith("OIL")]
    assert oil.min_local_content == Decimal("0.60")
    sku = oil.lines[0].product_sku
    shares = [m.local_content_share(sku, oil.lines[0].due) for m in MEMBERS]
    assert max(shares) >= oil.min_local_content


def test_cotton_mills_are_in_the_south_and_sewing_is_spread_out() -> None:
    mills = {m.city.region for m in MEMBERS if Process.SPINNING in m.processes}
    assert all("Shymkent" in r or "Turkestan" in r for r in mills)
    sewing_cities = {m.city.name for m in MEMBERS if Process.SEWING in m.processes}
    assert len(sewing_cities) >= 10


def test_buyers_of_the_story() -> None:
    kinds = {b.kind.value for b in demo_buyers()}
    assert kinds == {"trader", "defense", "subsoil_user", "national_company", "state"}
    assert data.HORIZON_MONTHS == 12
