"""How `birlik content order|plan` shows a plan made with stages: the goods with the plan's cloth,
next to the certificates on file, and the CT-KZ drafts the planned cloth needs.

A single-stage plan is shown by ``content_views`` exactly as before; this module only adds the view of
a staged plan (``OrderShareView.staged``), whose contract counts each good with its planned cloth.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rich.console import Console

from birlik.domain.content.contract import CertifiedShare, reaches_floor
from birlik.domain.content.drafts import percent
from birlik.domain.content.sourcing import FromMember, Source
from birlik.entrypoints.cli.render import table
from birlik.entrypoints.cli.texts import cli_language
from birlik.i18n import Texts
from birlik.services.content import ItemView, OrderShareView
from birlik.services.content_planned import ClothPart


def _t(en: str, ru: str, kk: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "kk": kk}


SAY = Texts(
    "cli.content.staged",
    {
        "title": _t(
            "{order}: contract local content from {plan}, with the plan's cloth",
            "{order}: казахстанское содержание договора по {plan}, с тканью по плану",
            "{order}: шарттың қазақстандық құрамы, {plan} бойынша, жоспардағы матамен",
        ),
        "plan": _t("plan {id} ({status})", "плану {id} ({status})", "{id} жоспар ({status})"),
        "line_month": _t("line · month", "позиция · месяц", "позиция · ай"),
        "member": _t("member", "участник", "қатысушы"),
        "quantity": _t("quantity", "количество", "саны"),
        "ct": _t("CT, {currency}", "СТ, {currency}", "СТ, {currency}"),
        "cloth": _t("cloth (plan)", "ткань (план)", "мата (жоспар)"),
        "k_planned": _t("K, plan", "K, план", "K, жоспар"),
        "planner_differs": _t("(plan stored {share})", "(в плане {share})", "(жоспарда {share})"),
        "k_on_file": _t("K, on file", "K, в реестре", "K, тізілімде"),
        "new_ct_kz": _t("new CT-KZ", "новый СТ-KZ", "жаңа СТ-KZ"),
        "needed": _t("needed", "нужен", "қажет"),
        "unassigned": _t("unassigned", "не распределено", "бөлінбеген"),
        "import": _t("import {code}", "импорт {code}", "импорт {code}"),
        "with_plan": _t(
            "With the plan's cloth: Σ CT·K = {numerator} / S = {total} {currency} → {share}{floor}",
            "С тканью по плану: Σ CT·K = {numerator} / S = {total} {currency} → {share}{floor}",
            "Жоспардағы матамен: Σ CT·K = {numerator} / S = {total} {currency} → {share}{floor}",
        ),
        "floor": _t("; floor {floor}", "; минимум {floor}", "; ең азы {floor}"),
        "on_file": _t(
            "By the CT-KZ on file: Σ CT·K = {numerator} → {share}{below}",
            "По СТ-KZ в реестре: Σ CT·K = {numerator} → {share}{below}",
            "Тізілімдегі СТ-KZ бойынша: Σ CT·K = {numerator} → {share}{below}",
        ),
        "below": _t(" (below the floor)", " (ниже минимума)", " (ең азынан төмен)"),
        "explain": _t(
            "K, plan: the good's share with the cloth the plan chose (member mill or import), by"
            " the local-content roll-up the planner uses, counted in the months the sewer holds a CT-KZ"
            " for the good; K, on file: the share stated in the CT-KZ on file.",
            "K, план: доля товара с тканью, выбранной планом (фабрика участника или импорт), по"
            " тому же расчёту казахстанского содержания, что и у планировщика; учитывается в месяцы, когда"
            " у швейной фабрики есть СТ-KZ на товар; K, в реестре: доля, указанная в СТ-KZ из реестра.",
            "K, жоспар: жоспар таңдаған матамен (қатысушы фабрикасы не импорт) тауардың үлесі,"
            " жоспарлаушы қолданатын қазақстандық құрам есебімен; тігін фабрикасында тауарға СТ-KZ бар"
            " айларда ескеріледі; K, тізілімде: тізілімдегі СТ-KZ-те көрсетілген үлес.",
        ),
        "needs": _t(
            "{n} of {total} assignments count a share that no CT-KZ on file states (it was issued for"
            " other inputs): the contract counts the plan's figure only once a new CT-KZ states it."
            " Draft each with:",
            "{n} из {total} назначений учитывают долю, которой нет ни в одном СТ-KZ в реестре (он выдан"
            " на другие материалы): договор учтёт долю по плану только после выдачи нового СТ-KZ."
            " Проект каждого:",
            "{total} тапсырманың {n} тізілімдегі бірде-бір СТ-KZ көрсетпейтін үлесті есептейді (ол басқа"
            " материалдарға берілген): шарт жоспардағы үлесті тек жаңа СТ-KZ берілгенде ескереді."
            " Әрқайсысының жобасы:",
        ),
        "draft_for": _t(
            "  {sku} at {member}, cloth {source}: {share} by the roll-up",
            "  {sku} у {member}, ткань {source}: {share} по расчёту",
            "  {sku}, {member}, мата {source}: есеп бойынша {share}",
        ),
        "none_needed": _t(
            "Every share counted is stated in a CT-KZ on file.",
            "Каждая учтённая доля указана в СТ-KZ из реестра.",
            "Есептелген әр үлес тізілімдегі СТ-KZ-те көрсетілген.",
        ),
        "plan_explain": _t(
            "share: КСт with each good's cloth as planned (the plan's own figure); by CT-KZ on file: the"
            " same with the shares the certificates on file state; new CT-KZ needed: assignments whose"
            " share no CT-KZ on file states (`birlik content order NUMBER` lists them with the drafts).",
            "share: КСт с тканью каждого товара по плану (доля самого плана); по СТ-KZ в реестре: то же"
            " с долями из сертификатов в реестре; нужны новые СТ-KZ: назначения, долю которых не указывает"
            " ни один СТ-KZ из реестра (`birlik content order NUMBER` перечисляет их с проектами).",
            "share: әр тауардың жоспардағы матасымен КСт (жоспардың өз үлесі); тізілімдегі СТ-KZ бойынша:"
            " тізілімдегі сертификаттардағы үлестермен есептелгені; жаңа СТ-KZ қажет: үлесін тізілімдегі"
            " бірде-бір СТ-KZ көрсетпейтін тапсырмалар (`birlik content order NUMBER` оларды жобаларымен"
            " көрсетеді).",
        ),
        "plan_on_file": _t("by CT-KZ on file", "по СТ-KZ в реестре", "тізілімдегі СТ-KZ бойынша"),
        "plan_new": _t("new CT-KZ needed", "нужны новые СТ-KZ", "жаңа СТ-KZ қажет"),
    },
)


MIN_WIDTH = {"k_on_file": 17}  # a certificate number, whole
PLANNER_DIGITS = Decimal("0.0001")  # the plan stores an assignment's share to four places


def _say(key: str, /, **fields: object) -> str:
    return SAY(key, cli_language(), **fields)


def _money(value: object) -> str:
    return f"{value:,.2f}"


def _source_code(source: Source) -> str:
    return source.bin if isinstance(source, FromMember) else source.material_code


def draft_command(sku: str, member_bin: str, cloth: str, part: ClothPart, day: date) -> str:
    """The `birlik certificate ct-kz` call whose draft computes this part's share (same source, same day)."""
    code = _source_code(part.source)
    return (
        f"birlik certificate ct-kz {sku} --member {member_bin} --source {cloth}={code}"
        f" --on {day.isoformat()} --out ct-kz-{sku}-{member_bin}-{code}.pdf"
    )


