"""End to end in a real browser: log in, read the dashboard, switch to Russian, search, open
a country; then the home page at phone width and a light keyboard check.

Runs Debian's ``chromium`` (``apt-get install chromium``) through Playwright; Playwright never
downloads a browser of its own. Without Debian's chromium the whole module is skipped.

All database work is done before the browser starts: Playwright's sync API keeps an event
loop running, and Django refuses ORM calls from the test thread while it runs (the live
server answers in a thread of its own, where the ORM works as usual).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from playwright.sync_api import Browser, Page, Response, ViewportSize, expect, sync_playwright

from crossroads.core.navigation import SECTIONS
from crossroads.reference.loaders import load_reference
from crossroads.reference.models import Country, Office
from crossroads.users.demo import load_demo

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
if CHROMIUM is None:
    pytest.skip(
        "Debian's chromium is not installed: apt-get install chromium", allow_module_level=True
    )

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 10_000
PHONE: ViewportSize = {"width": 375, "height": 740}
SCREENSHOTS = Path(django_settings.VAR_DIR) / "screenshots"  # var/ (git-ignored), not tmp_path
SEARCH_TERM = "Молд"  # the start of Moldova's Russian name in reference/data/countries.csv


def in_language(language: str, text: object) -> str:
    """``text`` (a message id or lazy string) as the catalogue gives it in ``language``."""
    with translation.override(language):
        return str(translation.gettext(text) if isinstance(text, str) else text)


@dataclass(frozen=True)
class Scenario:
    """Everything the browser part needs, read from the database before the browser starts."""

    username: str
    password: str
    role: str
    country_ru: str
    office: str


@pytest.fixture
def scenario(transactional_db: None, settings, tmp_path: Path) -> Scenario:
    settings.VAR_DIR = tmp_path  # load_demo() writes demo_credentials.txt there, not in var/
    load_reference()
    rows = {row[0]: row for row in load_demo()}
    username, password, role, _organisation = rows["analyst"]
    moldova = Country.objects.get(iso3="MDA")
    office = Office.objects.filter(country=moldova).order_by("code").first()
    assert office is not None, "the shipped offices include one in Moldova"
    assert moldova.name_ru.startswith(SEARCH_TERM), moldova.name_ru
    return Scenario(username, password, role, moldova.name_ru, office.name)


@pytest.fixture
def screenshots() -> Path:
    folder = SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def watch_responses(page: Page) -> list[Response]:
    """Collect every response the page receives."""
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    return responses


def failures(responses: list[Response]) -> list[str]:
    return [f"{r.status} {r.url}" for r in responses
            if r.status >= 400 and not r.url.endswith("/favicon.ico")]


def test_dashboard_language_search_country_phone_and_keyboard(
    live_server, scenario: Scenario, screenshots: Path, browser: Browser
) -> None:
    # Everything translated is worked out here, so the test holds whether or not the Russian
    # catalogue has a given message yet; where it has one, the page must show it.
    areas_en = in_language("en", "Areas of work")
    areas_ru = in_language("ru", "Areas of work")
    search_ru = in_language("ru", "Search everything")
    sections = [s for s in SECTIONS if s.area]
    labels_en = [in_language("en", s.label) for s in sections]
    labels_ru = [in_language("ru", s.label) for s in sections]

    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    responses = watch_responses(page)

    # An anonymous visitor is sent to the login page, which is styled.
    page.goto(live_server.url)
    expect(page).to_have_url(re.compile(r"/login/"))
    css = [r for r in responses if r.url.endswith("/static/crossroads/app.css")]
    assert css and css[0].status == 200, [f"{r.status} {r.url}" for r in responses]
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(245, 247, 250)", "app.css is not applied"

    # Log in by the fields' labels.
    page.get_by_label("Username").fill(scenario.username)
    page.get_by_label("Password").fill(scenario.password)
    page.get_by_role("button", name="Log in").click()

    # The dashboard: the user's role, the areas of work, one card per thematic area.
    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=2, name=areas_en, exact=True)).to_be_visible()
    expect(page.locator("main")).to_contain_text(scenario.role)
    cards = page.locator("main .cards > section.card")
    expect(cards).to_have_count(len(sections))
    for section, label in zip(sections, labels_en, strict=True):
        expect(cards.locator("h3", has_text=section.area)).to_contain_text(label)
    page.screenshot(path=screenshots / "dashboard-en.png", full_page=True)

    # Switch to Russian with the RU button in the header.
    page.locator("header").get_by_role("button", name="RU", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page).to_have_url(live_server.url + "/")
    heading = page.locator("main h2").first
    expect(heading).to_have_text(areas_ru)
    if areas_ru != areas_en:  # the Russian catalogue has the message: it must be shown
        expect(heading).not_to_have_text(areas_en)
    for section, label in zip(sections, labels_ru, strict=True):
        expect(cards.locator("h3", has_text=section.area)).to_contain_text(label)
    expect(page.locator("header button[aria-current='true']")).to_have_text("RU")
    page.screenshot(path=screenshots / "dashboard-ru.png", full_page=True)

    # Search everything (its label in Russian) for the start of Moldova's Russian name.
    search_box = page.get_by_label(search_ru, exact=True)
    search_box.fill(SEARCH_TERM)
    search_box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/?\?q="))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    result = page.locator("main .search-hit").get_by_role(
        "link", name=scenario.country_ru, exact=True
    )
    expect(result).to_be_visible()

    # The country page, in Russian, names the office in the country.
    result.click()
    expect(page).to_have_url(re.compile(r"/reference/.*MDA"))
    expect(page.locator("main h1")).to_contain_text(scenario.country_ru)
    expect(page.locator("main").get_by_role("link", name=scenario.office)).to_be_visible()
    assert not failures(responses), failures(responses)

    # Phone width: the same session, home page; nothing overflows and the menu is there.
    phone = browser.new_context(
        locale="en-GB", viewport=PHONE, storage_state=context.storage_state()
    )
    phone.set_default_timeout(TIMEOUT_MS)
    small = phone.new_page()
    small_responses = watch_responses(small)
    small.goto(live_server.url + "/")
    expect(small.get_by_role("heading", level=2, name=areas_ru, exact=True)).to_be_visible()
    scroll_width = small.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"] + 1, f"horizontal scroll: {scroll_width}px wide"
    navigation = small.get_by_role("navigation")
    menu = navigation.locator("summary")
    expect(menu).to_be_visible()
    # At phone width the menu starts folded, so the page comes first; it opens on demand.
    expect(navigation.get_by_role("link").first).to_be_hidden()
    menu.click()
    expect(navigation.get_by_role("link").first).to_be_visible()
    small.screenshot(path=screenshots / "home-phone.png")  # what the first screen shows
    small.screenshot(path=screenshots / "home-phone-full.png", full_page=True)

    # Keyboard, on a fresh load: the first Tab reaches the skip link (shown on focus);
    # a few more reach the search box.
    small.reload()
    small.keyboard.press("Tab")
    assert small.evaluate("document.activeElement.className") == "skip-link"
    expect(small.locator(".skip-link")).to_be_in_viewport()
    for _press in range(3):
        small.keyboard.press("Tab")
        if small.evaluate("document.activeElement.id") == "global-search":
            break
    assert small.evaluate("document.activeElement.id") == "global-search"
    assert not failures(small_responses), failures(small_responses)
    phone.close()
    context.close()
