"""Return pages: the case page's section, the application page and its steps, the list
with its filters, and who is awaiting departure or due for monitoring."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from django.db import models
from django.urls import reverse
from django.utils import timezone

from crossroads.protection import models as m
from crossroads.protection.choices import ReturnStatus
from crossroads.protection.returns import eligibility, reintegration
from crossroads.protection.returns.forms import itinerary_text
from crossroads.protection.returns.views import ReturnApplicationViews
from crossroads.protection.tests.test_returns_helpers import (
    ANSWERS,
    ReturnsTestCase,
    legs,
    make_applications,
)
from crossroads.testing.suites import ViewTestCases

R = ReturnStatus


class ReturnApplicationViewTests(ViewTestCases.ObjectViews):
    views = ReturnApplicationViews
    editable: ClassVar[bool] = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_applications(cls.organisation, suffix))


def step_url(application: m.ReturnApplication, name: str) -> str:
    return reverse("protection:return_step", args=[application.pk, name])


def prefixed(application: m.ReturnApplication, data: dict[str, Any]) -> dict[str, Any]:
    return {f"r{application.pk}-{key}": value for key, value in data.items()}


class CaseSectionTests(ReturnsTestCase):
    def test_the_case_worker_can_apply_from_the_case_page(self) -> None:
        self.client.force_login(self.owner)
        page = self.client.get(self.case.get_absolute_url())
        self.assertContains(page, "Apply for assisted voluntary return")
        response = self.client.post(reverse("protection:return_apply", args=[self.case.pk]), {
            "apply-applicant": self.applicant.pk, "apply-country_of_return": self.georgia.pk,
            "apply-destination": "Batumi"})
        application = m.ReturnApplication.objects.get()
        self.assertRedirects(response, reverse("protection:returnapplication",
                                               args=[application.pk]))
        self.assertContains(self.client.get(self.case.get_absolute_url()), "Return to Georgia")

    def test_no_section_for_a_reader_when_the_case_has_no_application(self) -> None:
        reader = self.make_user("reader", self.organisation)
        self.grant(reader, m.Case, "view")
        self.client.force_login(reader)
        page = self.client.get(self.case.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "Assisted voluntary return")

    def test_a_reader_sees_the_application_but_no_step(self) -> None:
        self.applied()
        reader = self.make_user("reader", self.organisation)
        self.grant(reader, m.Case, "view")
        self.grant(reader, m.ReturnApplication, "view")
        self.client.force_login(reader)
        page = self.client.get(self.case.get_absolute_url())
        self.assertContains(page, "Return to Georgia")
        self.assertNotContains(page, "Decide eligibility")


class StepPageTests(ReturnsTestCase):
    def test_eligibility_is_decided_on_the_application_page(self) -> None:
        application = self.applied()
        self.client.force_login(self.owner)
        page = self.client.get(reverse("protection:returnapplication", args=[application.pk]))
        self.assertContains(page, "Decide eligibility")
        answers = {c.code: "yes" for c in eligibility.ELIGIBILITY} | {"voluntary": "no"}
        response = self.client.post(step_url(application, "decide"),
                                    prefixed(application, answers), follow=True)
        self.assertContains(response, "The decision to return is not voluntary.")
        self.assertEqual(self.fresh(application).status, R.INELIGIBLE)

    def test_travel_is_arranged_from_the_form_and_refusals_are_explained(self) -> None:
        application = self.eligible()
        self.client.force_login(self.owner)
        day = timezone.localdate() + timedelta(days=7)
        data = {"departure_date": day.isoformat(), "itinerary": itinerary_text(legs()),
                "document_status": "requested", "document_reference": "GE1",
                "fitness": "fit", "fitness_assessed_on": timezone.localdate().isoformat()}
        response = self.client.post(step_url(application, "travel"),
                                    prefixed(application, data), follow=True)
        self.assertContains(response, "requested but not issued yet")
        self.assertFalse(m.TravelArrangement.objects.exists())
        data["document_status"] = "issued"
        self.client.post(step_url(application, "travel"), prefixed(application, data))
        self.assertEqual(self.fresh(application).status, R.TRAVEL_READY)

    def test_departure_arrival_plan_assistance_and_visit_from_the_page(self) -> None:
        application = self.travel_ready()
        self.client.force_login(self.owner)
        for name in ("depart", "arrive"):
            self.client.post(step_url(application, name), prefixed(application, {"at": ""}))
        self.assertEqual(self.fresh(application).status, R.ARRIVED)
        self.client.post(step_url(application, "plan"), prefixed(application, {
            "economic": "Workshop", "currency": "EUR"}))
        self.client.post(step_url(application, "assistance"), prefixed(application, {
            "dimension": "economic", "kind": "business", "value": "500"}))
        item = m.ReintegrationAssistance.objects.get()
        self.client.post(reverse("protection:return_deliver", args=[item.pk]),
                         {"back": "case"})
        self.assertEqual(m.ReintegrationAssistance.objects.get().delivered_on,
                         timezone.localdate())
        response = self.client.post(step_url(application, "visit"),
                                    prefixed(application, ANSWERS), follow=True)
        self.assertContains(response, "Monitoring visit recorded")
        self.assertContains(response, "Medium")

    def test_an_outsider_cannot_see_or_step_an_application(self) -> None:
        application = self.applied()
        self.client.force_login(self.outsider)
        detail = reverse("protection:returnapplication", args=[application.pk])
        self.assertEqual(self.client.get(detail).status_code, 404)
        response = self.client.post(step_url(application, "withdraw"),
                                    prefixed(application, {"reason": "No"}))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.fresh(application).status, R.APPLIED)

    def test_a_step_the_workflow_does_not_allow_is_refused_with_its_reason(self) -> None:
        application = self.applied()
        self.client.force_login(self.owner)
        response = self.client.post(step_url(application, "arrive"),
                                    prefixed(application, {"at": ""}), follow=True)
        self.assertContains(response, "cannot move from “Applied” to “Arrived”")


class ListAndDuePageTests(ReturnsTestCase):
    def test_the_list_filters_by_status_and_country(self) -> None:
        self.applied()
        self.client.force_login(self.owner)
        url = reverse("protection:returnapplication_list")
        shown = self.client.get(url, {"status": "applied",
                                      "country_of_return": str(self.georgia.pk)})
        self.assertEqual(len(shown.context["table"].rows), 1)
        self.assertEqual(len(self.client.get(url, {"status": "arrived"})
                             .context["table"].rows), 0)

    def test_awaiting_departure_and_due_for_monitoring(self) -> None:
        waiting = self.travel_ready()
        other = self.make_case("MDA-2026-0009", worker=self.owner)
        returned = self.travel_ready_in(other)
        self.client.force_login(self.owner)
        page = self.client.get(reverse("protection:return_due"))
        self.assertEqual([a.pk for a, _t in page.context["waiting"]], [waiting.pk, returned.pk])
        self.assertEqual(page.context["monitoring"], [])
        travel = m.TravelArrangement.objects.get(application=returned)
        travel.arrived_at = timezone.now() - timedelta(days=80)
        travel.departed_at = travel.arrived_at - timedelta(hours=5)
        travel.save()
        m.ReturnApplication.objects.filter(pk=returned.pk).update(status=R.ARRIVED)
        page = self.client.get(reverse("protection:return_due"))
        due_on = timezone.localtime(travel.arrived_at).date() + reintegration.VISIT_INTERVAL
        self.assertEqual([(a.pk, when) for a, when in page.context["monitoring"]],
                         [(returned.pk, due_on)])

    def test_the_due_page_shows_nothing_to_an_outsider(self) -> None:
        self.travel_ready()
        self.client.force_login(self.outsider)
        page = self.client.get(reverse("protection:return_due"))
        self.assertEqual(page.context["waiting"], [])
        nobody = self.make_user("nobody", self.organisation)
        self.client.force_login(nobody)
        self.assertEqual(self.client.get(reverse("protection:return_due")).status_code, 403)

    def travel_ready_in(self, case: m.Case) -> m.ReturnApplication:
        from crossroads.protection.returns import services
        from crossroads.protection.tests.test_returns_helpers import ALL_YES, travel_plan

        person = self.add_principal(case)
        application = services.apply(self.owner, case, person, self.georgia)
        services.decide_eligibility(self.owner, application, ALL_YES)
        services.arrange_travel(self.owner, application, travel_plan(days_ahead=9))
        return self.fresh(application)
