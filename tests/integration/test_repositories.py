"""Round trips through the real databases: what is saved is what is loaded, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from birlik.adapters.db.unit_of_work import SqlAlchemyUnitOfWork
from birlik.bootstrap import App
from birlik.domain.buyers import Buyer
from birlik.domain.calendar import Month
from birlik.domain.errors import IllegalTransition, InvalidValue, NotFound
from birlik.domain.hs import HsCode
from birlik.domain.orders import OrderStatus
from birlik.domain.plans import Assignment, Plan, PlanStatus
from birlik.domain.products import Catalogue
from birlik.domain.vocabulary import BuyerKind
from birlik.services import registry
from tests.unit.domain.builders import MINSK, calico, calico_order, ct_kz, fibre, weaver


def seed(app: App) -> None:
    registry.save_catalogue(app.uow(), Catalogue([calico()], [fibre()]))
    registry.register_members(app.uow(), [weaver(certificates=(ct_kz(),))])
    registry.save_buyers(app.uow(), [Buyer("BY-TEX", "Belarus Textile", "BY", BuyerKind.TRADER, MINSK)])


class TestRoundTrips:
    def test_a_member_comes_back_exactly_as_saved(self, app: App) -> None:
        seed(app)
        with app.uow() as uow:
            assert uow.members.get(weaver().bin) == weaver(certificates=(ct_kz(),))

    def test_the_catalogue_comes_back_with_its_bom(self, app: App) -> None:
        seed(app)
        with app.uow() as uow:
            catalogue = uow.catalogue.load()
        assert catalogue.products["CALICO"] == calico()
        assert catalogue.materials["FIBRE-KZ"] == fibre()

    def test_a_material_comes_back_with_the_product_it_substitutes_for(self, app: App) -> None:
        seed(app)
        imported = replace(fibre(), code="CAL-UZ", origin_country="UZ", substitutes_for="CALICO")
        imported = replace(imported, unit=calico().unit)
        registry.save_catalogue(app.uow(), Catalogue([calico()], [fibre(), imported]))
        with app.uow() as uow:
            loaded = uow.catalogue.load()
        assert loaded.materials["CAL-UZ"] == imported
        assert loaded.materials["FIBRE-KZ"].substitutes_for is None
        registry.save_catalogue(
            app.uow(), Catalogue([calico()], [fibre(), replace(imported, substitutes_for=None)])
        )
        with app.uow() as uow:
            assert uow.catalogue.load().substitutes("CALICO") == []

    def test_a_material_comes_back_with_its_hs_code_and_wholly_obtained(self, app: App) -> None:
        seed(app)
        lint = replace(fibre(), hs_code=HsCode.parse("5201.00"), wholly_obtained=True)
        greige = replace(
            fibre(),
            code="MAT-UNC-GR-TR",
            origin_country="TR",
            unit=calico().unit,
            hs_code=HsCode.parse("5514.12"),
        )
        registry.save_catalogue(app.uow(), Catalogue([calico()], [lint, greige]))
        with app.uow() as uow:
            loaded = uow.catalogue.load()
        assert loaded.materials["FIBRE-KZ"] == lint and loaded.materials["MAT-UNC-GR-TR"] == greige
        assert str(loaded.materials["MAT-UNC-GR-TR"].hs_code) == "5514.12"
        registry.save_catalogue(app.uow(), Catalogue([calico()], [fibre(), greige]))  # both cleared again
        with app.uow() as uow:
            assert uow.catalogue.load().materials["FIBRE-KZ"] == fibre()

    def test_an_order_comes_back_with_its_lines_and_requirements(self, app: App) -> None:
        seed(app)
        order = calico_order(min_local_content=Decimal("0.6"), confidential=True)
        registry.place_orders(app.uow(), [order])
        with app.uow() as uow:
            assert uow.orders.get("BY-1") == order

    def test_saving_again_updates_instead_of_duplicating(self, app: App) -> None:
        seed(app)
        seed(app)
        with app.uow() as uow:
            assert uow.members.count() == 1
            assert uow.catalogue.count_products() == 1

    def test_a_plan_comes_back_with_its_assignments(self, app: App) -> None:
        seed(app)
        registry.place_orders(app.uow(), [calico_order()])
        assignment = Assignment(
            "BY-1", 1, weaver().bin, Month(2027, 2), Decimal(500), Decimal(155000), Decimal("12.5")
        )
        plan = Plan(None, datetime(2026, 11, 28, 9, 30), PlanStatus.DRAFT, (assignment,))
        with app.uow() as uow:
            plan_id = uow.plans.add(plan)
            uow.commit()
        with app.uow() as uow:
            stored = uow.plans.get(plan_id)
        assert stored is not None
        assert stored.assignments == (assignment,)


class TestUnitOfWork:
    def test_rolls_back_unless_committed(self, app: App) -> None:
        with app.uow() as uow:
            uow.catalogue.save(Catalogue([calico()], [fibre()]))
        with app.uow() as uow:
            assert uow.catalogue.count_products() == 0

    def test_a_failure_half_way_writes_nothing(self, app: App) -> None:
        seed(app)
        good = calico_order(number="OK-1")
        bad = calico_order(number="BAD-1", buyer_code="NOBODY")
        with pytest.raises(NotFound, match="no buyer 'NOBODY'"):
            registry.place_orders(app.uow(), [good, bad])
        with app.uow() as uow:
            assert uow.orders.count() == 0

    def test_the_database_itself_refuses_a_duplicate_line_number(
        self, uow: SqlAlchemyUnitOfWork, app: App
    ) -> None:
        seed(app)
        registry.place_orders(app.uow(), [calico_order()])
        from birlik.adapters.db.tables import OrderLineRow, OrderRow

        with uow:
            order_row = uow.session.query(OrderRow).one()
            uow.session.add(
                OrderLineRow(
                    order_id=order_row.id,
                    number=1,
                    product_sku="CALICO",
                    quantity=Decimal(1),
                    unit="m",
                    due_month="2027-02",
                    unit_price=Decimal(1),
                )
            )
            with pytest.raises(IntegrityError):
                uow.session.flush()


class TestBadInputWritesNothing:
    def test_an_order_for_a_product_no_one_makes_is_refused_by_name(self, app: App) -> None:
        seed(app)
        with app.uow() as uow:
            uow.members.save(replace(weaver(), unit_costs={}))
            uow.commit()
        with pytest.raises(InvalidValue, match="product of line 1 = 'CALICO': no member makes it"):
            registry.place_orders(app.uow(), [calico_order()])
        with app.uow() as uow:
            assert uow.orders.count() == 0

    def test_a_member_with_costs_for_an_unknown_product_is_refused(self, app: App) -> None:
        with pytest.raises(InvalidValue, match="'CALICO': no product with this SKU"):
            registry.register_members(app.uow(), [weaver()])
        with app.uow() as uow:
            assert uow.members.count() == 0

    def test_an_order_status_moves_only_along_the_life_cycle(self, app: App) -> None:
        seed(app)
        registry.place_orders(app.uow(), [calico_order()])
        assert registry.change_order_status(app.uow(), "BY-1", OrderStatus.OPEN).status is OrderStatus.OPEN
        with pytest.raises(IllegalTransition, match="is open and cannot become shipped"):
            registry.change_order_status(app.uow(), "BY-1", OrderStatus.SHIPPED)
        with app.uow() as uow:
            stored = uow.orders.get("BY-1")
        assert stored is not None and stored.status is OrderStatus.OPEN
