"""The relational schema. Rows are persistence only; repositories turn them into domain values.

Keys people use (BIN, SKU, material code, buyer code, order number) are unique columns, so imports
can upsert by them; surrogate integer ids link the rows.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from birlik.adapters.db.types import ExactDecimal

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {Decimal: ExactDecimal()}  # noqa: RUF012 (SQLAlchemy reads it as is)


class CityRow(Base):
    __tablename__ = "cities"
    __table_args__ = (UniqueConstraint("name", "country", name="name_country"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    region: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)


class MemberRow(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    bin: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    legal_form: Mapped[str] = mapped_column(String(20))
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    city: Mapped[CityRow] = relationship(lazy="joined")
    processes: Mapped[list[MemberProcessRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    capacities: Mapped[list[CapacityRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    unit_costs: Mapped[list[UnitCostRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    certificates: Mapped[list[CertificateRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class MemberProcessRow(Base):
    __tablename__ = "member_processes"
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    process: Mapped[str] = mapped_column(String(20), primary_key=True)


class CapacityRow(Base):
    __tablename__ = "capacities"
    __table_args__ = (CheckConstraint("use_rate > 0", name="use_rate_positive"),)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    family: Mapped[str] = mapped_column(String(30), primary_key=True)
    monthly: Mapped[Decimal]
    unit: Mapped[str] = mapped_column(String(8))
    use_rate: Mapped[Decimal]


class UnitCostRow(Base):
    __tablename__ = "unit_costs"
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    product_sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), primary_key=True)
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))


class CertificateRow(Base):
    __tablename__ = "certificates"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    number: Mapped[str] = mapped_column(String(60))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    product_sku: Mapped[str | None] = mapped_column(ForeignKey("products.sku"), nullable=True)
    local_content_share: Mapped[Decimal | None] = mapped_column(ExactDecimal(), nullable=True)


class MaterialRow(Base):
    __tablename__ = "materials"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_kk: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(8))
    origin_country: Mapped[str] = mapped_column(String(2))
    price_amount: Mapped[Decimal]
    price_currency: Mapped[str] = mapped_column(String(3))
    # The SKU of the product this material can stand in for. Not a foreign key: SQLite adds one only by
    # rebuilding the table, which bom_lines' references to it forbid on a filled database; the
    # catalogue checks the reference on every load and save instead (see migration 0004).
    substitutes_for: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # Its classification for the origin heading test (digits only, as products store theirs; see 0005).
    hs_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    wholly_obtained: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ProductRow(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_kk: Mapped[str] = mapped_column(String(200))
    hs_code: Mapped[str] = mapped_column(String(10))
    unit: Mapped[str] = mapped_column(String(8))
    family: Mapped[str] = mapped_column(String(30))
    process: Mapped[str] = mapped_column(String(20))
    bom: Mapped[list[BomLineRow]] = relationship(
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="BomLineRow.position",
        foreign_keys="BomLineRow.product_id",
    )


class BomLineRow(Base):
    __tablename__ = "bom_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "(component_product_sku IS NULL) <> (component_material_code IS NULL)", name="one_component"
        ),
    )
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    component_product_sku: Mapped[str | None] = mapped_column(ForeignKey("products.sku"), nullable=True)
    component_material_code: Mapped[str | None] = mapped_column(ForeignKey("materials.code"), nullable=True)
    quantity: Mapped[Decimal]


class BuyerRow(Base):
    __tablename__ = "buyers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(30))
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"))
    city: Mapped[CityRow] = relationship(lazy="joined")


class OrderRow(Base):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("min_local_content >= 0 AND min_local_content <= 1", name="lc_share_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyers.id"), index=True)
    destination_city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"))
    currency: Mapped[str] = mapped_column(String(3))
    release_month: Mapped[str] = mapped_column(String(7))
    min_local_content: Mapped[Decimal]
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20))
    required_certificates: Mapped[str] = mapped_column(String(200), default="")
    buyer: Mapped[BuyerRow] = relationship(lazy="joined")
    destination: Mapped[CityRow] = relationship(lazy="joined")
    lines: Mapped[list[OrderLineRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OrderLineRow.number", back_populates="order"
    )


class OrderLineRow(Base):
    __tablename__ = "order_lines"
    __table_args__ = (
        UniqueConstraint("order_id", "number", name="order_number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    number: Mapped[int]
    product_sku: Mapped[str] = mapped_column(ForeignKey("products.sku"))
    quantity: Mapped[Decimal]
    unit: Mapped[str] = mapped_column(String(8))
    due_month: Mapped[str] = mapped_column(String(7))
    unit_price: Mapped[Decimal]
    order: Mapped[OrderRow] = relationship(back_populates="lines", lazy="joined")


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), index=True)
    objective: Mapped[Decimal]
    solver_status: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, default="")
    assignments: Mapped[list[AssignmentRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AssignmentRow.id"
    )


class AssignmentRow(Base):
    __tablename__ = "assignments"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    quantity: Mapped[Decimal]
    production_cost: Mapped[Decimal]
    transport_cost: Mapped[Decimal]
    local_content_share: Mapped[Decimal]
    status: Mapped[str] = mapped_column(String(20))
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    order_line: Mapped[OrderLineRow] = relationship(lazy="joined")
    member: Mapped[MemberRow] = relationship(lazy="joined")


class ExchangeRateRow(Base):
    __tablename__ = "exchange_rates"
    __table_args__ = (CheckConstraint("kzt_per_unit > 0", name="rate_positive"),)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, primary_key=True)
    kzt_per_unit: Mapped[Decimal]
