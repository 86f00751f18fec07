"""The consortium's figures and charts, for coordinators and analysts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from markupsafe import Markup

from birlik.entrypoints.web.charts import Series, ShareBar, bar_chart, heat_map, share_bars
from birlik.entrypoints.web.figures import dashboard_figures
from birlik.entrypoints.web.rendering import render, web_of
from birlik.entrypoints.web.routing import WebRoute, get_caller
from birlik.entrypoints.web.session import WebCaller, language
from birlik.entrypoints.web.texts import WEB
from birlik.services.access import Role

router = APIRouter(route_class=WebRoute, include_in_schema=False)
Who = Annotated[WebCaller, Depends(get_caller)]


@router.get("/dashboard")
def dashboard(request: Request, who: Who) -> Response:
    figures = dashboard_figures(web_of(request).birlik.uow(), who.principal, datetime.now(UTC).date())
    lang = language(request)
    charts: list[Markup] = []
    if figures.plan_id is not None:
        charts.append(
            Markup(
                bar_chart(
                    WEB("chart_volumes", lang),
                    figures.months,
                    [Series(family, values) for family, values in sorted(figures.value_by_family.items())],
                    width=max(720, 48 * len(figures.months) + 80),
                )
            )
        )
        by_member = who.principal.role is Role.COORDINATOR
        charts.append(
            Markup(
                heat_map(
                    WEB("chart_utilisation" if by_member else "chart_utilisation_family", lang),
                    figures.utilisation_rows,
                    figures.months,
                    figures.utilisation,
                )
            )
        )
        bars = [ShareBar(o.order, o.lc_share, o.lc_floor) for o in figures.orders]
        charts.append(Markup(share_bars(WEB("chart_lc", lang), bars, floor_label=WEB("floor", lang))))
        if figures.exports:
            countries = sorted(figures.exports, key=lambda c: -figures.exports[c])
            charts.append(
                Markup(
                    bar_chart(
                        WEB("chart_exports", lang),
                        countries,
                        [Series(WEB("chart_exports", lang), [figures.exports[c] for c in countries])],
                    )
                )
            )
    return render(request, "dashboard.html", who, figures=figures, charts=charts)
