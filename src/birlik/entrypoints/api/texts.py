"""The API's own messages (the ones not spoken by the domain), in the consortium's three languages."""

from __future__ import annotations

from birlik.i18n import Texts

TEXTS = Texts(
    "api",
    {
        "unauthenticated": {
            "en": "Log in first: the credentials are missing, wrong, expired or revoked.",
            "ru": "Сначала войдите: учётные данные отсутствуют, неверны, истекли или отозваны.",
            "kk": "Алдымен кіріңіз: тіркелгі деректері жоқ, қате, мерзімі өткен немесе кері қайтарылған.",
        },
        "route_not_found": {
            "en": "There is no such address in the Birlik API.",
            "ru": "В API Birlik нет такого адреса.",
            "kk": "Birlik API-інде мұндай мекенжай жоқ.",
        },
        "method_not_allowed": {
            "en": "This address does not accept this method.",
            "ru": "Этот адрес не принимает такой метод.",
            "kk": "Бұл мекенжай мұндай әдісті қабылдамайды.",
        },
        "validation_error": {
            "en": "The request does not have the expected form; see the fields listed.",
            "ru": "Запрос имеет неверную форму; см. перечисленные поля.",
            "kk": "Сұрау күтілген пішінде емес; тізімдегі өрістерді қараңыз.",
        },
        "conflict": {
            "en": "Someone else changed the same records at the same moment; read them again and retry.",
            "ru": "Кто-то одновременно изменил те же записи; прочитайте их снова и повторите.",
            "kk": "Біреу дәл сол жазбаларды бір мезетте өзгертті; оларды қайта оқып, қайталаңыз.",
        },
        "internal_error": {
            "en": "Birlik failed on its side; the error is logged and nothing was changed.",
            "ru": "Сбой на стороне Birlik; ошибка записана в журнал, ничего не изменено.",
            "kk": "Birlik жағында ақау болды; қате журналға жазылды, ештеңе өзгертілмеді.",
        },
        "too_many_attempts": {
            "en": "Too many failed logins; try again in {seconds} seconds.",
            "ru": "Слишком много неудачных входов; повторите через {seconds} с.",
            "kk": "Сәтсіз кіру әрекеттері тым көп; {seconds} секундтан кейін қайталаңыз.",
        },
    },
)
