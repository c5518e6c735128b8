"""A referral across two organisations in a real browser: a case worker registers a case,
adds the person, records their consent and refers them to another organisation's shelter;
that organisation's focal point logs in and accepts the referral.

Skipped without Debian's chromium (see crossroads/core/tests/test_browser.py). All
database work happens before the browser starts.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect, sync_playwright

from crossroads.people.models import Person, PersonName
from crossroads.protection.choices import Service
from crossroads.protection.models import Referral, ServiceOffer, ServiceProvider
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.reference.models import Country
from crossroads.testing.base import TEST_PASSWORD, CrossroadsTestCase
from crossroads.users.models import Organisation, User

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed: apt-get install chromium",
                allow_module_level=True)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Scene:
    person_uid: str
    shelter: str
    receiver_pk: int


@pytest.fixture
def scene(transactional_db: None) -> Scene:
    """Two organisations: the NGO's case worker, and the shelter's focal point."""
    moldova = Country.objects.create(iso3="MDA", iso2="MD", numeric="498", name="Moldova")
    ngo = Organisation.objects.create(name="Migrant Support NGO", acronym="NGO", kind="ngo",
                                      country=moldova)
    shelter_org = Organisation.objects.create(name="Safe Shelter", acronym="SHL", kind="ngo",
                                              country=moldova)
    worker = CrossroadsTestCase.make_user("worker", ngo)
    ProtectionTestCase.grant_case_worker(worker)
    ProtectionTestCase.grant_referrals(worker, {"case__organisation": "$user.organisation",
                                                "case__case_worker": "$user"})
    for model in (Organisation, User, Person, PersonName):
        CrossroadsTestCase.grant(worker, model, "view")
    focal = CrossroadsTestCase.make_user("focal", shelter_org)
    ProtectionTestCase.grant_focal_point(focal)
    person = Person.objects.create(organisation=ngo, sex="F", birth_year=1998)
    PersonName.objects.create(person=person, part="given", value="Marina")
    PersonName.objects.create(person=person, part="family", value="Ionova")
    shelter = ServiceProvider.objects.create(organisation=shelter_org, name="Safe House",
                                             country=moldova)
    ServiceOffer.objects.create(provider=shelter, service=Service.SHELTER, capacity=10)
    return Scene(str(person.uid), "Safe House (Safe Shelter)", shelter_org.pk)


def log_in(browser: Browser, url: str, username: str) -> Page:
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return page


def register_case(page: Page) -> None:
    page.fill("#id_reference", "NGO-2026-0042")
    page.select_option("#id_case_type", "presumed_vot")
    page.select_option("#id_organisation", label="Migrant Support NGO")
    page.select_option("#id_case_worker", label="worker")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("NGO-2026-0042")


def add_person_and_consent(page: Page, scene: Scene) -> None:
    page.get_by_label("Person identifier").fill(scene.person_uid)
    page.get_by_role("button", name="Add person").click()
    expect(page.locator("#persons-title + ul")).to_contain_text("Marina Ionova")
    consent = page.locator("form", has=page.get_by_role("button", name="Record consent"))
    consent.locator("select[name=purpose]").select_option("referral")
    consent.locator("input[name=organisation]").fill(str(scene.receiver_pk))
    consent.locator("input[name=given_on]").fill(timezone.localdate().isoformat())
    consent.get_by_role("button", name="Record consent").click()
    expect(page.get_by_text("Consent recorded.")).to_be_visible()


def refer(page: Page, scene: Scene) -> None:
    page.locator("summary", has_text="Refer").first.click()
    form = page.locator("#refer-form")
    form.locator("#id_case_person").select_option(label="Marina Ionova")
    form.locator("#id_provider").select_option(label=scene.shelter)
    form.locator("#id_service").select_option("shelter")
    form.locator("#id_needs").fill("A safe place while she gives evidence.")
    respond_by = timezone.localdate() + timedelta(days=3)
    form.locator("#id_respond_by").fill(respond_by.isoformat())
    form.get_by_label("Name", exact=True).check()
    form.get_by_role("button", name="Refer").click()
    expect(page.locator("#referral-status")).to_have_text("Sent")


def test_a_case_is_referred_and_the_other_organisation_accepts(live_server,
                                                              scene: Scene) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = log_in(browser, live_server.url + "/protection/cases/add/", "worker")
            register_case(page)
            add_person_and_consent(page, scene)
            refer(page, scene)
            referral_url = page.url

            receiver = log_in(browser, referral_url, "focal")
            expect(receiver.get_by_text("Marina Ionova")).to_be_visible()
            expect(receiver.get_by_text("NGO-2026-0042")).to_have_count(0)
            receiver.get_by_role("button", name="Accept").click()
            expect(receiver.locator("#referral-status")).to_have_text("Accepted")
        finally:
            browser.close()
    referral = Referral.objects.get()
    assert referral.status == "accepted"
    assert referral.responded_by is not None and referral.responded_by.username == "focal"
