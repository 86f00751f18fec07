"""The `birlik` command line: importing this package registers every command on `app`."""

from birlik.entrypoints.cli import commands, content, exchange, planning, rates, serve  # noqa: F401  (each module registers its commands)
from birlik.entrypoints.cli.app import app, main

__all__ = ["app", "main"]
