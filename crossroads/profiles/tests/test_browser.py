"""A profile from start to finish in a real browser.

A government statistician creates Moldova's profile and writes its narrative; a
programme manager of the regional office approves it; an anonymous visitor finds it in
the public repository and opens it: figures with their footnotes, a chart, the PDF.

Runs Debian's ``chromium`` like ``crossroads/core/tests/test_browser.py`` (skipped
without it). All database work happens before the browser starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from crossroads.core.tests.test_browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS
from crossroads.evidence.definitions import load_indicators
from crossroads.evidence.tests.figures import finish, make_areas, put, release
from crossroads.reference.loaders import load_reference
from crossroads.users.demo import load_demo

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class People:
    author: tuple[str, str]
    reviewer: tuple[str, str]


@pytest.fixture
def people(transactional_db: None, settings, tmp_path: Path) -> People:
    settings.VAR_DIR = tmp_path  # load_demo() writes demo_credentials.txt there
    load_reference()
    make_areas()
    load_indicators()
    census = release("ims-2020", "undesa-ims", published=date(2021, 1, 15),
                     title="International Migrant Stock 2020")
    for year, stock in ((2015, 101_500), (2020, 104_400)):
        put(census, "MIG_STOCK", "MDA", year, stock)
        put(census, "POP", "MDA", year, 2_600_000)
    put(census, "MIG_STOCK", "MDA", 2020, 60_000, origin="UKR")
    finish()
    rows = {row[0]: row for row in load_demo()}
    return People(rows["statistician"][:2], rows["programme.manager"][:2])


@pytest.fixture
def browser():
    assert CHROMIUM is not None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def log_in(browser: Browser, url: str, who: tuple[str, str]) -> Page:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url + "/login/")
    page.get_by_label("Username").fill(who[0])
    page.get_by_label("Password").fill(who[1])
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(url + "/")
    return page


def test_write_approve_and_read_a_profile(live_server, people: People, browser: Browser) -> None:
    url = live_server.url

    # The statistician writes Moldova's 2020 profile.
    page = log_in(browser, url, people.author)
    page.goto(url + "/profiles/migration-profiles/add/")
    page.get_by_label("Country or region").select_option(label="Moldova")
    page.get_by_label("Reference year").fill("2020")
    page.get_by_label("Key findings").fill("Immigration grew between 2015 and 2020.")
    page.get_by_label("Recommendations").fill("Publish the census migration tables.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main h1")).to_contain_text("Moldova, 2020")
    figure = page.locator("tr[data-figure='MIG_STOCK']").first
    expect(figure).to_contain_text("104,400")
    expect(page.locator("#notes")).to_contain_text("International Migrant Stock 2020")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".status")).to_have_text("In review")
    profile_url = page.url

    # The programme manager approves it.
    review = log_in(browser, url, people.reviewer)
    review.goto(profile_url)
    review.get_by_role("button", name="Approve and publish").click()
    expect(review.locator(".status")).to_have_text("Published")

    # Anyone finds it in the public repository and opens it.
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.set_default_timeout(TIMEOUT_MS)
    visitor.goto(url + "/published/")
    visitor.get_by_role("link", name="Moldova").click()
    expect(visitor).to_have_url(re.compile(r"/published/\d+/$"))
    expect(visitor.locator("tr[data-figure='MIG_STOCK']").first).to_contain_text("104,400")
    expect(visitor.locator("#chart-immigrants-trend svg")).to_be_visible()
    expect(visitor.locator("#part-D")).to_contain_text("Publish the census migration tables.")
    pdf = visitor.request.get(visitor.url.rstrip("/") + ".pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
