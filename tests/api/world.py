"""A small consortium with two tenants of each kind, a confidential order, an approved plan and users.

Member A (weaver, cleared for defense) makes only CLOTH-A; member B (sewing) makes only SUIT-B.
Buyer X ordered X-CLOTH (→ A) and the confidential X-DEFENSE (→ A); buyer Y ordered Y-SUITS (→ B).
Plan 1 is approved, plan 2 a later draft. Each role has a user with a session and an API token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import httpx
from argon2 import PasswordHasher
from sqlalchemy import Engine

from birlik.bootstrap import App
from birlik.domain.buyers import Buyer
from birlik.domain.calendar import Month
from birlik.domain.geography import City
from birlik.domain.hs import HsCode
from birlik.domain.identifiers import bin_check_digit
from birlik.domain.members import Capacity, Certificate, Member
from birlik.domain.orders import Order, OrderLine, OrderStatus
from birlik.domain.products import BomLine, Catalogue, ComponentKind, Material, Names, Product
from birlik.domain.quantities import Money, Quantity
from birlik.domain.vocabulary import BuyerKind, CertificateKind, Currency, Family, Process, Unit
from birlik.services import accounts, registry
from birlik.services.access import Role
from birlik.services.commands import now
from birlik.services.planning import approve_plan, run_allocation

# Light argon2 parameters keep the suite fast; production uses the library's defaults.
FAST_PASSWORDS = accounts.Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
PASSWORD = "correct-horse-battery"
ROLES = ("coordinator", "member_a", "member_b", "buyer_x", "buyer_y", "analyst", "anonymous", "disabled")


def make_bin(prefix: str) -> str:
    """A valid BIN starting with `prefix` (padded with digits until a check digit exists)."""
    for tail in range(10_000):
        first = (prefix + f"{tail:04d}")[:11].ljust(11, "0")
        check = bin_check_digit(first)
        if check is not None:
            return first + str(check)
    raise AssertionError(prefix)


BIN_A = make_bin("1201400")
BIN_B = make_bin("1301500")
BIN_MISSING = make_bin("9909900")
ALMATY = City("Almaty", "Almaty", "KZ", 43.24, 76.89)
SHYMKENT = City("Shymkent", "Shymkent", "KZ", 42.32, 69.59)
MINSK = City("Minsk", "Minsk", "BY", 53.9, 27.57)


def catalogue() -> Catalogue:
    cotton = Material("COTTON", Names("Cotton fibre"), Unit.KILOGRAM, "KZ", Money(Decimal(900), Currency.KZT))
    cloth = Product(
        "CLOTH-A",
        Names("Calico A"),
        HsCode.parse("5208.12"),
        Unit.METRE,
        Family.GREIGE_FABRIC,
        Process.WEAVING,
        (BomLine(ComponentKind.MATERIAL, "COTTON", Decimal("0.2")),),
    )
    suit = Product(
        "SUIT-B",
        Names("Work suit B"),
        HsCode.parse("6203.42"),
        Unit.SET,
        Family.WORKWEAR,
        Process.SEWING,
        (BomLine(ComponentKind.PRODUCT, "CLOTH-A", Decimal("3")),),
    )
    return Catalogue([cloth, suit], [cotton])


def members() -> list[Member]:
    clearance = Certificate(
        CertificateKind.DEFENSE_CLEARANCE, "DEF-A-1", date(2020, 1, 1), date(2035, 12, 31)
    )
    a = Member(
        BIN_A,
        "Alpha Weaving",
        SHYMKENT,
        frozenset({Process.WEAVING}),
        (Capacity(Family.GREIGE_FABRIC, Decimal(20_000), Unit.METRE),),
        {"CLOTH-A": Money(Decimal(500), Currency.KZT)},
        (clearance,),
    )
    b = Member(
        BIN_B,
        "Beta Sewing",
        ALMATY,
        frozenset({Process.SEWING}),
        (Capacity(Family.WORKWEAR, Decimal(1_000), Unit.SET),),
        {"SUIT-B": Money(Decimal(9_000), Currency.KZT)},
    )
    return [a, b]


def _order(number: str, buyer: str, sku: str, quantity: int, unit: Unit, price: int, **kw: object) -> Order:
    line = OrderLine(
        1, sku, Quantity(Decimal(quantity), unit), Month(2027, 3), Money(Decimal(price), Currency.KZT)
    )
    return Order(number, buyer, MINSK, Currency.KZT, (line,), Month(2027, 1), status=OrderStatus.OPEN, **kw)  # type: ignore[arg-type]


def orders() -> list[Order]:
    return [
        _order("X-CLOTH", "BUY-X", "CLOTH-A", 5_000, Unit.METRE, 900),
        _order("Y-SUITS", "BUY-Y", "SUIT-B", 500, Unit.SET, 15_000),
        _order(
            "X-DEFENSE",
            "BUY-X",
            "CLOTH-A",
            3_000,
            Unit.METRE,
            1_100,
            confidential=True,
            required_certificates=frozenset({CertificateKind.DEFENSE_CLEARANCE}),
        ),
    ]


@dataclass
class World:
    """Ids of the consortium's records and a logged-in client per role."""

    base_url: str
    tokens: dict[str, str] = field(default_factory=dict)
    api_tokens: dict[str, int] = field(default_factory=dict)  # role → id of its API token
    user_ids: dict[str, int] = field(default_factory=dict)
    approved_plan: int = 0
    draft_plan: int = 0
    assignment_a: int = 0
    assignment_b: int = 0
    job_id: int = 0
    engine: Engine | None = None  # for the few tests that look into the database itself

    def client(self, role: str) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role in self.tokens else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=60)