def _drafts(view: OrderShareView) -> dict[str, tuple[ItemView, ClothPart]]:
    """One draft command per (good, sewer, cloth source) that needs a new CT-KZ, in table order."""
    found: dict[str, tuple[ItemView, ClothPart]] = {}
    for item in view.needing_new_ct_kz:
        assert item.cloth is not None and item.member is not None
        sku = view.order.line(item.line).product_sku
        for part in item.cloth.parts:
            if part.new_ct_kz:
                command = draft_command(sku, item.member.bin, item.cloth.cloth, part, item.cloth.day)
                found.setdefault(command, (item, part))
    return found


def _supplier(part: ClothPart) -> str:
    if part.mill is not None:
        return part.mill.name
    return _say("import", code=_source_code(part.source))


def _planner_mismatch(item: ItemView) -> str:
    """A mark where the share the plan stored is not this one (a registry changed since planning)."""
    stored = item.planner_share
    if stored is None or item.member is None:
        return ""
    same = item.item.share.share.quantize(PLANNER_DIGITS, rounding=ROUND_HALF_UP) == stored
    return "" if same else "\n" + _say("planner_differs", share=percent(stored))


def _certificate(share: CertifiedShare) -> str:
    """The certificate's number where its share counts, else why K is 0."""
    counted = share.certificate is not None and share.share > 0
    return share.certificate.number if counted and share.certificate else share.note


