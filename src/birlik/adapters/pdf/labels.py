"""Labels of the certificate drafts in Russian, Kazakh and English (keys are the drafts' field keys)."""

from __future__ import annotations

from birlik.i18n import Texts


def _t(en: str, ru: str, kk: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "kk": kk}


LABELS = Texts(
    "certificate_drafts",
    {
        "title_ct_kz": _t(
            "Draft: certificate of origin CT-KZ — local-content calculation",
            "Проект: сертификат о происхождении СТ-KZ — расчёт доли местного содержания",
            "Жоба: СТ-KZ шығу тегі сертификаты — жергілікті қамту үлесінің есебі",
        ),
        "title_ct_1": _t(
            "Draft: certificate of origin CT-1 — data for the chamber",
            "Проект: сертификат о происхождении СТ-1 — данные для палаты",
            "Жоба: СТ-1 шығу тегі сертификаты — палатаға арналған деректер",
        ),
        "notice": _t(
            "Prepared by Birlik for the expert and the chamber; not a certificate.",
            "Подготовлено Birlik для эксперта и палаты; не является сертификатом.",
            "Birlik сарапшы мен палата үшін дайындады; сертификат емес.",
        ),
        "applicant": _t("Applicant (manufacturer)", "Заявитель (производитель)", "Өтініш беруші (өндіруші)"),
        "exporter": _t("Exporter", "Экспортёр", "Экспорттаушы"),
        "consignee": _t("Consignee", "Грузополучатель", "Жүк алушы"),
        "goods": _t("Goods", "Товар", "Тауар"),
        "calculation": _t("Calculation", "Расчёт", "Есеп"),
        "declared_certificate": _t(
            "CT-KZ on record (declared, not changed)",
            "Имеющийся СТ-KZ (заявленный, не изменяется)",
            "Тіркелген СТ-KZ (мәлімделген, өзгертілмейді)",
        ),
        "origin": _t("Origin", "Происхождение", "Шығу тегі"),
        "invoice": _t("Invoice", "Счёт-фактура", "Шот-фактура"),
        "name": _t("Name", "Наименование", "Атауы"),
        "bin": _t("BIN", "БИН", "БСН"),
        "address": _t("Address", "Адрес", "Мекенжайы"),
        "product": _t("Product", "Наименование товара", "Тауардың атауы"),
        "sku": _t("SKU", "Артикул", "Артикул"),
        "hs_code": _t("HS code", "Код ТН ВЭД", "СЭҚ ТН коды"),
        "unit": _t("Unit", "Единица", "Өлшем бірлігі"),
        "method": _t("Method", "Методика", "Әдістеме"),
        "cost": _t("Cost of the good, KZT", "Себестоимость товара, тенге", "Тауардың өзіндік құны, теңге"),
        "profit": _t("Profit, KZT", "Прибыль, тенге", "Пайда, теңге"),
        "vat": _t("VAT", "НДС", "ҚҚС"),
        "denominator": _t("Denominator, KZT", "Знаменатель, тенге", "Бөлгіш, теңге"),
        "foreign": _t(
            "Foreign materials, KZT", "Иностранные материалы, тенге", "Шетелдік материалдар, теңге"
        ),
        "share": _t("Local-content share", "Доля местного содержания", "Жергілікті қамту үлесі"),
        "declared": _t("Declared share", "Заявленная доля", "Мәлімделген үлес"),
        "validity": _t("Valid", "Срок действия", "Қолданылу мерзімі"),
        "country_of_origin": _t("Country of origin", "Страна происхождения", "Шығу елі"),
        "criterion": _t("Origin criterion", "Критерий происхождения", "Шығу тегі критерийі"),
        "rule_source": _t("Rule", "Правило", "Ереже"),
        "reason": _t("Why", "Обоснование", "Негіздеме"),
        "ex_works_price": _t("Ex-works price, KZT", "Цена франко-завод, тенге", "Франко-зауыт бағасы, теңге"),
        "order": _t("Order / line", "Заказ / позиция", "Тапсырыс / позиция"),
        "quantity": _t("Quantity", "Количество", "Саны"),
        "unit_price": _t("Unit price", "Цена за единицу", "Бірлік бағасы"),
        "invoice_value": _t("Invoice value", "Стоимость по счёту", "Шот бойынша құны"),
        "invoice_kzt": _t("Invoice value, KZT", "Стоимость, тенге", "Құны, теңге"),
        "input": _t("Input", "Сырьё, материал", "Шикізат, материал"),
        "unit_cost": _t("Unit cost", "Цена ед.", "Бірлік құны"),
        "origin_col": _t("Origin", "Происх.", "Шығу тегі"),
        "takes_off": _t("Takes off", "Снижает", "Төмендетеді"),
        "source": _t("Source record", "Источник", "Дереккөз"),
        "originating": _t("Originating", "Происх. из РК", "ҚР-дан шыққан"),
        "value": _t("Value, KZT", "Стоимость, тенге", "Құны, теңге"),
        "page_source": _t("Source", "Источник", "Дереккөз"),
    },
)


def label(key: str, language: str) -> str:
    return LABELS(key, language) if key in LABELS else key


def column_label(key: str, language: str) -> str:
    """Column headers; "origin" is also a section, so the column has its own shorter label."""
    return label("origin_col" if key == "origin" else key, language)
