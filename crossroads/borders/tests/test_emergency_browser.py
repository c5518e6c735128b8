"""Quick registration in a real browser, by keyboard: Enter moves on, Alt+N adds a person,
Ctrl+Enter saves the group; the live counts then show it.

Skipped without Debian's chromium (see crossroads/core/tests/test_browser.py). All
database work happens before the browser starts.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from crossroads.borders import models as m
from crossroads.borders.emergencies import services
from crossroads.borders.tests.test_emergency_support import grant_officer
from crossroads.reference.models import Country
from crossroads.testing.base import TEST_PASSWORD, CrossroadsTestCase
from crossroads.users.models import Organisation

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed: apt-get install chromium",
                allow_module_level=True)

SCREENSHOTS = Path(django_settings.VAR_DIR) / "screenshots"  # var/ (git-ignored)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Scene:
    username: str
    register_path: str
    operation_path: str


@pytest.fixture
def scene(transactional_db: None) -> Scene:
    moldova = Country.objects.create(iso3="MDA", iso2="MD", numeric="498", name="Moldova")
    ukraine = Country.objects.create(iso3="UKR", iso2="UA", numeric="804", name="Ukraine")
    police = Organisation.objects.create(name="Border Police", kind="government",
                                         country=moldova)
    officer = CrossroadsTestCase.make_user("officer", police)
    grant_officer(CrossroadsTestCase, officer)
    point = m.BorderCrossingPoint.objects.create(country=moldova, neighbour=ukraine,
                                                 code="mda-palanca", name="Palanca", kind="land")
    operation = services.start_operation(point, "Winter influx", police,
                                         timezone.now() - timedelta(days=1))
    return Scene("officer", f"/borders/emergency-operations/{operation.pk}/register/",
                 operation.get_absolute_url())


def test_a_family_is_registered_by_keyboard(live_server, scene: Scene) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(locale="en-GB")
            page.set_default_timeout(10_000)
            page.goto(live_server.url + scene.register_path)
            page.get_by_label("Username").fill(scene.username)
            page.get_by_label("Password").fill(TEST_PASSWORD)
            page.get_by_role("button", name="Log in").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Register arriving people")

            # The first person's family name has the focus; Enter moves to the given name.
            page.keyboard.type("Коваленко")
            page.keyboard.press("Enter")
            page.keyboard.type("Олена")
            expect(page.locator("#id_people-0-given")).to_have_value("Олена")
            page.select_option("#id_people-0-sex", "F")
            page.fill("#id_people-0-age", "34")

            # Alt+N adds a person and puts the cursor in their first field.
            page.keyboard.press("Alt+n")
            expect(page.locator("[data-row]")).to_have_count(2)
            expect(page.locator("#id_people-1-family")).to_be_focused()
            page.keyboard.type("Коваленко")
            page.fill("#id_people-1-given", "Андрій")
            page.fill("#id_people-1-age", "7")
            page.select_option("#id_people-1-relationship", "child")

            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / "emergency-register.png", full_page=True)
            page.locator("#id_people-1-age").press("Control+Enter")
            expect(page.locator(".messages")).to_contain_text("Registered family of 2")

            page.goto(live_server.url + scene.operation_path)
            expect(page.locator("[data-count=total]")).to_have_text("2")
            page.screenshot(path=SCREENSHOTS / "emergency-dashboard.png", full_page=True)
        finally:
            browser.close()