def _cloth_cell(item: ItemView) -> str:
    if item.cloth is None:
        return "—"
    return "\n".join(f"{_supplier(p)} {p.units:,.0f}" for p in item.cloth.parts)


def show_staged_order(console: Console, view: OrderShareView) -> None:
    c, o, on_file = view.contract, view.order, view.on_file
    assert on_file is not None and view.plan is not None
    plan = _say("plan", id=view.plan.id, status=view.plan.status.value)
    t = table(_say("title", order=o.number, plan=plan))
    right = {"quantity", "ct", "k_planned", "k_on_file"}
    for key in ("line_month", "member", "quantity", "ct", "cloth", "k_planned", "k_on_file", "new_ct_kz"):
        t.add_column(
            _say(key, currency=o.currency.value),
            justify="right" if key in right else "left",
            min_width=MIN_WIDTH.get(key),
        )
    for i in view.items:
        k_file = i.on_file or i.item.share
        t.add_row(
            f"{i.line} · {i.month or '—'}",
            i.member.name if i.member else _say("unassigned"),
            f"{i.quantity.normalize():,f}",
            _money(i.item.value),
            _cloth_cell(i),
            percent(i.item.share.share) + _planner_mismatch(i),
            f"{percent(k_file.share)}\n{_certificate(k_file)}",
            f"[yellow]{_say('needed')}[/yellow]" if i.needs_new_ct_kz else "—",
        )
    console.print(t)
    floor = _say("floor", floor=percent(o.min_local_content)) if o.min_local_content else ""
    console.print(c.formula, highlight=False)
    console.print(
        _say(
            "with_plan",
            numerator=_money(c.numerator),
            total=_money(c.total),
            currency=o.currency.value,
            share=f"[bold]{percent(c.share)}[/bold]",
            floor=floor,
        ),
        highlight=False,
    )
    below = "" if reaches_floor(on_file.share, o.min_local_content) else _say("below")
    console.print(
        _say("on_file", numerator=_money(on_file.numerator), share=percent(on_file.share), below=below),
        highlight=False,
    )
    drafts = _drafts(view)
    assigned = [i for i in view.items if i.member is not None]
    if drafts:
        console.print(_say("needs", n=len(view.needing_new_ct_kz), total=len(assigned)), highlight=False)
        for command, (item, part) in drafts.items():
            assert item.member is not None and item.cloth is not None
            sku = o.line(item.line).product_sku
            shown = _say(
                "draft_for",
                sku=sku,
                member=item.member.name,
                source=_supplier(part),
                share=percent(part.share),
            )
            console.print(shown, highlight=False, markup=False)
            console.print(f"    {command}", highlight=False, markup=False, soft_wrap=True)
    else:
        console.print(_say("none_needed"), highlight=False)
    console.print(_say("explain"), highlight=False)


def staged_json(view: OrderShareView, data: dict[str, Any]) -> dict[str, Any]:
    """The order's JSON with the staged keys added: ``share`` is with the plan's cloth; ``on_file`` the
    same by the certificates on file; each item its ``K_on_file``, ``cloth`` and ``new_ct_kz``."""
    on_file = view.on_file
    assert on_file is not None
    drafts = _drafts(view)
    data["basis"] = "planned_cloth"
    data["on_file"] = {"numerator": str(on_file.numerator), "share": str(round(on_file.share, 6))}
    for row, item in zip(data["items"], view.items, strict=True):
        k_file = item.on_file or item.item.share
        row["K_on_file"] = str(k_file.share)
        row["K_on_file_source"] = k_file.note
        row["new_ct_kz"] = item.needs_new_ct_kz
        row["cloth"] = (
            None
            if item.cloth is None
            else {
                "sku": item.cloth.cloth,
                "counted": item.cloth.counted,
                "parts": [
                    {
                        "source": "member" if isinstance(p.source, FromMember) else "import",
                        "code": _source_code(p.source),
                        "units": str(round(p.units, 3)),
                        "K": str(round(p.share, 6)),
                        "new_ct_kz": p.new_ct_kz,
                    }
                    for p in item.cloth.parts
                ],
            }
        )
    data["new_ct_kz_drafts"] = list(drafts)
    return data
