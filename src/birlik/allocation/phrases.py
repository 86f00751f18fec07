"""The words of the shortfall explanations, in English, Russian and Kazakh.

The explainer (``explain``) decides why units are short or late and names the members, months
and rules involved; it says so as a ``Phrase`` — a key and its filled-in parts, some of them
phrases themselves — so that each reader gets the sentence in their own language: the plan's
report keeps the phrase next to the English sentence, and the pages, the CLI and the workbooks
render it in the reader's language (English when a language has no template).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

LANGUAGES = ("en", "ru", "kk")


@dataclass(frozen=True)
class Phrase:
    """A sentence or a part of one: ``key`` names its template, ``parts`` fill its {slots}; a
    part is text, a number, a phrase, or a list of them (written comma-separated)."""

    key: str
    parts: tuple[tuple[str, PartValue], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON for the plan's report (nested phrases as nested objects, lists as lists)."""
        return {"key": self.key, "parts": {name: _json(value) for name, value in self.parts}}


PartValue: TypeAlias = "str | float | Phrase | tuple[str | float | Phrase, ...]"
"""Text, a number (written as the language writes numbers), a phrase, or a list of them."""


def _json(value: PartValue) -> Any:
    if isinstance(value, Phrase):
        return value.as_dict()
    if isinstance(value, tuple):
        return [_json(item) for item in value]
    return value


def phrase(key: str, **parts: PartValue) -> Phrase:
    return Phrase(key, tuple(parts.items()))


def render(message: Phrase | dict[str, Any], language: str = "en") -> str:
    """The phrase (or its JSON form from a stored report) as text in ``language``."""
    if isinstance(message, Phrase):
        message = message.as_dict()
    templates = TEMPLATES[message["key"]]
    template = templates.get(language) or templates["en"]
    parts = {name: _text(value, language) for name, value in message.get("parts", {}).items()}
    return template.format(**parts)


