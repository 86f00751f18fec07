"""PDF rendering of certificate drafts (fpdf2, pure Python, with a bundled DejaVu Sans font)."""

from birlik.adapters.pdf.certificate import render_draft

__all__ = ["render_draft"]
