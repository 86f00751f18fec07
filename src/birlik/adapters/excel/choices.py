"""Closed lists as people write them: the consortium's codes with their Russian, Kazakh and English labels.

A cell may hold the code ("weaving"), any of the labels ("ткачество", "тоқу") or the template's own
"ru / en" label ("ткачество / weaving"); all of them mean the same value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from typing import TypeVar

from birlik.domain.orders import OrderStatus
from birlik.domain.products import ComponentKind
from birlik.domain.vocabulary import BuyerKind, CertificateKind, Family, Process, Unit
from birlik.i18n import Texts

LABELS = Texts(
    "excel.choices",
    {
        "process.spinning": {"en": "spinning", "ru": "прядение", "kk": "иіру"},
        "process.weaving": {"en": "weaving", "ru": "ткачество", "kk": "тоқу"},
        "process.finishing": {"en": "finishing", "ru": "отделка", "kk": "әрлеу"},
        "process.sewing": {"en": "sewing", "ru": "пошив", "kk": "тігу"},
        "process.knitting": {"en": "knitting", "ru": "трикотаж", "kk": "трикотаж тоқу"},
        "family.yarn": {"en": "yarn", "ru": "пряжа", "kk": "иіртік"},
        "family.greige_fabric": {"en": "greige fabric", "ru": "суровая ткань", "kk": "шикі мата"},
        "family.finished_fabric": {"en": "finished fabric", "ru": "готовая ткань", "kk": "әрленген мата"},
        "family.workwear": {"en": "workwear", "ru": "спецодежда", "kk": "арнаулы киім"},
        "family.uniform": {"en": "uniform", "ru": "форменная одежда", "kk": "нысанды киім"},
        "family.bed_linen": {"en": "bed linen", "ru": "постельное бельё", "kk": "төсек жабдығы"},
        "family.towels": {"en": "towels", "ru": "полотенца", "kk": "сүлгілер"},
        "family.fashion": {"en": "fashion", "ru": "модная одежда", "kk": "сәнді киім"},
        "family.knitwear": {"en": "knitwear", "ru": "трикотажные изделия", "kk": "трикотаж бұйымдары"},
        "unit.m": {"en": "m", "ru": "м", "kk": "м"},
        "unit.m2": {"en": "m2", "ru": "м2", "kk": "м2"},
        "unit.pcs": {"en": "pcs", "ru": "шт", "kk": "дана"},
        "unit.set": {"en": "set", "ru": "компл", "kk": "жиынтық"},
        "unit.kg": {"en": "kg", "ru": "кг", "kk": "кг"},
        "unit.t": {"en": "t", "ru": "т", "kk": "т"},
        "unit.mh": {"en": "machine-hours", "ru": "маш.-ч", "kk": "маш.-сағ"},
        "buyer.state": {"en": "state", "ru": "государственный", "kk": "мемлекеттік"},
        "buyer.defense": {"en": "defense", "ru": "оборонный", "kk": "қорғаныс"},
        "buyer.subsoil_user": {
            "en": "subsoil user",
            "ru": "недропользователь",
            "kk": "жер қойнауын пайдаланушы",
        },
        "buyer.national_company": {"en": "national company", "ru": "нацкомпания", "kk": "ұлттық компания"},
        "buyer.trader": {"en": "trader", "ru": "торговая компания", "kk": "сауда компаниясы"},
        "buyer.retail": {"en": "retail", "ru": "розница", "kk": "бөлшек сауда"},
        "certificate.ct_kz": {"en": "CT-KZ", "ru": "СТ-KZ", "kk": "СТ-KZ"},
        "certificate.iso_9001": {"en": "ISO 9001", "ru": "ИСО 9001", "kk": "ИСО 9001"},
        "certificate.defense_clearance": {
            "en": "defense clearance",
            "ru": "допуск гособоронзаказа",
            "kk": "қорғаныс тапсырысына рұқсат",
        },
        "component.product": {"en": "product", "ru": "изделие", "kk": "бұйым"},
        "component.material": {"en": "material", "ru": "материал", "kk": "материал"},
        "status.draft": {"en": "draft", "ru": "черновик", "kk": "жоба"},
        "status.open": {"en": "open", "ru": "открыт", "kk": "ашық"},
        "status.planned": {"en": "planned", "ru": "запланирован", "kk": "жоспарланған"},
        "status.in_production": {"en": "in production", "ru": "в производстве", "kk": "өндірісте"},
        "status.shipped": {"en": "shipped", "ru": "отгружен", "kk": "жөнелтілген"},
        "status.closed": {"en": "closed", "ru": "закрыт", "kk": "жабық"},
        "status.cancelled": {"en": "cancelled", "ru": "отменён", "kk": "бас тартылған"},
        "yes": {"en": "yes", "ru": "да", "kk": "иә"},
        "no": {"en": "no", "ru": "нет", "kk": "жоқ"},
    },
)

_PREFIX: dict[type[StrEnum], str] = {
    Process: "process",
    Family: "family",
    Unit: "unit",
    BuyerKind: "buyer",
    CertificateKind: "certificate",
    ComponentKind: "component",
    OrderStatus: "status",
}

# Extra spellings people use that are not labels: abbreviations, symbols, legal forms.
_EXTRA: dict[str, str] = {
    "метр": "m",
    "метры": "m",
    "м²": "m2",
    "кв м": "m2",
    "штук": "pcs",
    "штука": "pcs",
    "pc": "pcs",
    "piece": "pcs",
    "pieces": "pcs",
    "комплект": "set",
    "к-т": "set",
    "тонна": "t",
    "mh": "mh",
    "machine hour": "mh",
    "ct kz": "ct_kz",
    "ст kz": "ct_kz",
    "ст-kz": "ct_kz",
    "iso9001": "iso_9001",
    "исо 9001": "iso_9001",
}

LEGAL_FORMS = {"тоо": "LLP", "жшс": "LLP", "llp": "LLP", "ао": "JSC", "ақ": "JSC", "jsc": "JSC", "пк": "PC"}
LEGAL_FORM_LABELS = ("ТОО / LLP", "АО / JSC", "ПК / PC")

E = TypeVar("E", bound=StrEnum)
_SPACES = re.compile(r"[\s_]+")


def normalise(text: object) -> str:
    """Lower case, ё as е, underscores and runs of spaces as one space: how labels are compared."""
    return _SPACES.sub(" ", str(text).replace("\u00a0", " ").lower().replace("ё", "е")).strip()


def label(value: StrEnum, language: str = "en") -> str:
    return LABELS(f"{_PREFIX[type(value)]}.{value.value}", language)


def cell_label(value: StrEnum) -> str:
    """The label written in templates and exports: Russian, then English, as in the headers."""
    ru, en = label(value, "ru"), label(value, "en")
    return en if ru == en else f"{ru} / {en}"


def choice_labels(enum: type[StrEnum]) -> list[str]:
    return [cell_label(member) for member in enum]


def bool_label(value: bool) -> str:
    key = "yes" if value else "no"
    return f"{LABELS(key, 'ru')} / {LABELS(key, 'en')}"


@cache
def _spellings(enum: type[StrEnum]) -> dict[str, StrEnum]:
    known: dict[str, StrEnum] = {}
    for member in enum:
        texts: Iterable[str] = (
            member.value,
            member.value.replace("_", " "),
            cell_label(member),
            *(label(member, language) for language in ("en", "ru", "kk")),
        )
        for text in texts:
            known[normalise(text)] = member
    for spelling, code in _EXTRA.items():
        if code in {m.value for m in enum}:
            known[normalise(spelling)] = enum(code)
    return known


def match_choice(enum: type[E], text: object) -> E | None:
    """The value meant by a cell, or None when it is none of the list's spellings."""
    known = _spellings(enum)
    wanted = normalise(text)
    candidates = [wanted, *(part.strip() for part in wanted.split("/"))]
    for candidate in candidates:
        if candidate in known:
            return enum(known[candidate].value)
    return None
