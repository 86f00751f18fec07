from __future__ import annotations

import importlib
import pkgutil

import pytest

import birlik
from birlik.i18n import Texts, language_or_default, registered


def _import_everything() -> None:
    for module in pkgutil.walk_packages(birlik.__path__, "birlik."):
        importlib.import_module(module.name)


def test_every_user_facing_text_exists_in_russian_kazakh_and_english() -> None:
    _import_everything()
    missing = [
        f"{texts.name}.{key} [{language}]" for texts in registered() for key, language in texts.missing()
    ]
    assert missing == []


def test_english_is_the_fallback_for_a_language_without_a_translation() -> None:
    texts = Texts("test_fallback", {"hello": {"en": "Hello {name}", "ru": "Привет {name}"}}, register=False)
    assert texts("hello", "ru", name="Айгуль") == "Привет Айгуль"
    assert texts("hello", "kk", name="Айгуль") == "Hello Айгуль"


def test_a_text_without_english_is_refused() -> None:
    with pytest.raises(ValueError, match="no English text"):
        Texts("broken", {"x": {"ru": "только по-русски"}}, register=False)


@pytest.mark.parametrize(
    ("given", "used"), [("ru", "ru"), ("KK", "kk"), ("ru_RU", "ru"), ("de", "en"), (None, "en")]
)
def test_language_codes_fall_back_to_english(given: str | None, used: str) -> None:
    assert language_or_default(given) == used
