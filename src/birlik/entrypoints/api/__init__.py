"""The HTTP API (FastAPI): `create_app(birlik)` returns the ASGI application."""

from birlik.entrypoints.api.app import create_app

__all__ = ["create_app"]
