"""Countries the consortium deals with, for the templates' drop-down list and for names typed in cells.

Any other two-letter ISO code is accepted as typed; this list only offers the usual ones.
"""

from __future__ import annotations

from birlik.adapters.excel.choices import normalise

# code: (English, Russian, Kazakh)
COUNTRIES: dict[str, tuple[str, str, str]] = {
    "KZ": ("Kazakhstan", "Казахстан", "Қазақстан"),
    "RU": ("Russia", "Россия", "Ресей"),
    "BY": ("Belarus", "Беларусь", "Беларусь"),
    "UZ": ("Uzbekistan", "Узбекистан", "Өзбекстан"),
    "KG": ("Kyrgyzstan", "Кыргызстан", "Қырғызстан"),
    "TJ": ("Tajikistan", "Таджикистан", "Тәжікстан"),
    "TM": ("Turkmenistan", "Туркменистан", "Түрікменстан"),
    "AM": ("Armenia", "Армения", "Армения"),
    "AZ": ("Azerbaijan", "Азербайджан", "Әзірбайжан"),
    "GE": ("Georgia", "Грузия", "Грузия"),
    "MN": ("Mongolia", "Монголия", "Моңғолия"),
    "CN": ("China", "Китай", "Қытай"),
    "TR": ("Turkey", "Турция", "Түркия"),
    "IN": ("India", "Индия", "Үндістан"),
    "PK": ("Pakistan", "Пакистан", "Пәкістан"),
    "IR": ("Iran", "Иран", "Иран"),
    "AE": ("United Arab Emirates", "ОАЭ", "БАӘ"),
    "KR": ("South Korea", "Южная Корея", "Оңтүстік Корея"),
    "DE": ("Germany", "Германия", "Германия"),
    "IT": ("Italy", "Италия", "Италия"),
    "PL": ("Poland", "Польша", "Польша"),
    "LT": ("Lithuania", "Литва", "Литва"),
    "FR": ("France", "Франция", "Франция"),
    "GB": ("United Kingdom", "Великобритания", "Ұлыбритания"),
    "US": ("United States", "США", "АҚШ"),
}


def country_label(code: str) -> str:
    en, ru, _ = COUNTRIES[code]
    return f"{code} — {ru} / {en}"


def country_name(code: str, language: str) -> str:
    names = COUNTRIES.get(code)
    if names is None:
        return code
    return {"en": names[0], "ru": names[1], "kk": names[2]}.get(language, names[0])


def country_by_name(text: str) -> str | None:
    wanted = normalise(text)
    for part in (wanted, *(p.strip() for p in wanted.replace("—", "/").split("/"))):
        for code, names in COUNTRIES.items():
            if part in {normalise(n) for n in names}:
                return code
    return None
