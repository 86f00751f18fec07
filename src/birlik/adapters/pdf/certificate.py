"""One A4 page per certificate draft: sections of fields with their sources, then the calculation table.

The page must stay one page: if the content does not fit, it is laid out again in a smaller font (down
to 5.5 pt), and only then refused. Fonts are the bundled DejaVu Sans, which has Cyrillic and the Kazakh
letters (ә ғ қ ң ө ұ ү һ і); its licence is in fonts/LICENSE-DejaVu.txt.
"""

from __future__ import annotations

from importlib.resources import as_file, files

from fpdf import FPDF

from birlik.adapters.pdf.labels import column_label, label
from birlik.domain.content.drafts import Draft
from birlik.domain.errors import InvalidValue

_FONT = "DejaVu"
_SIZES = (8.0, 7.0, 6.5, 6.0, 5.5)
_MARGIN = 12.0
# Relative widths of the table columns, by form: the source column takes what is left.
_WIDTHS = {
    "ct_kz": (26, 17, 15, 15, 10, 14, 12, 0),
    "ct_1": (30, 16, 16, 16, 20, 0),
}


def _pdf() -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    fonts = files("birlik.adapters.pdf") / "fonts"
    for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")):
        with as_file(fonts / name) as path:
            pdf.add_font(_FONT, style, str(path))
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, margin=_MARGIN)
    return pdf


def _layout(draft: Draft, language: str, size: float) -> FPDF:
    pdf = _pdf()
    pdf.set_title(draft.reference)
    pdf.add_page()
    width = pdf.w - 2 * _MARGIN
    pdf.set_font(_FONT, "B", size + 3)
    _text(pdf, width, (size + 3) * 0.5, label(f"title_{draft.form}", language))
    pdf.set_font(_FONT, "", size)
    _text(pdf, width, size * 0.45, f"{draft.reference} · {label('notice', language)}")
    pdf.ln(1)
    for section in draft.sections:
        pdf.set_font(_FONT, "B", size + 1)
        _text(pdf, width, (size + 1) * 0.55, label(section.key, language))
        pdf.set_font(_FONT, "", size)
        with pdf.table(
            col_widths=(26, 44, 30),
            width=width,
            line_height=size * 0.42,
            text_align="LEFT",
            first_row_as_headings=False,
            borders_layout="NONE",
            padding=0.3,
        ) as table:
            for field in section.fields:
                table.row([label(field.key, language), field.value, field.source])
        pdf.ln(0.8)
    _table(pdf, draft, language, size, width)
    for note in draft.notes:
        _text(pdf, width, size * 0.45, f"• {note}")
    return pdf


def _text(pdf: FPDF, width: float, height: float, text: str) -> None:
    pdf.multi_cell(width, height, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, draft: Draft, language: str, size: float, width: float) -> None:
    weights = _WIDTHS[draft.form]
    fixed = sum(weights)
    widths = [w if w else max(width - fixed, 20) for w in weights]
    scale = width / sum(widths)
    pdf.set_font(_FONT, "", size - 0.5)
    with pdf.table(
        col_widths=tuple(w * scale for w in widths),
        line_height=size * 0.42,
        text_align="LEFT",
        first_row_as_headings=True,
        padding=0.6,
    ) as table:
        table.row([column_label(c, language) for c in draft.columns])
        for values in draft.rows:
            table.row(list(values))
    pdf.ln(1)


def render_draft(draft: Draft, language: str = "en") -> bytes:
    """The draft as a one-page PDF; refused (before anything is written) if it cannot fit on one page."""
    for size in _SIZES:
        pdf = _layout(draft, language, size)
        if pdf.pages_count == 1:
            return bytes(pdf.output())
    raise InvalidValue(f"{draft.form} draft", draft.reference, "does not fit on one page even at 5.5 pt")
