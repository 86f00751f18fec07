"""The shortfall explanations read the same in English, Russian and Kazakh: every template has
all three languages with the same slots, and a stored report renders in the reader's language."""

from __future__ import annotations

import json
import string

import numpy as np
import pytest

from birlik.allocation import AllocationProblem, EngineSettings, plan
from birlik.allocation.phrases import LANGUAGES, TEMPLATES, phrase, render, shortfall_sentence


def slots(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_template_has_every_language_with_the_same_slots(key: str) -> None:
    templates = TEMPLATES[key]
    assert set(templates) == set(LANGUAGES)
    assert {language: slots(t) for language, t in templates.items()} == {
        language: slots(templates["en"]) for language in LANGUAGES
    }


def a_line_nobody_can_make_on_time() -> AllocationProblem:
    """One member, full in the due month: the line is made a month late."""
    return AllocationProblem(
        n_months=3,
        capacity=np.array([[[0.0, 100.0, 100.0]]]),
        line_qty=np.array([150.0]),
        line_release=np.array([0]),
        line_due=np.array([1]),
        line_price=np.array([10.0]),
        line_order=np.array([0]),
        line_family=np.array([0]),
        order_lc_floor=np.array([0.0]),
        arc_line=np.array([0]),
        arc_member=np.array([0]),
        arc_production_cost=np.array([3.0]),
        arc_transport_cost=np.array([0.0]),
        arc_use=np.array([1.0]),
        arc_lc_share=np.array([0.5]),
        arc_first_month=np.array([0]),
        arc_last_month=np.array([2]),
        member_labels=("Alem Tekstil",),
        line_labels=("L-1",),
        order_labels=("ORD-1",),
        month_labels=("2027-01", "2027-02", "2027-03"),
    )


def test_a_late_line_is_explained_in_each_language_from_the_stored_message() -> None:
    result = plan(a_line_nobody_can_make_on_time(), EngineSettings(max_late_months=1))
    (late,) = result.shortfalls
    stored = {"message": late.message.as_dict(), "sentence": late.sentence}
    english = shortfall_sentence(stored, "en")
    assert english == late.sentence
    assert english.startswith("50 of ") and "will be 1 month late (2027-03, due 2027-02)" in english
    assert "Alem Tekstil (2027-01, 2027-02)" in english
    russian = shortfall_sentence(stored, "ru")
    assert "будет готово на 1 мес. позже срока (2027-03, срок 2027-02)" in russian
    assert russian.startswith("50 ед. по L-1 (ORD-1)")
    assert "Alem Tekstil (2027-01, 2027-02)" in russian and "month" not in russian
    assert "полностью заняты в месяцы, когда его можно изготовить" in russian
    kazakh = shortfall_sentence(stored, "kk")
    assert "мерзімнен 1 ай кеш болады" in kazakh
    assert shortfall_sentence(stored, "de") == english  # no template: English


def test_a_report_stored_before_messages_keeps_its_sentence() -> None:
    assert (
        shortfall_sentence({"sentence": "10 of L-1 cannot be made: …"}, "ru") == "10 of L-1 cannot be made: …"
    )


def test_who_was_excluded_follows_in_the_readers_language() -> None:
    message = phrase("short_no_member", head=phrase("head", quantity="10", line="L-1"), family="workwear")
    excluded = [f"Member {i}: no defense clearance" for i in range(6)]
    text = shortfall_sentence({"message": message.as_dict(), "excluded": excluded}, "ru")
    assert text.startswith("10 ед. по L-1 не может быть изготовлено")
    shown = "; ".join(f"Member {i}: no defense clearance" for i in range(4))
    assert text.endswith(f"Исключены: {shown} и ещё 2.")
    stored = json.loads(json.dumps(message.as_dict()))  # as a report keeps it
    assert render(stored, "kk") == render(message, "kk") and render(stored) == render(message)


def test_numbers_are_written_as_each_language_writes_them() -> None:
    message = phrase("head", quantity=60_000.5, line="L-1")
    assert render(message) == "60,000.5 of L-1"
    assert render(message, "ru") == "60\u202f000,5 ед. по L-1"
    assert render(message, "kk") == "L-1 бойынша 60\u202f000,5"


def test_a_message_from_another_version_falls_back_to_its_english_sentence() -> None:
    stored = {"message": {"key": "no_such_template", "parts": {}}, "sentence": "10 of L-1 cannot be made."}
    assert shortfall_sentence(stored, "ru") == "10 of L-1 cannot be made."


def test_the_eligibility_checks_reasons_read_in_each_language() -> None:
    from tests.unit.domain.builders import calico

    from birlik.domain.eligibility import Exclusion, Verdict
    from birlik.domain.vocabulary import CertificateKind
    from birlik.services.planning.problem import exclusion_phrase

    verdict = Verdict(
        "123456789012", (), (Exclusion.NO_UNIT_COST, Exclusion.MISSING_CERTIFICATE), (CertificateKind.CT_KZ,)
    )
    why = exclusion_phrase("Alatau Workwear", verdict, calico())
    message = phrase("short_no_member", head=phrase("head", quantity=10.0, line="L-1"), family="workwear")
    stored = json.loads(json.dumps({"message": message.as_dict(), "excluded": [why.as_dict()]}))
    english = shortfall_sentence(stored, "en")
    assert english.endswith("Excluded: Alatau Workwear has no unit cost for CALICO, holds no valid ct_kz "
                            "in the order's months.")  # fmt: skip
    russian = shortfall_sentence(stored, "ru")
    assert russian.endswith("Исключены: Alatau Workwear: не указал себестоимость CALICO, не имеет "
                            "действующего ct_kz в месяцы заказа.")  # fmt: skip
