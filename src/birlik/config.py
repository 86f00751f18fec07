"""Settings from the environment (BIRLIK_ prefix), read when bootstrap asks — never at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///./birlik.db"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    language: str = "en"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get("BIRLIK_DATABASE_URL", DEFAULT_DATABASE_URL),
            language=env.get("BIRLIK_LANGUAGE", "en"),
        )
