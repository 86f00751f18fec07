"""The authorization matrix: for every route of the OpenAPI document, what each role gets for its own
record, another tenant's and a nonexistent one.

Roles: coordinator, member_a, member_b, buyer_x, buyer_y, analyst, anonymous, disabled (a member user
disabled after logging in). "Own" and "foreign" are relative to the role: member B's own member is B
and its foreign one is A; roles without a tenant use A's records as "own" and B's as "foreign".
List routes turn the case into a search for that record, so a leak through search or counts shows.
Updates carry a stale If-Match: an authorized caller gets 412 and nothing changes; anyone else must
get 404 or 403 first (authorization is checked before preconditions).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.api.world import BIN_A, BIN_B, BIN_MISSING, PASSWORD, World, make_bin

CASES = ("own", "foreign", "missing")
TENANTS = ("member_a", "member_b", "buyer_x", "buyer_y")
AUTHENTICATED = ("coordinator", *TENANTS, "analyst")
STALE = {"If-Match": '"stale-etag"'}
MISSING_ID = 999_999
_counter = itertools.count(1)


@dataclass(frozen=True)
class Probe:
    path: str
    params: dict[str, Any] | None = None
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Entry:
    probe: Callable[[World, str, str], Probe]
    expect: dict[str, tuple[int, int, int]]
    search: bool = False  # a list whose case is a search term: foreign and missing must find nothing
    fresh_session: bool = False  # the call ends the session (logout): use a throwaway one


def expect(default: int | tuple[int, int, int] = 403, public: bool = False, **roles: Any) -> dict[str, Any]:
    """Statuses per role; authenticated roles get `default` unless named; the rest get 401."""
    as_triple = lambda s: s if isinstance(s, tuple) else (s, s, s)  # noqa: E731
    table = {role: as_triple(roles.get(role, default)) for role in AUTHENTICATED}
    for role in ("anonymous", "disabled"):
        table[role] = as_triple(roles.get(role, default if public else 401))
    return table


# What "own", "foreign" and "missing" mean for each kind of record.
def member_of(role: str, case: str) -> str:
    own, foreign = (BIN_B, BIN_A) if role == "member_b" else (BIN_A, BIN_B)
    return {"own": own, "foreign": foreign, "missing": BIN_MISSING}[case]


def order_of(role: str, case: str) -> str:
    own, foreign = ("Y-SUITS", "X-CLOTH") if role in ("member_b", "buyer_y") else ("X-CLOTH", "Y-SUITS")
    return {"own": own, "foreign": foreign, "missing": "NO-SUCH-ORDER"}[case]


def buyer_of(role: str, case: str) -> str:
    own, foreign = ("BUY-Y", "BUY-X") if role == "buyer_y" else ("BUY-X", "BUY-Y")
    return {"own": own, "foreign": foreign, "missing": "BUY-NONE"}[case]


def assignment_of(world: World, role: str, case: str) -> int:
    a, b = world.assignment_a, world.assignment_b
    own, foreign = (b, a) if role == "member_b" else (a, b)
    return {"own": own, "foreign": foreign, "missing": MISSING_ID}[case]


def plan_of(world: World, case: str) -> int:
    return {"own": world.approved_plan, "foreign": world.draft_plan, "missing": MISSING_ID}[case]


def user_of(world: World, case: str) -> int:
    return {"own": world.user_ids["member_a"], "foreign": world.user_ids["member_b"], "missing": MISSING_ID}[
        case
    ]


def token_of(world: World, role: str, case: str) -> int:
    own = world.api_tokens.get(role, world.api_tokens["coordinator"])
    other = world.api_tokens["member_a" if role == "coordinator" else "coordinator"]
    return {"own": own, "foreign": other, "missing": MISSING_ID}[case]


def product_of(bin_: str) -> str:
    """What the member makes (B sews suits; A, and anyone else, weaves cloth)."""
    return "SUIT-B" if bin_ == BIN_B else "CLOTH-A"


def n() -> int:
    return next(_counter)


CITY = {"name": "Minsk", "region": "Minsk", "country": "BY", "latitude": 53.9, "longitude": 27.57}


def new_member(case: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bin": make_bin(f"5{n():06d}"),
        "name": "Matrix Mill",
        "city": CITY,
        "processes": ["weaving"],
        "capacities": [{"family": "greige_fabric", "monthly": "100", "unit": "m"}],
        "unit_costs": [{"product_sku": "CLOTH-A", "amount": "1"}],
    }
    if case == "missing":
        body["unit_costs"] = [{"product_sku": "NO-SUCH-SKU", "amount": "1"}]
    return body


def new_product(case: str) -> dict[str, Any]:
    component = "NO-SUCH-MATERIAL" if case == "missing" else "COTTON"
    return {
        "sku": f"P-{n()}",
        "name_en": "Matrix cloth",
        "hs_code": "5208.12",
        "unit": "m",
        "family": "greige_fabric",
        "process": "weaving",
        "bom": [{"kind": "material", "component": component, "quantity": "0.2"}],
    }


def new_order(role: str, case: str) -> dict[str, Any]:
    return {
        "number": f"{buyer_of(role, case)}-{n()}",
        "buyer_code": buyer_of(role, case),
        "destination": CITY,
        "currency": "KZT",
        "release": "2027-01",
        "lines": [
            {
                "number": 1,
                "product_sku": "CLOTH-A",
                "quantity": "10",
                "unit": "m",
                "due": "2027-02",
                "unit_price": "1",
            }
        ],
    }


def new_buyer(case: str) -> dict[str, Any]:
    code = "BUY-X" if case == "missing" else f"B-{n()}"  # "missing": a code already taken
    return {"code": code, "name": "Matrix Buyer", "country": "BY", "kind": "retail", "city": CITY}


P = "/api/v1"
MEMBER_READ = expect(coordinator=(200, 200, 404), member_a=(200, 404, 404), member_b=(200, 404, 404))
TENANT_UPDATE = {"coordinator": (412, 412, 404), "member_a": (412, 404, 404), "member_b": (412, 404, 404)}

MATRIX: dict[str, Entry] = {
    # accounts
    "POST /api/v1/auth/login": Entry(
        lambda w, r, c: Probe(
            f"{P}/auth/login",
            json={
                "username": {"own": "analyst", "foreign": f"nobody-{r}", "missing": f"missing-{r}"}[c],
                "password": PASSWORD if c == "own" else "wrong-password-123",
            },
        ),
        expect((200, 401, 401), public=True),
    ),
    "POST /api/v1/auth/logout": Entry(
        lambda w, r, c: Probe(f"{P}/auth/logout"), expect(204), fresh_session=True
    ),
    "GET /api/v1/me": Entry(lambda w, r, c: Probe(f"{P}/me"), expect(200)),
    "GET /api/v1/tokens": Entry(lambda w, r, c: Probe(f"{P}/tokens"), expect(200)),
    "POST /api/v1/tokens": Entry(
        lambda w, r, c: Probe(f"{P}/tokens", json={"name": f"t-{n()}"}), expect(201)
    ),
    "DELETE /api/v1/tokens/{token_id}": Entry(
        lambda w, r, c: Probe(f"{P}/tokens/{token_of(w, r, c)}"), expect((204, 404, 404))
    ),
    "GET /api/v1/users": Entry(lambda w, r, c: Probe(f"{P}/users"), expect(coordinator=200)),
    "POST /api/v1/users": Entry(
        lambda w, r, c: Probe(
            f"{P}/users",
            json={
                "username": f"u-{n()}",
                "password": PASSWORD,
                "role": "member",
                "member_bin": member_of(r, c),
            },
        ),
        expect(coordinator=(201, 201, 404)),
    ),
    "GET /api/v1/users/{user_id}": Entry(
        lambda w, r, c: Probe(f"{P}/users/{user_of(w, c)}"), expect(coordinator=(200, 200, 404))
    ),
    "PATCH /api/v1/users/{user_id}": Entry(
        lambda w, r, c: Probe(f"{P}/users/{user_of(w, c)}", json={"active": True}, headers=STALE),
        expect(coordinator=(412, 412, 404)),
    ),
    # members
    "GET /api/v1/members": Entry(
        lambda w, r, c: Probe(f"{P}/members", params={"q": member_of(r, c)}),
        expect(coordinator=200, member_a=200, member_b=200),
        search=True,
    ),
    "POST /api/v1/members": Entry(
        lambda w, r, c: Probe(f"{P}/members", json=new_member(c)), expect(coordinator=(201, 201, 422))
    ),
    "GET /api/v1/members/{bin}": Entry(lambda w, r, c: Probe(f"{P}/members/{member_of(r, c)}"), MEMBER_READ),
    "PATCH /api/v1/members/{bin}": Entry(
        lambda w, r, c: Probe(
            f"{P}/members/{member_of(r, c)}",
            json={"capacities": [{"family": "greige_fabric", "monthly": "1", "unit": "m"}]},
            headers=STALE,
        ),
        expect(**TENANT_UPDATE),
    ),
    "GET /api/v1/members/{bin}/capacities": Entry(
        lambda w, r, c: Probe(f"{P}/members/{member_of(r, c)}/capacities"), MEMBER_READ
    ),
    "GET /api/v1/members/{bin}/certificates": Entry(
        lambda w, r, c: Probe(f"{P}/members/{member_of(r, c)}/certificates"), MEMBER_READ
    ),
    "POST /api/v1/members/{bin}/certificates": Entry(
        lambda w, r, c: Probe(
            f"{P}/members/{member_of(r, c)}/certificates",
            json={
                "kind": "iso_9001",
                "number": f"ISO-{n()}",
                "valid_from": "2026-01-01",
                "valid_to": "2028-12-31",
            },
        ),
        expect(coordinator=(201, 201, 404)),
    ),
    "GET /api/v1/members/{bin}/products/{sku}/local-content": Entry(
        lambda w, r, c: Probe(
            f"{P}/members/{member_of(r, c)}/products/{product_of(member_of(r, c))}/local-content"
        ),
        MEMBER_READ,
    ),
    # buyers and catalogue
    "GET /api/v1/buyers": Entry(
        lambda w, r, c: Probe(f"{P}/buyers", params={"q": buyer_of(r, c)}),
        expect(coordinator=200, buyer_x=200, buyer_y=200),
        search=True,
    ),
    "POST /api/v1/buyers": Entry(
        lambda w, r, c: Probe(f"{P}/buyers", json=new_buyer(c)), expect(coordinator=(201, 201, 422))
    ),
    "GET /api/v1/buyers/{code}": Entry(
        lambda w, r, c: Probe(f"{P}/buyers/{buyer_of(r, c)}"),
        expect(coordinator=(200, 200, 404), buyer_x=(200, 404, 404), buyer_y=(200, 404, 404)),
    ),
    "GET /api/v1/products": Entry(
        lambda w, r, c: Probe(
            f"{P}/products", params={"q": {"own": "CLOTH-A", "foreign": "SUIT-B"}.get(c, "NONE")}
        ),
        expect(200, analyst=403),
    ),
    "POST /api/v1/products": Entry(
        lambda w, r, c: Probe(f"{P}/products", json=new_product(c)), expect(coordinator=(201, 201, 422))
    ),
    "GET /api/v1/products/{sku}": Entry(
        lambda w, r, c: Probe(f"{P}/products/{ {'own': 'CLOTH-A', 'foreign': 'SUIT-B'}.get(c, 'NO-SKU') }"),
        expect((200, 200, 404), analyst=403),
    ),
    "GET /api/v1/products/{sku}/bom": Entry(
        lambda w, r, c: Probe(
            f"{P}/products/{ {'own': 'CLOTH-A', 'foreign': 'SUIT-B'}.get(c, 'NO-SKU') }/bom"
        ),
        expect((200, 200, 404), analyst=403),
    ),
    # orders
    "GET /api/v1/orders": Entry(
        lambda w, r, c: Probe(f"{P}/orders", params={"q": order_of(r, c)}),
        expect(200, analyst=403),
        search=True,
    ),
    "POST /api/v1/orders": Entry(
        lambda w, r, c: Probe(f"{P}/orders", json=new_order(r, c)),
        expect(coordinator=(201, 201, 404), buyer_x=(201, 404, 404), buyer_y=(201, 404, 404)),
    ),
    "GET /api/v1/orders/{number}": Entry(
        lambda w, r, c: Probe(f"{P}/orders/{order_of(r, c)}"),
        expect((200, 404, 404), coordinator=(200, 200, 404), analyst=403),
    ),
    "PATCH /api/v1/orders/{number}": Entry(
        lambda w, r, c: Probe(f"{P}/orders/{order_of(r, c)}", json={"status": "cancelled"}, headers=STALE),
        expect((403, 404, 404), coordinator=(412, 412, 404), analyst=403),
    ),
    "GET /api/v1/orders/{number}/local-content": Entry(
        lambda w, r, c: Probe(f"{P}/orders/{order_of(r, c)}/local-content"),
        expect(
            (403, 404, 404),
            coordinator=(200, 200, 404),
            buyer_x=(200, 404, 404),
            buyer_y=(200, 404, 404),
            analyst=403,
        ),
    ),
    # plans and jobs
    "GET /api/v1/plans": Entry(
        lambda w, r, c: Probe(f"{P}/plans"), expect(coordinator=200, member_a=200, member_b=200)
    ),
    "POST /api/v1/plans": Entry(
        lambda w, r, c: Probe(f"{P}/plans", json={"time_limit_s": 10}), expect(coordinator=202)
    ),
    "GET /api/v1/plans/{plan_id}": Entry(
        lambda w, r, c: Probe(f"{P}/plans/{plan_of(w, c)}"),
        expect(coordinator=(200, 200, 404), member_a=(200, 404, 404), member_b=(200, 404, 404)),
    ),
    "POST /api/v1/plans/{plan_id}/approve": Entry(
        lambda w, r, c: Probe(f"{P}/plans/{plan_of(w, c)}/approve", headers=STALE),
        expect(coordinator=(412, 412, 404), member_a=(403, 404, 404), member_b=(403, 404, 404)),
    ),
    "GET /api/v1/jobs/{job_id}": Entry(
        lambda w, r, c: Probe(f"{P}/jobs/{MISSING_ID if c == 'missing' else w.job_id}"),
        expect(coordinator=(200, 200, 404)),
    ),
    # assignments
    "GET /api/v1/assignments": Entry(
        lambda w, r, c: Probe(f"{P}/assignments", params={"order": order_of(r, c)}),
        expect(coordinator=200, member_a=200, member_b=200),
        search=True,
    ),
    "GET /api/v1/assignments/{assignment_id}": Entry(
        lambda w, r, c: Probe(f"{P}/assignments/{assignment_of(w, r, c)}"),
        expect(coordinator=(200, 200, 404), member_a=(200, 404, 404), member_b=(200, 404, 404)),
    ),
    "POST /api/v1/assignments/{assignment_id}/accept": Entry(
        lambda w, r, c: Probe(f"{P}/assignments/{assignment_of(w, r, c)}/accept", headers=STALE),
        expect(member_a=(412, 404, 404), member_b=(412, 404, 404)),
    ),
    "POST /api/v1/assignments/{assignment_id}/decline": Entry(
        lambda w, r, c: Probe(
            f"{P}/assignments/{assignment_of(w, r, c)}/decline", json={"reason": "no yarn"}, headers=STALE
        ),
        expect(member_a=(412, 404, 404), member_b=(412, 404, 404)),
    ),
    # reports, exports, audit, health
    "GET /api/v1/reports/consortium": Entry(
        lambda w, r, c: Probe(f"{P}/reports/consortium"), expect(coordinator=200, analyst=200)
    ),
    "GET /api/v1/exports/assignments.csv": Entry(
        lambda w, r, c: Probe(f"{P}/exports/assignments.csv"),
        expect(coordinator=200, member_a=200, member_b=200),
    ),
    "GET /api/v1/audit": Entry(
        lambda w, r, c: Probe(f"{P}/audit", params={"key": member_of(r, c)}), expect(coordinator=200)
    ),
    "GET /api/v1/health": Entry(lambda w, r, c: Probe(f"{P}/health"), expect(200, public=True)),
}

# Names, ids and numbers each role must never read, unless it sent them itself.
_EVERYTHING = {
    BIN_A,
    BIN_B,
    "Alpha Weaving",
    "Beta Sewing",
    "X-CLOTH",
    "Y-SUITS",
    "X-DEFENSE",
    "BUY-X",
    "BUY-Y",
}
SECRETS: dict[str, set[str]] = {
    "coordinator": set(),
    "member_a": {BIN_B, "Beta Sewing", "Y-SUITS", "BUY-Y", "Yurt Retail"},
    "member_b": {BIN_A, "Alpha Weaving", "X-CLOTH", "X-DEFENSE", "BUY-X", "Xenon Defense"},
    "buyer_x": {BIN_A, BIN_B, "Alpha Weaving", "Beta Sewing", "Y-SUITS", "BUY-Y", "Yurt Retail"},
    "buyer_y": {
        BIN_A,
        BIN_B,
        "Alpha Weaving",
        "Beta Sewing",
        "X-CLOTH",
        "X-DEFENSE",
        "BUY-X",
        "Xenon Defense",
    },
    "analyst": {BIN_A, BIN_B, "Alpha Weaving", "Beta Sewing", "X-DEFENSE", "BUY-X", "BUY-Y"},
    "anonymous": _EVERYTHING,
    "disabled": _EVERYTHING,
}
