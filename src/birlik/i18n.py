"""User-facing text in the consortium's three languages: Russian, Kazakh and English.

Each feature keeps its own `Texts` next to the code that shows them, so a label and its translations
are read and changed together. English is the fallback for a missing translation or an unknown
language; a test checks that every key has all three.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

LANGUAGES = ("en", "ru", "kk")
_REGISTRY: list[Texts] = []


class Texts:
    """A small catalogue: key → {language → text}; texts may hold str.format fields."""

    def __init__(self, name: str, entries: Mapping[str, Mapping[str, str]], *, register: bool = True) -> None:
        self.name = name
        self.entries = {key: dict(value) for key, value in entries.items()}
        for key, value in self.entries.items():
            if not value.get("en"):
                raise ValueError(f"{name}.{key} has no English text, the fallback")
        if register:
            _REGISTRY.append(self)

    def __call__(self, key: str, language: str = "en", /, **fields: object) -> str:
        entry = self.entries[key]
        text = entry.get(language) or entry["en"]
        return text.format(**fields) if fields else text

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def missing(self) -> Iterator[tuple[str, str]]:
        """(key, language) pairs that fall back to English."""
        for key, value in self.entries.items():
            for language in LANGUAGES:
                if not value.get(language):
                    yield key, language


def registered() -> list[Texts]:
    return list(_REGISTRY)


def language_or_default(language: str | None) -> str:
    """A supported language code; anything else falls back to English."""
    code = (language or "en").strip().lower()[:2]
    return code if code in LANGUAGES else "en"
