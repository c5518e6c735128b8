"""The officer's capture screen: MRZ filling, the check before saving, save and refuse."""

from __future__ import annotations

from typing import Any

from crossroads.borders.crossings.views import SESSION_POINT
from crossroads.borders.models import Crossing
from crossroads.borders.tests.test_crossings import CrossingTestCase
from crossroads.borders.tests.test_mrz_pages import passport
from crossroads.people.models import Person

CAPTURE = "/borders/crossings/capture/"


class CapturePageTests(CrossingTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.owner)

    def form(self, **changes: Any) -> dict[str, Any]:
        data = {"point": self.point.pk, "movement": "entry", "mrz": passport(),
                "sex": "U", "idempotency_key": "form-key-1"}
        data.update(changes)
        return data

    def test_the_screen_starts_in_the_mrz_box_with_a_fresh_key(self) -> None:
        response = self.client.get(CAPTURE)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'accesskey="m"')
        self.assertRegex(response.content.decode(), r'<textarea[^>]*autofocus[^>]*id="id_mrz"'
                                                    r'|<textarea[^>]*id="id_mrz"[^>]*autofocus')
        key = response.context["form"].initial["idempotency_key"]
        self.assertEqual(len(key), 32)

    def test_a_scanned_mrz_fills_the_traveller_fields(self) -> None:
        response = self.client.post(f"{CAPTURE}mrz/", self.form(), HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'value="KOVALCHUK"')
        self.assertContains(response, 'value="AB1234567"')
        self.assertContains(response, 'value="2031-01-01"')

    def test_a_bad_mrz_says_which_field_and_why(self) -> None:
        response = self.client.post(f"{CAPTURE}mrz/", self.form(mrz=passport()[:-3]),
                                    HTTP_HX_REQUEST="true")
        self.assertContains(response, "mrz-error")
        self.assertContains(response, "<strong>mrz</strong>")

    def test_check_shows_the_traveller_and_hits_before_anything_is_saved(self) -> None:
        from crossroads.watchlists.tests.helpers import make_entry, make_list

        make_entry(make_list(self.organisation, self.home_country), family="Kovalciuk",
                   given="Yuliya", birth_year=1990, birth_month=3, birth_day=12)
        response = self.client.post(CAPTURE, {**self.form(), "action": "check"},
                                    HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "New traveller")
        self.assertContains(response, 'class="hit"')
        self.assertContains(response, "Yuliya Kovalciuk")
        self.assertContains(response, "similar spelling")
        self.assertEqual((Crossing.objects.count(), Person.objects.count()), (0, 0))

    def test_check_recognises_a_returning_traveller_with_why(self) -> None:
        self.record(family="Ковальчук", given="Юлия", language="uk",
                    document_number="OLD000001")
        response = self.client.post(CAPTURE, {**self.form(), "action": "check"})
        self.assertContains(response, "recognised by name and date of birth")
        self.assertContains(response, '<tr class="level-exact"><th scope="row">Birth</th>')
        self.assertContains(response, "<td>KOVALCHUK</td>")
        self.assertContains(response, "This document is new for them")

    def test_save_records_and_leaves_the_form_ready_at_the_same_point(self) -> None:
        response = self.client.post(CAPTURE, {**self.form(), "action": "save"}, follow=True)
        self.assertEqual(response.status_code, 200)
        crossing = Crossing.objects.get()
        self.assertEqual((crossing.source, crossing.idempotency_key),
                         ("capture", "form-key-1"))
        self.assertContains(response, "Recorded:")
        self.assertEqual(self.client.session[SESSION_POINT], self.point.pk)
        form = response.context["form"]
        self.assertEqual(form.initial["point"], self.point.pk)
        self.assertNotEqual(form.initial["idempotency_key"], "form-key-1")

    def test_a_double_submission_records_one_crossing(self) -> None:
        for _ in range(2):
            self.client.post(CAPTURE, {**self.form(), "action": "save"})
        self.assertEqual(Crossing.objects.count(), 1)

    def test_refusing_entry_needs_a_reason(self) -> None:
        response = self.client.post(CAPTURE, {**self.form(), "action": "refuse"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "needs its reason", status_code=400)
        self.client.post(CAPTURE, {**self.form(), "action": "refuse",
                                   "refusal_reason": "no_visa"})
        self.assertEqual(Crossing.objects.get().movement, "refused")

    def test_a_closed_point_is_refused_on_the_page(self) -> None:
        response = self.client.post(CAPTURE, {**self.form(point=self.closed.pk),
                                              "action": "save"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "is closed", status_code=400)
        self.assertEqual(Crossing.objects.count(), 0)

    def test_the_mrz_disagreeing_with_a_typed_field_is_shown_on_that_field(self) -> None:
        response = self.client.post(CAPTURE, {**self.form(document_number="ZZ9999999"),
                                              "action": "save"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("document_number", response.context["form"].errors)

    def test_an_officer_of_another_country_is_refused(self) -> None:
        self.client.force_login(self.outsider)
        response = self.client.post(CAPTURE, {**self.form(), "action": "save"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Crossing.objects.count(), 0)

    def test_users_who_may_not_record_get_no_screen(self) -> None:
        self.client.force_login(self.colleague)
        self.assertEqual(self.client.get(CAPTURE).status_code, 403)
        self.assertEqual(self.client.post(f"{CAPTURE}mrz/", self.form()).status_code, 403)
        self.assertEqual(self.client.get("/borders/crossings/passenger-lists/").status_code,
                         403)

    def test_check_of_a_refused_crossing_says_why_next_to_the_field(self) -> None:
        response = self.client.post(CAPTURE, {**self.form(point=self.closed.pk),
                                              "action": "check"}, HTTP_HX_REQUEST="true")
        self.assertContains(response, "Cannot be recorded")
        self.assertContains(response, "<strong>Crossing point</strong>")
        self.assertContains(response, "is closed")

    def test_the_screen_offers_the_points_of_the_officers_country(self) -> None:
        offered = set(self.client.get(CAPTURE).context["form"].fields["point"].queryset)
        self.assertEqual(offered, {self.point, self.restricted, self.closed})
