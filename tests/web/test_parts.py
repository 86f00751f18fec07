"""The web layer's small parts without a server: charts, redirect targets, form tokens, template texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from birlik.entrypoints.web.charts import Series, ShareBar, bar_chart, heat_map, share_bars
from birlik.entrypoints.web.rendering import TEMPLATES
from birlik.entrypoints.web.session import CsrfRejected, check_csrf, csrf_for, local_path
from birlik.entrypoints.web.texts import WEB


def test_every_text_a_template_asks_for_exists() -> None:
    asked = {
        key
        for page in Path(TEMPLATES).glob("*.html")
        for key in re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*[,)]""", page.read_text())
    }
    assert asked and asked <= set(WEB.entries), asked - set(WEB.entries)


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("/orders/X-1?a=b", "/orders/X-1?a=b"),
        ("//evil.example/x", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("orders", "/"),
        ("", "/"),
    ],
)
def test_a_redirect_target_stays_on_the_site(target: str, kept: str) -> None:
    assert local_path(target) == kept


def test_the_form_token_belongs_to_one_session() -> None:
    token = csrf_for("bk_session-one")
    check_csrf(token, token)
    assert csrf_for("bk_session-two") != token
    for sent in ("", None, csrf_for("bk_session-two")):
        with pytest.raises(CsrfRejected):
            check_csrf(token, sent)


def test_charts_escape_their_text_and_draw_every_value() -> None:
    bars = bar_chart("<b>", ["2027-01", "2027-02"], [Series("a&b", [1.0, 3.0]), Series("c", [2.0, 0.0])])
    assert "<b>" not in bars.replace("<svg", "") and "&lt;b&gt;" in bars and "a&amp;b" in bars
    assert bars.count('class="bar"') == 4
    cells = heat_map("u", ["m1", "m2"], ["2027-01"], [[0.5], [None]])
    assert cells.count('class="cell"') == 1 and "50 %" in cells
    floors = share_bars("lc", [ShareBar("O-1", 0.7, 0.6), ShareBar("O-2", 0.3, 0.6)], floor_label="floor")
    assert floors.count("#6b8f71") == 1 and floors.count("#c0504d") == 1  # met, missed
