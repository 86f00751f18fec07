"""The `birlik` command line."""

from birlik.entrypoints.cli.app import app, main

__all__ = ["app", "main"]
