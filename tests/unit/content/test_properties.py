"""Properties of the share of a good on generated BOMs: bounded, and monotone in domestic inputs."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from birlik.domain.content.goods import Method, good_share
from birlik.domain.content.rollup import Roller
from birlik.domain.products import Catalogue, Material
from birlik.domain.vocabulary import Process
from tests.unit.content.builders import BIN_A, catalogue, material, mill, product, roller

ORIGINS = st.sampled_from(["KZ", "CN", "TR", "UZ"])
PRICES = st.decimals(min_value=1, max_value=2000, places=2)
QUANTITIES = st.decimals(min_value=Decimal("0.01"), max_value=5, places=2)
MATERIALS = st.lists(st.tuples(ORIGINS, PRICES, QUANTITIES), min_size=1, max_size=6)
MARKUPS = st.decimals(min_value=0, max_value=2, places=3)


def _world(
    mats: list[tuple[str, Decimal, Decimal]], in_cloth: str, markup: Decimal
) -> tuple[Catalogue, Roller]:
    bought = [
        material(f"M{i}", origin, str(price), hs="9606.21") for i, (origin, price, _) in enumerate(mats)
    ]
    cloth_input = material("CLOTH-AUX", in_cloth, "400", hs="5208.12")
    bom = [
        ("product", "CLOTH", "2"),
        ("product", "CLOTH2", "1"),
        *(("material", f"M{i}", str(q)) for i, (_, _, q) in enumerate(mats)),
    ]
    good = product("GOOD", "6204.42", Process.SEWING, *bom)
    dyed = product("CLOTH2", "5208.32", Process.FINISHING, ("material", "CLOTH-AUX", "1"))
    cat = catalogue(*bought, cloth_input, extra=(good, dyed))
    base = roller(cat, mill(YARN="400", CLOTH="600", CLOTH2="500"))
    inputs = 2 * base.roll_up("CLOTH", BIN_A).unit_cost + 500 + sum(p * q for _, p, q in mats)
    maker = mill(
        YARN="400", CLOTH="600", CLOTH2="500", GOOD=str((inputs * (1 + markup)).quantize(Decimal("0.01")) + 1)
    )
    r = roller(cat, maker)
    r.s = replace(r.s, members={maker.bin: maker})
    return cat, r


@settings(max_examples=60, deadline=None)
@given(
    MATERIALS,
    ORIGINS,
    MARKUPS,
    st.sampled_from(list(Method)),
    st.decimals(min_value=0, max_value=1, places=2),
)
def test_shares_stay_within_zero_and_one(
    mats: list[tuple[str, Decimal, Decimal]], in_cloth: str, markup: Decimal, method: Method, margin: Decimal
) -> None:
    _, r = _world(mats, in_cloth, markup)
    share = good_share(r.roll_up("GOOD", BIN_A), method, margin).share
    assert Decimal(0) <= share <= Decimal(1)


@settings(max_examples=60, deadline=None)
@given(MATERIALS, ORIGINS, MARKUPS, st.data())
def test_replacing_an_imported_input_by_a_domestic_one_never_lowers_the_share(
    mats: list[tuple[str, Decimal, Decimal]], in_cloth: str, markup: Decimal, data: st.DataObject
) -> None:
    cat, r = _world(mats, in_cloth, markup)
    before = good_share(r.roll_up("GOOD", BIN_A)).share
    code = data.draw(st.sampled_from([m for m in cat.materials if m[0] == "M" or m == "CLOTH-AUX"]))
    flipped: Material = replace(cat.materials[code], origin_country="KZ")
    cat2 = Catalogue(
        cat.products.values(), [flipped if m.code == code else m for m in cat.materials.values()]
    )
    r2 = Roller(replace(r.s, catalogue=cat2))
    assert good_share(r2.roll_up("GOOD", BIN_A)).share >= before
