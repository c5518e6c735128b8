"""Logging in, lockout after failed attempts, password policy and API tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from crossroads.core.permissions import ADD, VIEW
from crossroads.reference.models import Country
from crossroads.testing.base import TEST_PASSWORD, CrossroadsTestCase
from crossroads.users.forms import UserForm
from crossroads.users.models import Token, User, hash_token

LOGIN = "/login/"
COUNTRIES = "/api/v1/reference/countries/"


#: A quick hasher first: every login attempt (right or wrong) hashes a password, and the
#: default PBKDF2 costs a quarter of a second each time. PBKDF2 stays known for other hashes.
QUICK_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                 "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


class LoginTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        User.objects.update(password=MD5PasswordHasher().encode(TEST_PASSWORD, "testsalt"))

    def setUp(self) -> None:
        quick = override_settings(PASSWORD_HASHERS=QUICK_HASHERS)
        quick.enable()
        self.addCleanup(quick.disable)

    def log_in(
        self, password: str, username: str = "owner", client: Client | None = None
    ) -> Any:
        return (client or self.client).post(LOGIN, {"username": username, "password": password})

    def logged_in(self, client: Client | None = None) -> bool:
        return SESSION_KEY in (client or self.client).session

    def test_the_login_page_works(self) -> None:
        response = self.client.get(LOGIN)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Log in to Crossroads")
        self.assertContains(response, 'name="csrfmiddlewaretoken"')
        self.assertContains(response, 'autocomplete="current-password"')

    def test_anonymous_visitors_are_sent_to_the_login_page(self) -> None:
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, f"{LOGIN}?next=/", fetch_redirect_response=False)

    def test_the_right_password_logs_in_and_goes_home(self) -> None:
        response = self.log_in(TEST_PASSWORD)
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        self.assertTrue(self.logged_in())
        self.assertEqual(self.client.get(reverse("home")).status_code, 200)

    def test_a_wrong_password_is_refused_with_a_message(self) -> None:
        response = self.log_in("not-the-password")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Please enter a correct username and password")
        self.assertFalse(self.logged_in())

    def test_an_inactive_user_cannot_log_in(self) -> None:
        self.owner.is_active = False
        self.owner.save()
        self.log_in(TEST_PASSWORD)
        self.assertFalse(self.logged_in())

    def test_repeated_wrong_passwords_lock_out_even_the_right_password(self) -> None:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.log_in("not-the-password")
        response = self.log_in(TEST_PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Too many failed attempts", status_code=429)
        self.assertFalse(self.logged_in())

    def test_a_lockout_is_per_user_and_address_not_for_everyone(self) -> None:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.log_in("not-the-password")
        other = Client()
        self.log_in(TEST_PASSWORD, username="colleague", client=other)
        self.assertTrue(self.logged_in(other))

    def test_one_failure_fewer_than_the_limit_does_not_lock_out(self) -> None:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.log_in("not-the-password")
        self.log_in(TEST_PASSWORD)
        self.assertTrue(self.logged_in())

    def test_a_successful_login_resets_the_failure_count(self) -> None:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.log_in("not-the-password")
        self.log_in(TEST_PASSWORD)
        self.assertTrue(self.logged_in())
        self.client.post(reverse("logout"))
        self.assertFalse(self.logged_in())
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.log_in("not-the-password")
        self.log_in(TEST_PASSWORD)
        self.assertTrue(self.logged_in())

    def test_the_session_cookie_is_http_only_and_same_site(self) -> None:
        response = self.log_in(TEST_PASSWORD)
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        self.assertTrue(cookie["httponly"])
        self.assertEqual(cookie["samesite"], "Lax")

    def test_login_refuses_a_post_without_a_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = self.log_in(TEST_PASSWORD, client=client)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.logged_in(client))

    def test_login_accepts_a_post_with_the_pages_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.get(LOGIN)
        token = client.cookies[settings.CSRF_COOKIE_NAME].value
        response = client.post(LOGIN, {"username": "owner", "password": TEST_PASSWORD,
                                       "csrfmiddlewaretoken": token})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.logged_in(client))

    def test_a_login_redirect_never_leaves_the_site(self) -> None:
        response = self.client.post(LOGIN, {"username": "owner", "password": TEST_PASSWORD,
                                            "next": "https://evil.example.com/"})
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)


class PasswordPolicyTests(CrossroadsTestCase):
    def form_errors(self, password: str) -> list[str]:
        form = UserForm(data={"username": "newcomer", "new_password": password,
                              "is_active": True}, user=self.owner)
        self.assertFalse(form.is_valid())
        return [str(error) for error in form.errors["new_password"]]

    def test_the_user_form_refuses_a_common_password(self) -> None:
        errors = self.form_errors("password123")
        self.assertIn("This password is too common.", errors)

    def test_the_user_form_refuses_a_short_password_saying_how_long_it_must_be(self) -> None:
        errors = self.form_errors("Xq7#p")
        self.assertIn("This password is too short. It must contain at least 12 characters.",
                      errors)

    def test_the_user_form_refuses_an_all_numeric_password(self) -> None:
        self.assertIn("This password is entirely numeric.", self.form_errors("839201746512"))

    def test_the_user_form_needs_a_password_for_a_new_user(self) -> None:
        self.assertIn("A new user needs a password.", self.form_errors(""))

    def test_the_user_form_accepts_a_strong_password_and_hashes_it(self) -> None:
        form = UserForm(data={"username": "newcomer", "new_password": "kettle-orbit-saffron-9",
                              "is_active": True}, user=self.owner)
        self.assertTrue(form.is_valid(), form.errors)
        user = form.save()
        self.assertTrue(user.check_password("kettle-orbit-saffron-9"))
        self.assertNotIn("kettle", user.password)

    def test_the_createuser_command_refuses_a_common_password(self) -> None:
        with self.assertRaisesMessage(CommandError, "Password refused: ") as caught:
            call_command("createuser", "newcomer", password="password123")
        self.assertIn("This password is too common.", str(caught.exception))
        self.assertFalse(User.objects.filter(username="newcomer").exists())

    def test_the_createuser_command_refuses_a_short_password(self) -> None:
        with self.assertRaisesMessage(CommandError, "at least 12 characters"):
            call_command("createuser", "newcomer", password="Xq7#p")
        self.assertFalse(User.objects.filter(username="newcomer").exists())

    def test_the_createuser_command_creates_a_user_with_a_strong_password(self) -> None:
        from io import StringIO

        out = StringIO()
        call_command("createuser", "newcomer", password="kettle-orbit-saffron-9",
                     organisation="HOME", stdout=out)
        self.assertIn("Created user newcomer.", out.getvalue())
        user = User.objects.get(username="newcomer")
        self.assertEqual(user.organisation, self.organisation)
        self.assertTrue(user.check_password("kettle-orbit-saffron-9"))


class TokenAuthenticationTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.read_token, cls.read_key = Token.issue(cls.owner)
        cls.write_token, cls.write_key = Token.issue(cls.owner, write_enabled=True)

    def setUp(self) -> None:
        self.grant(self.owner, Country, [VIEW, ADD])

    def api(self, key: str, keyword: str = "Token") -> APIClient:
        return APIClient(HTTP_AUTHORIZATION=f"{keyword} {key}")

    def new_country(self) -> dict[str, str]:
        return {"iso3": "XTA", "iso2": "XT", "name": "Testland"}

    def test_a_valid_token_authenticates_api_requests(self) -> None:
        response = self.api(self.read_key).get(COUNTRIES)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["count"], 2)

    def test_a_bearer_token_works_too(self) -> None:
        self.assertEqual(self.api(self.read_key, "Bearer").get(COUNTRIES).status_code, 200)

    def test_a_wrong_token_is_refused(self) -> None:
        response = self.api("0" * 40).get(COUNTRIES)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "Invalid token.")
        self.assertEqual(response["WWW-Authenticate"], "Token")

    def test_no_credentials_are_refused(self) -> None:
        self.assertEqual(APIClient().get(COUNTRIES).status_code, 401)

    def test_a_malformed_authorization_header_is_refused(self) -> None:
        response = APIClient(HTTP_AUTHORIZATION=f"Token {self.read_key} extra").get(COUNTRIES)
        self.assertEqual(response.status_code, 401)

    def test_an_expired_token_is_refused(self) -> None:
        Token.objects.filter(pk=self.read_token.pk).update(
            expires=timezone.now() - timedelta(minutes=1))
        response = self.api(self.read_key).get(COUNTRIES)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "Token expired.")

    def test_a_token_expiring_later_still_works(self) -> None:
        Token.objects.filter(pk=self.read_token.pk).update(
            expires=timezone.now() + timedelta(days=1))
        self.assertEqual(self.api(self.read_key).get(COUNTRIES).status_code, 200)

    def test_the_token_of_an_inactive_user_is_refused(self) -> None:
        User.objects.filter(pk=self.owner.pk).update(is_active=False)
        response = self.api(self.read_key).get(COUNTRIES)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["detail"], "User inactive.")

    def test_a_read_only_token_can_read_but_not_write(self) -> None:
        api = self.api(self.read_key)
        self.assertEqual(api.get(COUNTRIES).status_code, 200)
        response = api.post(COUNTRIES, self.new_country(), format="json")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Country.objects.filter(iso3="XTA").exists())

    def test_a_write_enabled_token_can_write(self) -> None:
        response = self.api(self.write_key).post(COUNTRIES, self.new_country(), format="json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertTrue(Country.objects.filter(iso3="XTA").exists())

    def test_a_token_grants_no_more_than_its_users_permissions(self) -> None:
        _, key = Token.issue(self.outsider, write_enabled=True)
        self.assertEqual(self.api(key).get(COUNTRIES).status_code, 403)

    def test_the_last_use_of_a_token_is_recorded(self) -> None:
        self.assertIsNone(self.read_token.last_used)
        before = timezone.now()
        self.api(self.read_key).get(COUNTRIES)
        self.read_token.refresh_from_db()
        self.assertIsNotNone(self.read_token.last_used)
        self.assertGreaterEqual(self.read_token.last_used, before)

    def test_a_refused_token_records_no_use(self) -> None:
        User.objects.filter(pk=self.owner.pk).update(is_active=False)
        self.api(self.read_key).get(COUNTRIES)
        self.read_token.refresh_from_db()
        self.assertIsNone(self.read_token.last_used)

    def test_only_a_digest_of_the_key_is_stored(self) -> None:
        stored = Token.objects.get(pk=self.read_token.pk)
        self.assertEqual(stored.digest, hash_token(self.read_key))
        self.assertNotIn(self.read_key, [getattr(stored, f.attname) for f in Token._meta.fields])
        self.assertEqual(stored.prefix, self.read_key[:8])

    def test_a_session_api_write_needs_a_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.owner)
        self.assertEqual(client.get(COUNTRIES).status_code, 200)
        response = client.post(COUNTRIES, self.new_country(), content_type="application/json")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Country.objects.filter(iso3="XTA").exists())


class PasswordChangeTests(CrossroadsTestCase):
    def test_a_user_changes_their_own_password_within_the_policy(self) -> None:
        self.client.force_login(self.owner)
        url = reverse("users:password_change")
        weak = self.client.post(url, {"old_password": TEST_PASSWORD, "new_password1": "12345",
                                      "new_password2": "12345"})
        self.assertEqual(weak.status_code, 200)
        self.assertTrue(weak.context["form"].errors["new_password2"])
        strong = "a-much-longer-passphrase-9"
        response = self.client.post(url, {"old_password": TEST_PASSWORD,
                                          "new_password1": strong, "new_password2": strong})
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        self.owner.refresh_from_db()
        self.assertTrue(self.owner.check_password(strong))

    def test_the_old_password_is_required(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(reverse("users:password_change"), {
            "old_password": "wrong", "new_password1": "a-much-longer-passphrase-9",
            "new_password2": "a-much-longer-passphrase-9"})
        self.assertTrue(response.context["form"].errors["old_password"])