USERS = {
    "coordinator": (Role.COORDINATOR, None, None),
    "member_a": (Role.MEMBER, BIN_A, None),
    "member_b": (Role.MEMBER, BIN_B, None),
    "buyer_x": (Role.BUYER, None, "BUY-X"),
    "buyer_y": (Role.BUYER, None, "BUY-Y"),
    "analyst": (Role.ANALYST, None, None),
    "disabled": (Role.MEMBER, BIN_A, None),
}


def build_registry(app: App) -> tuple[int, int]:
    """Registry, an approved plan and a later draft plan: (approved id, draft id)."""
    load_registry(app)
    approved = run_allocation(app.uow).plan_id
    approve_plan(app.uow(), approved)
    draft = run_allocation(app.uow).plan_id
    return approved, draft


def load_registry(app: App) -> None:
    """The catalogue, members, buyers and orders, without any plan."""
    registry.save_catalogue(app.uow(), catalogue())
    registry.register_members(app.uow(), members())
    registry.save_buyers(
        app.uow(),
        [
            Buyer("BUY-X", "Xenon Defense Procurement", "BY", BuyerKind.DEFENSE, MINSK),
            Buyer("BUY-Y", "Yurt Retail", "BY", BuyerKind.RETAIL, MINSK),
        ],
    )
    registry.place_orders(app.uow(), orders())


def create_users(app: App) -> dict[str, int]:
    ids = {}
    for name, (role, member_bin, buyer_code) in USERS.items():
        user = accounts.create_user(
            app.uow(), FAST_PASSWORDS, accounts.NewUser(name, PASSWORD, role, member_bin, buyer_code), now()
        )
        ids[name] = user.id
    return ids


def login(base_url: str, username: str) -> str:
    response = httpx.post(f"{base_url}/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


def build_world(app: App, base_url: str) -> World:
    approved, draft = build_registry(app)
    world = World(base_url, approved_plan=approved, draft_plan=draft, engine=app.engine)
    world.user_ids = create_users(app)
    for name in USERS:
        world.tokens[name] = login(base_url, name)
        with world.client(name) as client:
            made = client.post("/api/v1/tokens", json={"name": f"{name}-robot"})
        assert made.status_code == 201, made.text
        world.api_tokens[name] = made.json()["id"]
    coordinator = world.client("coordinator")
    with coordinator:
        disabled = coordinator.get(f"/api/v1/users/{world.user_ids['disabled']}")
        changed = coordinator.patch(
            f"/api/v1/users/{world.user_ids['disabled']}",
            json={"active": False},
            headers={"If-Match": disabled.headers["ETag"]},
        )
        assert changed.status_code == 200, changed.text
        items = coordinator.get("/api/v1/assignments", params={"plan_id": approved}).json()["items"]
        world.assignment_a = next(a["id"] for a in items if a["member_bin"] == BIN_A)
        world.assignment_b = next(a["id"] for a in items if a["member_bin"] == BIN_B)
        job = coordinator.post("/api/v1/plans", json={"time_limit_s": 30})
        assert job.status_code == 202, job.text
        world.job_id = job.json()["id"]
    return world


RACE_LINES = 16
RACE_CAPACITY = 1_000  # metres a month after the plan: room for 10 of the 16 lots of 100 m


def build_race(app: App) -> int:
    """Sixteen 100 m lots of one order, all planned for member A in March 2027, whose capacity is then
    declared lower than their sum: the approved plan's id."""
    registry.save_catalogue(app.uow(), catalogue())
    a, b = members()
    registry.register_members(app.uow(), [a, b])
    registry.save_buyers(
        app.uow(), [Buyer("BUY-X", "Xenon Defense Procurement", "BY", BuyerKind.DEFENSE, MINSK)]
    )
    lines = tuple(
        OrderLine(
            i,
            "CLOTH-A",
            Quantity(Decimal(100), Unit.METRE),
            Month(2027, 3),
            Money(Decimal(900), Currency.KZT),
        )
        for i in range(1, RACE_LINES + 1)
    )
    race = Order("RACE", "BUY-X", MINSK, Currency.KZT, lines, Month(2027, 3), status=OrderStatus.OPEN)
    registry.place_orders(app.uow(), [race])
    plan_id = run_allocation(app.uow).plan_id
    approve_plan(app.uow(), plan_id)
    smaller = Capacity(Family.GREIGE_FABRIC, Decimal(RACE_CAPACITY), Unit.METRE)
    registry.register_members(app.uow(), [Member(**{**_fields(a), "capacities": (smaller,)})])
    accounts.create_user(
        app.uow(), FAST_PASSWORDS, accounts.NewUser("member_a", PASSWORD, Role.MEMBER, BIN_A, None), now()
    )
    accounts.create_user(
        app.uow(),
        FAST_PASSWORDS,
        accounts.NewUser("coordinator", PASSWORD, Role.COORDINATOR, None, None),
        now(),
    )
    return plan_id


def _fields(member: Member) -> dict[str, object]:
    return {name: getattr(member, name) for name in Member.__dataclass_fields__}