def _text(value: Any, language: str) -> str:
    if isinstance(value, dict):
        return render(value, language)
    if isinstance(value, list):
        return ", ".join(_text(item, language) for item in value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return quantity_text(float(value), language)
    return str(value)


def quantity_text(value: float, language: str = "en") -> str:
    """A quantity as people write it: thousands grouped, no needless decimals (at most three);
    "60,000.5" in English, "60 000,5" (narrow no-break space, decimal comma) in Russian and Kazakh."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    if language == "en":
        return text
    return text.replace(",", "\u202f").replace(".", ",")


EXCLUSIONS_SHOWN = 4


def shortfall_sentence(shortfall: dict[str, Any], language: str) -> str:
    """A shortfall entry of a plan's report in ``language``: its ``message`` rendered, followed
    by who was ``excluded`` and why; reports stored before messages were kept, or by a version
    whose templates differ, show their English ``sentence``."""
    try:
        return _shortfall_sentence(shortfall, language)
    except (KeyError, IndexError, ValueError, TypeError):
        # a report stored by a version whose templates differ: its English sentence still reads
        return str(shortfall.get("sentence", ""))


def _shortfall_sentence(shortfall: dict[str, Any], language: str) -> str:
    if "message" not in shortfall:
        return str(shortfall.get("sentence", ""))
    sentence = render(shortfall["message"], language)
    excluded = shortfall.get("excluded") or []
    if not excluded:
        return sentence
    items = "; ".join(_text(why, language) for why in excluded[:EXCLUSIONS_SHOWN])
    if len(excluded) > EXCLUSIONS_SHOWN:
        more = {"items": items, "more": str(len(excluded) - EXCLUSIONS_SHOWN)}
        items = render({"key": "list_more", "parts": more}, language)
    return render({"key": "excluded", "parts": {"sentence": sentence, "items": items}}, language)


TEMPLATES: dict[str, dict[str, str]] = {
    "empty": {"en": "", "ru": "", "kk": ""},
    "list": {"en": "{items}", "ru": "{items}", "kk": "{items}"},
    "list_more": {
        "en": "{items} and {more} more",
        "ru": "{items} и ещё {more}",
        "kk": "{items} және тағы {more}",
    },
    "and": {"en": "{first} and {second}", "ru": "{first} и {second}", "kk": "{first} және {second}"},
    "member_window": {
        "en": "{member} only {first}–{last}",
        "ru": "{member} только {first}–{last}",
        "kk": "{member} тек {first}–{last}",
    },
    "head": {
        "en": "{quantity} of {line}",
        "ru": "{quantity} ед. по {line}",
        "kk": "{line} бойынша {quantity}",
    },
    "short": {
        "en": "{head} cannot be made: {why}.",
        "ru": "{head} не может быть изготовлено: {why}.",
        "kk": "{head} жасалмайды: {why}.",
    },
    "short_no_member": {
        "en": "{head} cannot be made: no member is eligible (none has the process, the {family} family "
        "and every certificate the order requires, or all were excluded).",
        "ru": "{head} не может быть изготовлено: ни один участник не подходит (ни у кого нет процесса, "
        "семейства {family} и всех сертификатов, которых требует заказ, либо все исключены).",
        "kk": "{head} жасалмайды: бірде-бір қатысушы сәйкес келмейді (ешкімде процесс, {family} "
        "тобы және тапсырыс талап ететін барлық сертификат жоқ, не бәрі алынып тасталған).",
    },
    "short_no_plan": {
        "en": "{head} is not planned: the solver found no plan ({status}).",
        "ru": "{head} не запланировано: решатель не нашёл плана ({status}).",
        "kk": "{head} жоспарланбады: шешуші жоспар таппады ({status}).",
    },
    "late_one": {
        "en": "{quantity} of {line} will be 1 month late ({month}, due {due}): {why}.",
        "ru": "{quantity} ед. по {line} будет готово на 1 мес. позже срока ({month}, срок {due}): {why}.",
        "kk": "{line} бойынша {quantity} мерзімнен 1 ай кеш болады ({month}, мерзімі {due}): {why}.",
    },
    "late_many": {
        "en": "{quantity} of {line} will be {n} months late ({month}, due {due}): {why}.",
        "ru": "{quantity} ед. по {line} будет готово на {n} мес. позже срока ({month}, срок {due}): {why}.",
        "kk": "{line} бойынша {quantity} мерзімнен {n} ай кеш болады ({month}, мерзімі {due}): {why}.",
    },
    "why_window": {
        "en": "no eligible member may make it between its release ({release}) and {last}; "
        "certificate windows: {windows}",
        "ru": "ни один подходящий участник не может изготовить его между запуском ({release}) и "
        "{last}; периоды сертификатов: {windows}",
        "kk": "бірде-бір сәйкес қатысушы оны іске қосу ({release}) мен {last} аралығында жасай "
        "алмайды; сертификат мерзімдері: {windows}",
    },
    "why_capacity": {
        "en": "every eligible member's {family} capacity is fully used in the months it could be "
        "made: {cells}{note}",
        "ru": "мощности всех подходящих участников по семейству {family} полностью заняты в "
        "месяцы, когда его можно изготовить: {cells}{note}",
        "kk": "барлық сәйкес қатысушылардың {family} тобы бойынша қуаты оны жасауға болатын "
        "айларда толық пайдаланылған: {cells}{note}",
    },
    "note_no_certificate": {
        "en": " ({members}: no valid certificate in the line's months)",
        "ru": " ({members}: нет действующего сертификата в месяцы позиции)",
        "kk": " ({members}: позиция айларында жарамды сертификат жоқ)",
    },
    "why_frozen": {
        "en": "the only free capacity is in cells frozen by hand, which the plan may not change: {cells}",
        "ru": "свободные мощности есть только в закреплённых вручную ячейках, которые план не может "
        "менять: {cells}",
        "kk": "бос қуат тек қолмен бекітілген ұяшықтарда бар, жоспар оларды өзгерте алмайды: {cells}",
    },
    "why_lc_floor": {
        "en": "{order}'s local-content floor of {floor} binds: the members with free {family} "
        "capacity ({shares}) fall below it, and those at or above it are full or would be pushed "
        "under the floor",
        "ru": "действует порог казахстанского содержания {floor} заказа {order}: у участников со "
        "свободной мощностью по семейству {family} ({shares}) доля ниже порога, а те, у кого она не "
        "ниже, заняты или опустили бы заказ ниже порога",
        "kk": "{order} тапсырысының {floor} қазақстандық қамту шегі шектейді: {family} тобы бойынша бос "
        "қуаты бар қатысушылардың ({shares}) үлесі шектен төмен, ал шектен төмен еместері толық "
        "немесе тапсырысты шектен төмен түсірер еді",
    },
    "why_lot_rules": {
        "en": "{rule} leaves no way to use the free capacity at {cells}",
        "ru": "{rule}: свободные мощности у {cells} использовать невозможно",
        "kk": "{rule}: {cells} бос қуатын пайдалану мүмкін емес",
    },
    "rule_single": {
        "en": "single sourcing (one member must make the whole line)",
        "ru": "единственный исполнитель (всю позицию делает один участник)",
        "kk": "жалғыз орындаушы (бүкіл позицияны бір қатысушы жасайды)",
    },
    "rule_min_lot": {
        "en": "the minimum lot of {lot} per member",
        "ru": "минимальная партия {lot} на участника",
        "kk": "бір қатысушыға ең аз партия {lot}",
    },
    "rule_max_members": {
        "en": "at most {n} members per line",
        "ru": "не более {n} участников на позицию",
        "kk": "бір позицияға {n} қатысушыдан аспайды",
    },
    "why_not_optimal": {
        "en": "the plan is not proven optimal ({status}) and capacity is still free at {cells}; "
        "a longer run may plan it",
        "ru": "оптимальность плана не доказана ({status}), а у {cells} ещё есть свободные мощности; "
        "более долгий расчёт может их задействовать",
        "kk": "жоспардың оңтайлылығы дәлелденбеген ({status}), ал {cells} бос қуаты әлі бар; "
        "ұзағырақ есептеу оны жоспарлауы мүмкін",
    },
    "why_cost": {
        "en": "capacity is free at {cells}, but using it costs more than the penalty set for this",
        "ru": "у {cells} есть свободные мощности, но их использование дороже установленного за это штрафа",
        "kk": "{cells} бос қуаты бар, бірақ оны пайдалану бұл үшін белгіленген айыппұлдан қымбат",
    },
    "ex_by_hand": {
        "en": "{member} is excluded from {order} by hand",
        "ru": "{member} исключён из {order} вручную",
        "kk": "{member} {order} тапсырысынан қолмен алынып тасталған",
    },
    "ex_member": {"en": "{member} {why}", "ru": "{member}: {why}", "kk": "{member}: {why}"},
    "ex_inactive": {
        "en": "is not an active member",
        "ru": "не является действующим участником",
        "kk": "белсенді қатысушы емес",
    },
    "ex_no_process": {
        "en": "does not perform {process}",
        "ru": "не выполняет передел {process}",
        "kk": "{process} өңдеуін орындамайды",
    },
    "ex_no_family_capacity": {
        "en": "declares no capacity for {family}",
        "ru": "не заявил мощностей по семейству {family}",
        "kk": "{family} тобы бойынша қуат мәлімдемеген",
    },
    "ex_no_unit_cost": {
        "en": "has no unit cost for {sku}",
        "ru": "не указал себестоимость {sku}",
        "kk": "{sku} үшін өзіндік құнын көрсетпеген",
    },
    "ex_missing_certificate": {
        "en": "holds no valid {certificate} in the order's months",
        "ru": "не имеет действующего {certificate} в месяцы заказа",
        "kk": "тапсырыс айларында жарамды {certificate} жоқ",
    },
    "ex_nobody": {
        "en": "no member performs {process} with capacity for {family} and a unit cost for {sku}",
        "ru": "ни один участник не выполняет передел {process} с мощностями по семейству {family} "
        "и себестоимостью {sku}",
        "kk": "бірде-бір қатысушы {family} тобы бойынша қуатымен және {sku} өзіндік құнымен "
        "{process} өңдеуін орындамайды",
    },
    "excluded": {
        "en": "{sentence} Excluded: {items}.",
        "ru": "{sentence} Исключены: {items}.",
        "kk": "{sentence} Алынып тасталғандар: {items}.",
    },
}
