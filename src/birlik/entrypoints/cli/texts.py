"""The command line's own words in Russian, Kazakh and English, and the language chosen for them.

Keys are the English text itself, so a table reads the same in the code as on an English screen; the
language comes from `--lang` or BIRLIK_LANGUAGE and falls back to English.
"""

from __future__ import annotations

from birlik.config import Settings
from birlik.i18n import Texts, language_or_default

_WORDS: dict[str, tuple[str, str]] = {
    # (Russian, Kazakh)
    "order": ("заказ", "тапсырыс"),
    "orders": ("заказов", "тапсырыс"),  # after a count: "6 orders"
    "Orders": ("Заказы", "Тапсырыстар"),
    "buyer": ("заказчик", "тапсырыс беруші"),
    "to": ("куда", "қайда"),
    "value": ("сумма", "сома"),
    "LC min": ("мин. ВЦ", "ең аз ЕҚ"),
    "requires": ("требуется", "талап етіледі"),
    "confidential": ("конфиденциально", "құпия"),
    "What each order needs": ("Что нужно каждому заказу", "Әр тапсырысқа не қажет"),
    "line": ("позиция", "позиция"),
    "product": ("изделие", "бұйым"),
    "quantity": ("количество", "саны"),
    "due": ("срок", "мерзімі"),
    "members able": ("могут сделать", "жасай алатындар"),
    "eligible": ("допущены", "рұқсат етілген"),
    "able but lacking": ("могут, но нет", "жасай алады, бірақ жоқ"),
    "lack": ("без", "жоқ"),
    "name": ("название", "атауы"),
    "city": ("город", "қала"),
    "processes": ("переделы", "өңдеу кезеңдері"),
    "capacity / month": ("мощность / месяц", "қуат / ай"),
    "certificates": ("сертификаты", "сертификаттар"),
    "defense clearance": ("допуск к оборонзаказу", "қорғаныс тапсырысына рұқсат"),
    "Members": ("Участники", "Қатысушылар"),
    "Lines of": ("Позиции заказа", "Тапсырыс позициялары"),
    "Birlik — demo consortium": ("Бирлик — демонстрационный консорциум", "Бірлік — демо консорциум"),
    "members": ("участников", "қатысушы"),
    "cleared for defense orders": ("с допуском к оборонзаказу", "қорғаныс тапсырысына рұқсаты бар"),
    "products": ("изделий", "бұйым"),
    "By region:": ("По регионам:", "Өңірлер бойынша:"),
    "By process:": ("По переделам:", "Өңдеу кезеңдері бойынша:"),
    "Plan": ("План", "Жоспар"),
    "Solver": ("Решатель", "Шешуші"),
    "gap": ("разрыв", "алшақтық"),
    "columns": ("столбцов", "баған"),
    "rows": ("строк", "жол"),
    "built in": ("построено за", "құрылды"),
    "solved in": ("решено за", "шешілді"),
    "Horizon": ("Горизонт", "Көкжиек"),
    "Cost (KZT)": ("Затраты (тенге)", "Шығындар (теңге)"),
    "total": ("итого", "барлығы"),
    "production": ("производство", "өндіріс"),
    "transport": ("перевозка", "тасымал"),
    "lateness": ("опоздание", "кешігу"),
    "holding": ("хранение", "сақтау"),
    "shortage": ("недопоставка", "жетіспеушілік"),
    "fairness": ("равномерность", "біркелкілік"),
    "value, KZT": ("сумма, тенге", "сома, теңге"),
    "cost, KZT": ("затраты, тенге", "шығын, теңге"),
    "LC share": ("доля ВЦ", "ЕҚ үлесі"),
    "LC floor": ("мин. ВЦ", "ең аз ЕҚ"),
    "made": ("изготовлено", "жасалды"),
    "not met": ("не достигнута", "орындалмады"),
    "Who makes what": ("Кто что делает", "Кім не жасайды"),
    "member": ("участник", "қатысушы"),
    "months": ("месяцы", "айлар"),
    "LC": ("ВЦ", "ЕҚ"),
    "mo late": ("мес. опоздания", "ай кешігу"),
    "Short or late, and why": ("Недопоставки и опоздания — почему", "Жетіспеушілік пен кешігу — неге"),
    "not made": ("не изготовлено", "жасалмады"),
    "reason": ("причина", "себебі"),
    "Every line is made in full and on time.": (
        "Все позиции изготавливаются полностью и в срок.",
        "Барлық позиция толық әрі уақытында жасалады.",
    ),
    "Plans": ("Планы", "Жоспарлар"),
    "created (UTC)": ("создан (UTC)", "құрылды (UTC)"),
    "status": ("статус", "мәртебе"),
    "objective, KZT": ("целевая функция, тенге", "мақсат функциясы, теңге"),
    "assignments": ("назначения", "тапсырмалар"),
    "solver": ("решатель", "шешуші"),
    # the multi-stage chain of an order: who makes its cloth, who sews, what is imported
    "Chain of {order}: LC {share} (floor {floor}), member cloth {member}, imported {imported}": (
        "Цепочка {order}: ВЦ {share} (минимум {floor}), ткань участников {member}, импорт {imported}",
        "{order} тізбегі: ЕҚ {share} (ең азы {floor}), қатысушылар маталары {member}, импорт {imported}",
    ),
    "; +{points} points of floor would cost {cost} KZT": (
        "; +{points} п. к минимуму стоили бы {cost} тенге",
        "; ең азын +{points} тармаққа көтеру {cost} теңге тұрар еді",
    ),
    "sewer": ("швейная фабрика", "тігін фабрикасы"),
    "month": ("месяц", "ай"),
    "cloth from mills": ("ткань от фабрик", "фабрикалардан мата"),
    "imported": ("импорт", "импорт"),
    # a product whose cloth the planner could not weigh against its import (render_plan._unstaged)
    "{product} ({orders}): its cloth {cloth} was not weighed against the import {material}, so {count} "
    "candidate assignments are planned single-stage. Material {missing} has no HS code: record it in "
    'the registry workbook (sheet "Materials", column "HS code") and plan again.': (
        "{product} ({orders}): ткань {cloth} не сравнивалась с импортной {material}, поэтому {count} "
        "возможных назначений спланированы в один передел. У материала {missing} не указан код ТН ВЭД: "
        "внесите его в реестр (лист «Материалы», столбец «Код ТН ВЭД») и пересчитайте план.",
        "{product} ({orders}): {cloth} матасы {material} импортымен салыстырылмады, сондықтан {count} "
        "үміткер тапсырма бір сатылы жоспарланды. {missing} материалының СЭҚ ТН коды көрсетілмеген: "
        "оны тізілімге енгізіп («Материалдар» парағы, «СЭҚ ТН коды» бағаны), жоспарды қайта құрыңыз.",
    ),
    "{product} ({orders}): its cloth {cloth} was not weighed against the import {material}, so {count} "
    "candidate assignments are planned single-stage: {message}": (
        "{product} ({orders}): ткань {cloth} не сравнивалась с импортной {material}, поэтому {count} "
        "возможных назначений спланированы в один передел: {message}",
        "{product} ({orders}): {cloth} матасы {material} импортымен салыстырылмады, сондықтан {count} "
        "үміткер тапсырма бір сатылы жоспарланды: {message}",
    ),
}

# Keys that are identifiers in the plan report rather than English text (its cost terms).
_TERMS: dict[str, tuple[str, str, str]] = {
    # (English, Russian, Kazakh)
    "imported_cloth": ("imported cloth", "импортная ткань", "импорттық мата"),
    "member_cloth": ("member cloth", "ткань участников", "қатысушылар матасы"),
}

CLI = Texts(
    "cli",
    {en: {"en": en, "ru": ru, "kk": kk} for en, (ru, kk) in _WORDS.items()}
    | {key: {"en": en, "ru": ru, "kk": kk} for key, (en, ru, kk) in _TERMS.items()},
)

_chosen: list[str] = []


def choose_language(language: str | None) -> None:
    """Set the language for this process's output (the CLI's --lang option)."""
    _chosen[:] = [language_or_default(language)] if language else []


def cli_language() -> str:
    return _chosen[0] if _chosen else language_or_default(Settings.from_env().language)


def say(english: str, **fields: object) -> str:
    """The text in the chosen language, its {fields} filled in; a text without a catalogue entry is
    shown as it is."""
    if english in CLI:
        return CLI(english, cli_language(), **fields)
    return english.format(**fields) if fields else english
