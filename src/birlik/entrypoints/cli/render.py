"""Rich renderings of the read models: tables a coordinator can scan in a terminal."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from birlik.domain.members import Member
from birlik.domain.vocabulary import CertificateKind
from birlik.entrypoints.cli.texts import say
from birlik.services.views import OrderView, RegistrySummary


def table(title: str) -> Table:
    """Borderless tables: they fit an 80-column terminal and copy cleanly into a message."""
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, title_style="bold")


def _percent(share: object) -> str:
    return f"{float(str(share)) * 100:.0f} %"


def _short_region(region: str) -> str:
    return region.split(" (")[0].removesuffix(" Region")


def _counts(counts: dict[str, int]) -> str:
    return " · ".join(f"{name} {count}" for name, count in counts.items())


def summary(console: Console, s: RegistrySummary) -> None:
    console.rule(f"[bold]{say('Birlik — demo consortium')}")
    console.print(
        f"{s.members} {say('members')} ({s.cleared_for_defense} {say('cleared for defense orders')}),"
        f" {s.products} {say('products')}, {len(s.orders)} {say('orders')}.",
        highlight=False,
    )
    regions: dict[str, int] = {}
    for region, count in s.by_region.items():
        regions[_short_region(region)] = regions.get(_short_region(region), 0) + count
    console.print(f"[bold]{say('By region:')}[/bold] {_counts(regions)}", highlight=False)
    console.print(f"[bold]{say('By process:')}[/bold] {_counts(s.by_process)}", highlight=False)
    orders(console, s.orders)
    needs(console, s.orders)


def _money(text: str) -> str:
    """'9,950,000.00 BYN' → '9,950,000 BYN': whole amounts read faster in a table."""
    return text.replace(".00 ", " ")


def orders(console: Console, views: list[OrderView]) -> None:
    t = table(say("Orders"))
    t.add_column(say("order"), no_wrap=True)
    t.add_column(say("buyer"), max_width=32, no_wrap=True, overflow="ellipsis")
    t.add_column(say("to"), no_wrap=True)
    t.add_column(say("value"), justify="right", no_wrap=True)
    t.add_column(say("LC min"), justify="right", no_wrap=True)
    t.add_column(say("requires"), min_width=12)
    for view in views:
        o = view.order
        requirements = sorted(_certificate_label(k) for k in o.required_certificates)
        if o.confidential:
            requirements.append(say("confidential"))
        t.add_row(
            o.number if o.status.value == "open" else f"{o.number} ({o.status.value})",
            view.buyer_name,
            o.destination.name,
            _money(view.value),
            _percent(o.min_local_content) if o.min_local_content else "—",
            ", ".join(requirements) or "—",
        )
    console.print(t)


def needs(console: Console, views: list[OrderView]) -> None:
    t = table(say("What each order needs"))
    for column, justify in (
        ("order", "left"),
        ("line", "right"),
        ("product", "left"),
        ("quantity", "right"),
        ("due", "left"),
        ("members able", "right"),
    ):
        t.add_column(say(column), justify=justify, no_wrap=column != "product")  # type: ignore[arg-type]
    for view in views:
        for i, line in enumerate(view.lines):
            t.add_row(
                view.order.number if i == 0 else "",
                str(line.number),
                line.product_name,
                line.quantity,
                line.due,
                str(line.eligible_members),
                end_section=i == len(view.lines) - 1,
            )
    console.print(t)


def _certificate_label(kind: CertificateKind) -> str:
    return {
        CertificateKind.CT_KZ: "CT-KZ",
        CertificateKind.ISO_9001: "ISO 9001",
        CertificateKind.DEFENSE_CLEARANCE: say("defense clearance"),
    }[kind]


def order(console: Console, view: OrderView) -> None:
    orders(console, [view])
    t = table(f"{say('Lines of')} {view.order.number}")
    t.add_column(say("line"), justify="right")
    t.add_column(say("product"), no_wrap=True)
    t.add_column(say("quantity"), justify="right", no_wrap=True)
    t.add_column(say("due"), no_wrap=True)
    t.add_column(say("value"), justify="right", no_wrap=True)
    t.add_column(say("eligible"), justify="right")
    t.add_column(say("able but lacking"), min_width=14)
    for line in view.lines:
        lacking = ", ".join(
            f"{count} {say('lack')} {_certificate_label(CertificateKind(kind))}"
            for kind, count in sorted(line.lacking.items())
        )
        t.add_row(
            str(line.number),
            line.product_sku,
            line.quantity,
            line.due,
            _money(line.value),
            str(line.eligible_members),
            lacking or "—",
        )
    console.print(t)


def members(console: Console, members: list[Member]) -> None:
    t = table(f"{say('Members')} ({len(members)})")
    t.add_column(say("BIN"), no_wrap=True)
    for column in ("name", "city", "processes", "capacity / month", "certificates"):
        t.add_column(say(column))
    for m in members:
        capacity = "\n".join(f"{c.family.value}: {c.monthly:,.0f} {c.unit.value}" for c in m.capacities)
        certificates = ", ".join(sorted({_certificate_label(c.kind) for c in m.certificates}))
        t.add_row(
            m.bin,
            m.name,
            m.city.name,
            ", ".join(sorted(p.value for p in m.processes)),
            capacity,
            certificates or "—",
        )
    console.print(t)
