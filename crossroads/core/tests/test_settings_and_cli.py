"""Production settings, the ``crossroads`` command, the demo, and bad input answered with 400s."""

from __future__ import annotations

import io
import os
import secrets
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from crossroads.core.models import Job, ObjectChange
from crossroads.core.permissions import ADD, VIEW
from crossroads.reference.models import Country
from crossroads.settings import SOURCE_ROOT
from crossroads.testing.base import CrossroadsTestCase
from crossroads.users.demo import ROLES, load_demo, stored_passwords
from crossroads.users.models import User

#: Variables of the test environment that would change what a fresh process configures.
CONFIG_VARIABLES = ("SECRET_KEY", "CROSSROADS_ENV", "ALLOWED_HOSTS", "DATABASE_URL",
                    "CROSSROADS_VAR_DIR", "CROSSROADS_DEBUG", "CROSSROADS_HTTPS",
                    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD")
#: Quick hashing for the demo users (each login hashes); PBKDF2 stays known.
QUICK_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                 "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Run a Python module in a fresh process with the given configuration variables."""
    environment = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    environment |= {"DJANGO_SETTINGS_MODULE": "crossroads.settings", **env}
    return subprocess.run([sys.executable, "-m", *args], env=environment, cwd=SOURCE_ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


class ProductionSettingsTests(TestCase):
    def setUp(self) -> None:
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.var = Path(directory.name)

    def production(self, **env: str) -> dict[str, str]:
        return {"CROSSROADS_ENV": "production", "ALLOWED_HOSTS": "example.org",
                "DATABASE_URL": f"sqlite:///{self.var / 'db.sqlite3'}",
                "CROSSROADS_VAR_DIR": str(self.var), **env}

    def test_production_settings_pass_the_deployment_checks_without_warnings(self) -> None:
        result = run(["django", "check", "--deploy", "--fail-level", "WARNING"],
                     **self.production(SECRET_KEY=secrets.token_urlsafe(60)))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_production_refuses_to_start_without_a_secret_key(self) -> None:
        result = run(["django", "check"], **self.production())
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set in production", result.stderr)
        self.assertFalse((self.var / "secret_key").exists())

    def test_outside_production_a_secret_key_is_made_once_and_kept_private(self) -> None:
        first = run(["django", "check"], CROSSROADS_VAR_DIR=str(self.var))
        self.assertEqual(first.returncode, 0, first.stderr)
        key_file = self.var / "secret_key"
        key = key_file.read_text()
        self.assertGreaterEqual(len(key), 50)
        self.assertEqual(stat.S_IMODE(key_file.stat().st_mode), 0o600)
        run(["django", "check"], CROSSROADS_VAR_DIR=str(self.var))
        self.assertEqual(key_file.read_text(), key)


class CommandLineTests(TestCase):
    def test_crossroads_help_lists_the_main_commands(self) -> None:
        result = run(["crossroads.cli", "--help"])
        self.assertEqual(result.returncode, 0, result.stderr)
        for command in ("demo", "serve", "migrate", "createuser", "load-reference", "jobs",
                        "check"):
            self.assertRegex(result.stdout, rf"(?m)^  {command} +\S")

    def test_crossroads_without_a_command_prints_the_help(self) -> None:
        result = run(["crossroads.cli"])
        self.assertIn("usage: crossroads COMMAND", result.stdout)

    def test_a_dashed_command_name_runs_the_management_command(self) -> None:
        result = run(["crossroads.cli", "load-reference", "--help"])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Load countries and territories", result.stdout)


@override_settings(PASSWORD_HASHERS=QUICK_HASHERS)
class DemoTests(TestCase):
    """``crossroads demo --no-serve``: loads everything once for the class."""

    out: str
    var: Path

    @classmethod
    def setUpClass(cls) -> None:
        cls.var_directory = tempfile.TemporaryDirectory()
        cls.var = Path(cls.var_directory.name)
        cls.enterClassContext(override_settings(VAR_DIR=cls.var))
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        cls.var_directory.cleanup()

    @classmethod
    def setUpTestData(cls) -> None:
        stdout = io.StringIO()
        # The statistics import is tested on its own (evidence/tests/test_shipped_data.py).
        call_command("demo", no_serve=True, no_statistics=True, stdout=stdout)
        cls.out = stdout.getvalue()

    def test_every_role_may_read_the_evidence_base_and_statisticians_may_import(self) -> None:
        from crossroads.evidence.models import Observation

        for user in User.objects.exclude(username="admin").filter(roles__isnull=False):
            self.assertTrue(user.has_perm("evidence.view_observation"), user.username)
        statistician = User.objects.get(username="statistician")
        self.assertTrue(statistician.has_perm("evidence.add_observation"))
        case_worker = User.objects.get(username="case.worker")
        self.assertFalse(case_worker.has_perm("evidence.add_observation"))
        self.assertTrue(Observation.objects.restrict(case_worker, "view").query is not None)

    def test_the_demo_creates_one_user_per_role(self) -> None:
        for slug, *_ in ROLES:
            self.assertEqual(User.objects.filter(roles__slug=slug).count(), 1, slug)

    def test_the_demo_prints_every_users_credentials(self) -> None:
        passwords = stored_passwords()
        self.assertEqual(len(passwords), len(ROLES))
        for username, password in passwords.items():
            self.assertIn(username, self.out)
            self.assertIn(password, self.out)

    def test_the_printed_passwords_log_in(self) -> None:
        for username, password in stored_passwords().items():
            client = Client()
            client.post("/login/", {"username": username, "password": password})
            self.assertIn(SESSION_KEY, client.session, username)

    def test_the_credentials_file_is_readable_only_by_its_owner(self) -> None:
        mode = (self.var / "demo_credentials.txt").stat().st_mode
        self.assertEqual(stat.S_IMODE(mode), 0o600)

    def test_the_demo_loads_reference_data(self) -> None:
        self.assertGreater(Country.objects.count(), 240)
        self.assertTrue(Job.objects.filter(name="reference.load", status="completed").exists())

    def test_running_the_demo_again_keeps_the_passwords(self) -> None:
        before = stored_passwords()
        rows = load_demo()
        self.assertEqual({row[0]: row[1] for row in rows}, before)
        self.assertEqual(User.objects.filter(username__in=before).count(), len(before))

    def test_demo_users_see_what_their_role_allows(self) -> None:
        client = Client()
        client.force_login(User.objects.get(username="border.officer"))
        self.assertEqual(client.get(reverse("reference:country_list")).status_code, 200)
        self.assertEqual(client.get(reverse("core:auditevent_list")).status_code, 403)

    def test_demo_changes_are_attributed_to_the_command_line(self) -> None:
        self.assertTrue(ObjectChange.objects.filter(channel="cli").exists())


class BadInputTests(CrossroadsTestCase):
    """Forms and the API answer bad input with a 400 and say what is wrong; never a 500."""

    url = "/api/v1/reference/countries/"

    def setUp(self) -> None:
        self.grant(self.owner, Country, [VIEW, ADD])
        self.api = APIClient()
        self.api.force_authenticate(self.owner)
        self.client.force_login(self.owner)

    def test_garbage_json_is_a_400(self) -> None:
        response = self.api.post(self.url, data="{not json", content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("JSON parse error", response.json()["detail"])

    def test_a_json_list_instead_of_an_object_is_a_400(self) -> None:
        response = self.api.post(self.url, data="[1, 2]", content_type="application/json")
        self.assertEqual(response.status_code, 400)

    def test_an_invalid_iso_code_is_a_400_naming_the_field(self) -> None:
        response = self.api.post(self.url, {"iso3": "md1", "iso2": "XY", "name": "Bad"},
                                 format="json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"iso3": ["Three capital letters."]})
        self.assertFalse(Country.objects.filter(name="Bad").exists())

    def test_a_duplicate_iso_code_is_a_400(self) -> None:
        response = self.api.post(self.url, {"iso3": "MDA", "iso2": "XY", "name": "Again"},
                                 format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("iso3", response.json())

    def test_the_web_form_shows_an_invalid_iso_code_next_to_the_field(self) -> None:
        response = self.client.post(reverse("reference:country_add"),
                                    {"iso3": "md1", "iso2": "XY", "name": "Bad"})
        self.assertContains(response, "Three capital letters.", status_code=400)
        self.assertFalse(Country.objects.filter(name="Bad").exists())

    def test_a_bad_date_filter_is_a_400_on_the_api(self) -> None:
        response = self.api.get(self.url, {"created__gte": "notadate"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("created__gte", response.json())

    def test_a_bad_date_filter_shows_an_error_on_the_list_page(self) -> None:
        response = self.client.get(reverse("reference:country_list"),
                                   {"created__gte": "notadate"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'class="errors"')
        self.assertContains(response, "created__gte")
        self.assertNotContains(response, "Moldova")  # no rows for an invalid filter

    def test_a_non_numeric_id_filter_is_a_400_not_a_500(self) -> None:
        for value in ("abc", "1,x", "1.5", "9" * 30):
            response = self.api.get(self.url, {"id": value})
            self.assertEqual(response.status_code, 400, value)
            self.assertIn("id", response.json())
            page = self.client.get(reverse("reference:country_list"), {"id": value})
            self.assertEqual(page.status_code, 200, value)
            self.assertContains(page, 'class="errors"')

    def test_a_valid_id_filter_still_selects_records(self) -> None:
        ids = f"{self.home_country.pk},{self.other_country.pk}"
        self.assertEqual(self.api.get(self.url, {"id": ids}).json()["count"], 2)
        self.assertEqual(self.api.get(self.url, {"id": self.home_country.pk}).json()["count"], 1)

    def test_a_bad_job_id_filter_is_a_400_not_a_500(self) -> None:
        response = self.api.get("/api/v1/core/jobs/", {"id": "not-a-uuid"})
        self.assertEqual(response.status_code, 400)

    def test_a_bad_related_filter_is_a_400(self) -> None:
        response = self.api.get(self.url, {"regions": "abc"})
        self.assertEqual(response.status_code, 400)

    def test_bad_paging_and_ordering_are_ignored(self) -> None:
        for params in ({"limit": "abc"}, {"offset": "-5"}, {"ordering": "no_such_field"}):
            self.assertEqual(self.api.get(self.url, params).status_code, 200, params)
        for params in ({"per_page": "abc"}, {"sort": "no_such_field"}):
            page = self.client.get(reverse("reference:country_list"), params)
            self.assertEqual(page.status_code, 200, params)

    def test_a_malformed_record_address_is_a_404(self) -> None:
        self.assertEqual(self.api.get(f"{self.url}abc/").status_code, 404)
        self.assertEqual(self.client.get("/reference/countries-and-territories/md1/").status_code,
                         404)
