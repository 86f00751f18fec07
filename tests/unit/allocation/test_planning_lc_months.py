"""The planning service hands the engine each month's local-content share, not the window's
lowest: on the demo consortium, where several CT-KZ certificates start or lapse mid-horizon."""

from __future__ import annotations

import numpy as np

from birlik.demo.build import demo_catalogue, demo_members, demo_orders, demo_rates
from birlik.domain.exchange import ExchangeRates
from birlik.services.planning import PlanningOptions
from birlik.services.planning.problem import PlanningInput, build_problem


def test_every_arc_month_carries_the_members_share_in_that_month() -> None:
    catalogue = demo_catalogue()
    data = PlanningInput(
        members=demo_members(),
        catalogue=catalogue,
        orders=demo_orders(catalogue),
        rates=ExchangeRates(demo_rates()),
    )
    problem, index = build_problem(data, PlanningOptions())
    assert problem.lc_override_arc.size > 0, "the demo has certificates changing mid-window"
    checked = 0
    for arc in range(problem.n_arcs):
        member = index.members[int(problem.arc_member[arc])]
        _, line = index.lines[int(problem.arc_line[arc])]
        months = np.arange(problem.arc_first_month[arc], problem.arc_last_month[arc] + 1)
        got = problem.lc_share_at(np.full(months.shape, arc), months)
        wanted = [float(member.local_content_share(line.product_sku, index.month_of(int(t)))) for t in months]
        assert got.tolist() == wanted
        checked += int(len(set(wanted)) > 1)
    assert checked > 0
