"""A few journeys through the pages in a real browser (headless chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import COORDINATOR, MEMBER, Site, log_in

pytestmark = pytest.mark.e2e
SCREENSHOT = "/tmp/birlik-dashboard.png"


def test_the_coordinator_sees_the_dashboards_charts(page: Page, site: Site) -> None:
    log_in(page, site, COORDINATOR)
    expect(page).to_have_url(f"{site.base_url}/dashboard")
    expect(page.get_by_role("heading", name="Consortium dashboard")).to_be_visible()
    charts = page.locator("figure.chart-box svg")
    expect(charts).to_have_count(4)
    for i in range(4):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100
        assert charts.nth(i).locator("rect").count() > 0
    assert page.locator("svg rect.cell").count() > 10  # the heat map has cells
    page.screenshot(path=SCREENSHOT, full_page=True)


def test_the_coordinator_runs_a_plan_and_sees_it_appear(page: Page, site: Site) -> None:
    log_in(page, site, COORDINATOR)
    page.goto(f"{site.base_url}/plans")
    before = page.locator("table tbody tr").count()
    page.get_by_role("button", name="Run a new plan").click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+$"))
    ready = page.get_by_role("link", name=re.compile(r"Open plan \d+"))
    expect(ready).to_be_visible(timeout=45_000)  # htmx polls the job until the plan is stored
    ready.click()
    expect(page.get_by_role("heading", name=re.compile(r"Plan \d+"))).to_be_visible()
    expect(page.get_by_role("button", name="Approve this plan")).to_be_visible()
    page.goto(f"{site.base_url}/plans")
    assert page.locator("table tbody tr").count() == before + 1


def test_a_member_accepts_an_assignment_in_place(page: Page, site: Site) -> None:
    log_in(page, site, MEMBER)
    expect(page).to_have_url(f"{site.base_url}/assignments")
    row = page.locator("tr[id^=assignment-]").filter(has=page.get_by_role("button", name="Accept")).first
    row_id = row.get_attribute("id")
    row.get_by_role("button", name="Accept").click()
    swapped = page.locator(f"tr#{row_id}")
    expect(swapped.locator("td.status")).to_have_text(re.compile("accepted"))
    expect(swapped.get_by_role("button", name="Accept")).to_have_count(0)
    assert page.url == f"{site.base_url}/assignments"  # swapped in place, no page load


def test_switching_to_russian(page: Page, site: Site) -> None:
    log_in(page, site, COORDINATOR)
    page.get_by_role("link", name="RU").click()
    expect(page.get_by_role("heading", name="Панель консорциума")).to_be_visible()
    expect(page.get_by_role("link", name="Заказы")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_the_coordinator_sees_where_each_sewers_cloth_comes_from(page: Page, site: Site) -> None:
    """The demo's first plan weaves part of the oil workwear's twill at a member mill."""
    log_in(page, site, COORDINATOR)
    page.goto(f"{site.base_url}/plans/1")
    expect(page.get_by_role("heading", name="Cloth for the sewers")).to_be_visible()
    chain = page.get_by_role("heading", name=re.compile(r"^OIL-2027-003: local content 60\.0"))
    expect(chain).to_be_visible()
    table = chain.locator("xpath=following-sibling::table[1]")
    expect(table.locator("tbody tr").first).to_be_visible()
    cells = table.locator("tbody td:nth-child(5)").all_inner_texts()
    assert any("Melanzh Textile" in cell for cell in cells), cells
    imported = table.locator("tbody td:nth-child(6)").all_inner_texts()
    assert any("MAT-TWL-PC-CN" in cell for cell in imported), imported


def test_a_member_sees_no_cloth_chains(page: Page, site: Site) -> None:
    log_in(page, site, MEMBER)
    page.goto(f"{site.base_url}/plans/1")
    expect(page.get_by_role("heading", name=re.compile(r"Plan 1"))).to_be_visible()
    expect(page.get_by_role("heading", name="Cloth for the sewers")).to_have_count(0)


def test_the_shortfalls_read_in_russian(page: Page, site: Site) -> None:
    """The demo's export order is made late: the reason reads in the coordinator's language."""
    log_in(page, site, COORDINATOR)
    page.get_by_role("link", name="RU").click()
    page.goto(f"{site.base_url}/plans/1")
    reasons = page.locator("ul.shortfalls li").all_inner_texts()
    assert reasons, "the demo plan has late lines"
    assert any("EXP-2027-006" in r and "позже срока" in r for r in reasons), reasons
    assert not any("late" in r or "cannot be made" in r for r in reasons), reasons
