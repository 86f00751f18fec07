"""Products, their BOMs and purchased materials, upserted by SKU and material code."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from birlik.adapters.db.tables import BomLineRow, MaterialRow, ProductRow
from birlik.domain.hs import HsCode
from birlik.domain.products import BomLine, Catalogue, ComponentKind, Material, Names, Product
from birlik.domain.quantities import Money
from birlik.domain.vocabulary import Currency, Family, Process, Unit


class CatalogueRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save_material(self, material: Material) -> None:
        row = self.session.scalars(select(MaterialRow).where(MaterialRow.code == material.code)).one_or_none()
        if row is None:
            row = MaterialRow(code=material.code)
            self.session.add(row)
        row.name_en, row.name_ru, row.name_kk = material.names.en, material.names.ru, material.names.kk
        row.unit = material.unit.value
        row.origin_country = material.origin_country
        row.price_amount = material.price.amount
        row.price_currency = material.price.currency.value
        row.substitutes_for = material.substitutes_for
        row.hs_code = None if material.hs_code is None else material.hs_code.digits
        row.wholly_obtained = material.wholly_obtained
        self.session.flush()

    def save_product(self, product: Product) -> None:
        """Insert or replace a product; its BOM components must already be stored."""
        row = self.session.scalars(select(ProductRow).where(ProductRow.sku == product.sku)).one_or_none()
        if row is None:
            row = ProductRow(sku=product.sku)
            self.session.add(row)
        row.name_en, row.name_ru, row.name_kk = product.names.en, product.names.ru, product.names.kk
        row.hs_code = product.hs_code.digits
        row.unit = product.unit.value
        row.family = product.family.value
        row.process = product.process.value
        row.bom = [
            BomLineRow(
                position=i,
                component_product_sku=line.component if line.kind is ComponentKind.PRODUCT else None,
                component_material_code=line.component if line.kind is ComponentKind.MATERIAL else None,
                quantity=line.quantity,
            )
            for i, line in enumerate(product.bom, start=1)
        ]
        self.session.flush()

    def save(self, catalogue: Catalogue) -> None:
        """Store a whole catalogue, components before the products that use them."""
        for material in catalogue.materials.values():
            self.save_material(material)
        done: set[str] = set()

        def store(sku: str) -> None:
            if sku in done:
                return
            product = catalogue.products[sku]
            for line in product.bom:
                if line.kind is ComponentKind.PRODUCT:
                    store(line.component)
            self.save_product(product)
            done.add(sku)

        for sku in catalogue.products:
            store(sku)

    def load(self) -> Catalogue:
        materials = [to_material(r) for r in self.session.scalars(select(MaterialRow)).all()]
        products = [to_product(r) for r in self.session.scalars(select(ProductRow)).all()]
        return Catalogue(products, materials)

    def count_products(self) -> int:
        return self.session.scalar(select(func.count()).select_from(ProductRow)) or 0


def to_material(row: MaterialRow) -> Material:
    return Material(
        code=row.code,
        names=Names(row.name_en, row.name_ru, row.name_kk),
        unit=Unit(row.unit),
        origin_country=row.origin_country,
        price=Money(row.price_amount, Currency(row.price_currency)),
        substitutes_for=row.substitutes_for,
        hs_code=None if row.hs_code is None else HsCode.parse(row.hs_code, f"HS code of material {row.code}"),
        wholly_obtained=row.wholly_obtained,
    )


def to_product(row: ProductRow) -> Product:
    return Product(
        sku=row.sku,
        names=Names(row.name_en, row.name_ru, row.name_kk),
        hs_code=HsCode.parse(row.hs_code),
        unit=Unit(row.unit),
        family=Family(row.family),
        process=Process(row.process),
        bom=tuple(
            BomLine(ComponentKind.PRODUCT, b.component_product_sku, Decimal(b.quantity))
            if b.component_product_sku is not None
            else BomLine(ComponentKind.MATERIAL, b.component_material_code or "", Decimal(b.quantity))
            for b in row.bom
        ),
    )
