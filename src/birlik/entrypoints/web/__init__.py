"""The web UI: server-rendered pages (Jinja2 + htmx) over the same services as the API."""

from birlik.entrypoints.web.site import mount_web

__all__ = ["mount_web"]
