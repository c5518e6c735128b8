"""The return workflow: every move allowed and refused, with its reason, nothing half-written;
reintegration, monitoring and who may do what."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from crossroads.protection.choices import ReturnStatus
from crossroads.protection.models import (
    CaseNote,
    MonitoringVisit,
    ReintegrationAssistance,
    ReintegrationPlan,
    ReturnApplication,
    TravelArrangement,
)
from crossroads.protection.returns import reintegration, services
from crossroads.protection.returns.services import ALLOWED, ReturnRefused
from crossroads.protection.tests.test_returns_helpers import (
    ALL_YES,
    ANSWERS,
    ReturnsTestCase,
    travel_plan,
)

R = ReturnStatus


class ApplyingTests(ReturnsTestCase):
    def test_a_case_worker_applies_for_a_person_of_the_case(self) -> None:
        application = self.applied()
        self.assertEqual(application.status, R.APPLIED)
        self.assertEqual(application.destination, "Batumi")

    def test_one_application_under_way_per_person(self) -> None:
        self.applied()
        with self.assertRaises(ValidationError) as refused:
            self.applied()
        self.assertEqual(refused.exception.message_dict["applicant"],
                         ["This person already has a return application under way."])
        self.assertEqual(ReturnApplication.objects.count(), 1)

    def test_after_a_withdrawal_the_person_may_apply_again(self) -> None:
        services.withdraw(self.owner, self.applied(), "Changed his mind")
        self.assertEqual(self.applied().status, R.APPLIED)

    def test_the_applicant_must_be_in_the_case(self) -> None:
        other = self.make_case("MDA-2026-0002", worker=self.owner)
        stranger = self.add_principal(other)
        with self.assertRaises(ValidationError) as refused:
            services.apply(self.owner, self.case, stranger, self.georgia)
        self.assertIn("applicant", refused.exception.message_dict)

    def test_outsiders_and_colleagues_without_the_case_cannot_apply(self) -> None:
        for user in (self.outsider, self.make_user("nobody", self.organisation)):
            with self.assertRaises(PermissionDenied):
                services.apply(user, self.case, self.applicant, self.georgia)
        self.assertFalse(ReturnApplication.objects.exists())

    def test_changing_the_case_without_rights_on_applications_writes_nothing(self) -> None:
        clerk = self.make_user("clerk", self.organisation)
        self.grant(clerk, type(self.case), ["view", "change"])
        with self.assertRaises(PermissionDenied):
            services.apply(clerk, self.case, self.applicant, self.georgia)
        self.assertFalse(ReturnApplication.objects.exists())


class EligibilityDecisionTests(ReturnsTestCase):
    def test_all_criteria_met_make_the_application_eligible(self) -> None:
        application = self.eligible()
        self.assertEqual(application.status, R.ELIGIBLE)
        self.assertEqual(application.decided_by, self.owner)
        self.assertEqual(application.eligibility, ALL_YES)

    def test_an_unmet_criterion_makes_it_not_eligible_with_the_reason(self) -> None:
        application = services.decide_eligibility(self.owner, self.applied(),
                                                  {**ALL_YES, "voluntary": False})
        self.assertEqual(application.status, R.INELIGIBLE)
        self.assertEqual(application.eligibility_reasons,
                         ["The decision to return is not voluntary."])

    def test_a_return_recorded_here_lately_makes_the_person_not_eligible(self) -> None:
        first = self.arrived()
        again = self.applied()
        decided = services.decide_eligibility(self.owner, again, ALL_YES)
        self.assertEqual(decided.status, R.INELIGIBLE)
        self.assertEqual(len(decided.eligibility_reasons), 1)
        self.assertIn("assisted to return", decided.eligibility_reasons[0])
        self.assertEqual(self.fresh(first).status, R.ARRIVED)

    def test_incomplete_answers_change_nothing(self) -> None:
        application = self.applied()
        with self.assertRaises(ValidationError):
            services.decide_eligibility(self.owner, application, {"voluntary": True})
        self.assertEqual(self.fresh(application).status, R.APPLIED)
        self.assertIsNone(self.fresh(application).decided_on)

    def test_a_decided_application_cannot_be_decided_again(self) -> None:
        application = self.eligible()
        with self.assertRaises(ReturnRefused) as refused:
            services.decide_eligibility(self.owner, application, ALL_YES)
        self.assertEqual(refused.exception.message_dict["status"],
                         ["A return application cannot move from “Eligible” to “Eligible”."])


class TravelTests(ReturnsTestCase):
    def test_an_eligible_applicant_becomes_travel_ready(self) -> None:
        application = self.travel_ready()
        self.assertEqual(application.status, R.TRAVEL_READY)
        self.assertEqual(application.travel.document_reference, "GE1234567")
        self.assertEqual(len(application.travel.itinerary), 2)

    def test_travel_is_refused_before_eligibility_and_after_ineligibility(self) -> None:
        applied = self.applied()
        with self.assertRaises(ReturnRefused):
            services.arrange_travel(self.owner, applied, travel_plan())
        services.decide_eligibility(self.owner, applied, {**ALL_YES, "informed": False})
        with self.assertRaises(ReturnRefused) as refused:
            services.arrange_travel(self.owner, applied, travel_plan())
        self.assertEqual(refused.exception.message_dict["status"], [
            "A return application cannot move from “Not eligible” to “Travel arranged”."])
        self.assertFalse(TravelArrangement.objects.exists())

    def test_a_failed_check_writes_no_travel_and_keeps_the_status(self) -> None:
        application = self.eligible()
        with self.assertRaises(ValidationError) as refused:
            services.arrange_travel(self.owner, application, travel_plan(escort_required=True))
        self.assertIn("escort", refused.exception.message_dict)
        self.assertFalse(TravelArrangement.objects.exists())
        self.assertEqual(self.fresh(application).status, R.ELIGIBLE)

    def test_travel_can_be_rearranged_before_departure(self) -> None:
        application = self.travel_ready()
        services.arrange_travel(self.owner, application, travel_plan(days_ahead=10))
        travel = TravelArrangement.objects.get()
        self.assertEqual(travel.departure_date, timezone.localdate() + timedelta(days=10))


class DepartureAndArrivalTests(ReturnsTestCase):
    def test_departure_then_arrival(self) -> None:
        arrived = self.arrived()
        self.assertEqual(arrived.status, R.ARRIVED)
        travel = TravelArrangement.objects.get()
        assert travel.departed_at is not None and travel.arrived_at is not None
        self.assertLessEqual(travel.departed_at, travel.arrived_at)

    def test_arrival_before_departure_is_refused(self) -> None:
        application = self.travel_ready()
        with self.assertRaises(ReturnRefused):
            services.confirm_arrival(self.owner, application)
        departed = services.confirm_departure(self.owner, application)
        travel = TravelArrangement.objects.get()
        assert travel.departed_at is not None
        with self.assertRaises(ValidationError) as refused:
            services.confirm_arrival(self.owner, departed,
                                     travel.departed_at - timedelta(hours=1))
        self.assertEqual(refused.exception.message_dict["arrived_at"],
                         ["The arrival cannot be before the departure."])
        self.assertEqual(self.fresh(departed).status, R.DEPARTED)

    def test_confirmations_cannot_be_in_the_future(self) -> None:
        application = self.travel_ready()
        with self.assertRaises(ValidationError) as refused:
            services.confirm_departure(self.owner, application,
                                       timezone.now() + timedelta(hours=2))
        self.assertIn("departed_at", refused.exception.message_dict)
        self.assertEqual(self.fresh(application).status, R.TRAVEL_READY)
        self.assertIsNone(TravelArrangement.objects.get().departed_at)

    def test_departure_needs_travel_arranged(self) -> None:
        with self.assertRaises(ReturnRefused):
            services.confirm_departure(self.owner, self.eligible())


class WithdrawalTests(ReturnsTestCase):
    def test_withdrawing_keeps_the_reason_as_a_case_note(self) -> None:
        application = services.withdraw(self.owner, self.travel_ready(), "Found work here")
        self.assertEqual(application.status, R.WITHDRAWN)
        self.assertTrue(CaseNote.objects.filter(case=self.case,
                                                text__contains="Found work here").exists())

    def test_withdrawing_needs_a_reason_and_is_refused_after_departure(self) -> None:
        application = self.applied()
        with self.assertRaises(ValidationError):
            services.withdraw(self.owner, application, "  ")
        self.assertEqual(self.fresh(application).status, R.APPLIED)
        departed = services.confirm_departure(self.owner, self.travel_ready_from(application))
        with self.assertRaises(ReturnRefused):
            services.withdraw(self.owner, departed, "Too late")
        self.assertFalse(CaseNote.objects.exists())

    def travel_ready_from(self, application: ReturnApplication) -> ReturnApplication:
        services.decide_eligibility(self.owner, application, ALL_YES)
        services.arrange_travel(self.owner, application, travel_plan())
        return self.fresh(application)


class TransitionTableTests(ReturnsTestCase):
    def test_every_status_refuses_the_moves_the_table_does_not_allow(self) -> None:
        for status in R.values:
            application = ReturnApplication(status=status)
            for target in R.values:
                if target in ALLOWED[status]:
                    services.refuse_move(application, target)
                else:
                    with self.assertRaises(ReturnRefused, msg=f"{status} → {target}"):
                        services.refuse_move(application, target)

    def test_finished_applications_allow_nothing(self) -> None:
        for status in (R.INELIGIBLE, R.ARRIVED, R.WITHDRAWN):
            self.assertEqual(ALLOWED[status], ())


class ReintegrationTests(ReturnsTestCase):
    def test_a_plan_needs_travel_arranged_first(self) -> None:
        with self.assertRaises(ReturnRefused):
            reintegration.make_plan(self.owner, self.eligible(),
                                    reintegration.PlanInput(economic="Workshop"))
        self.assertFalse(ReintegrationPlan.objects.exists())

    def test_a_plan_sets_a_goal_and_a_sensible_budget(self) -> None:
        application = self.travel_ready()
        with self.assertRaises(ValidationError) as refused:
            reintegration.make_plan(self.owner, application, reintegration.PlanInput(
                budget=Decimal("-1"), currency="eur"))
        self.assertEqual(set(refused.exception.message_dict),
                         {"economic", "budget", "currency"})
        plan = reintegration.make_plan(self.owner, application,
                                       reintegration.PlanInput(social="Flat"))
        again = reintegration.make_plan(self.owner, application,
                                        reintegration.PlanInput(social="Flat near family"))
        self.assertEqual((plan.pk, again.social), (again.pk, "Flat near family"))

    def test_assistance_is_planned_then_delivered_once(self) -> None:
        plan = self.planned()
        item = reintegration.add_assistance(self.owner, plan, "economic", "business",
                                            "Sewing machines", Decimal("900"))
        self.assertIsNone(item.delivered_on)
        delivered = reintegration.deliver(self.owner, item)
        self.assertEqual(delivered.delivered_on, timezone.localdate())
        with self.assertRaises(ReturnRefused):
            reintegration.deliver(self.owner, item)

    def test_assistance_cannot_be_delivered_in_the_future_or_be_unknown(self) -> None:
        plan = self.planned()
        with self.assertRaises(ValidationError) as refused:
            reintegration.add_assistance(self.owner, plan, "spiritual", "business")
        self.assertIn("dimension", refused.exception.message_dict)
        item = reintegration.add_assistance(self.owner, plan, "social", "housing")
        with self.assertRaises(ValidationError):
            reintegration.deliver(self.owner, item, timezone.localdate() + timedelta(days=1))
        self.assertIsNone(ReintegrationAssistance.objects.get().delivered_on)

    def test_a_visit_after_arrival_is_scored(self) -> None:
        visit = reintegration.record_visit(self.owner, self.planned(), ANSWERS)
        self.assertTrue(0 < visit.score < 1)
        self.assertAlmostEqual(visit.economic_score, 3.5 / 6.5, places=4)

    def test_no_visit_before_arrival_or_with_bad_answers(self) -> None:
        application = self.travel_ready()
        plan = reintegration.make_plan(self.owner, application,
                                       reintegration.PlanInput(economic="Workshop"))
        with self.assertRaises(ReturnRefused):
            reintegration.record_visit(self.owner, plan, ANSWERS)
        services.confirm_arrival(self.owner, services.confirm_departure(self.owner, application))
        with self.assertRaises(ValidationError):
            reintegration.record_visit(self.owner, plan, {**ANSWERS, "income": "lottery"})
        with self.assertRaises(ValidationError):
            reintegration.record_visit(self.owner, plan, ANSWERS,
                                       timezone.localdate() - timedelta(days=3))
        self.assertFalse(MonitoringVisit.objects.exists())

    def test_the_next_visit_is_due_after_the_arrival_then_after_each_visit(self) -> None:
        plan = self.planned()
        travel = TravelArrangement.objects.get()
        today = timezone.localdate()
        self.assertEqual(reintegration.next_visit_due(R.ARRIVED, travel, []),
                         today + reintegration.VISIT_INTERVAL)
        visits = [reintegration.record_visit(self.owner, plan, ANSWERS)
                  for _ in range(reintegration.VISITS)]
        self.assertIsNone(reintegration.next_visit_due(R.ARRIVED, travel, visits))


class PermissionTests(ReturnsTestCase):
    def test_the_supervisor_may_take_steps_the_outsider_may_not(self) -> None:
        application = self.applied()
        with self.assertRaises(PermissionDenied):
            services.decide_eligibility(self.outsider, application, ALL_YES)
        self.assertEqual(services.decide_eligibility(self.colleague, application,
                                                     ALL_YES).status, R.ELIGIBLE)

    def test_a_viewer_cannot_take_a_step(self) -> None:
        viewer = self.make_user("viewer", self.organisation)
        self.grant(viewer, ReturnApplication, "view")
        application = self.applied()
        with self.assertRaises(PermissionDenied):
            services.withdraw(viewer, application, "No")
        self.assertEqual(self.fresh(application).status, R.APPLIED)

    def test_a_plan_outside_the_users_add_permission_is_undone(self) -> None:
        helper = self.make_user("helper", self.organisation)
        self.grant(helper, ReturnApplication, ["view", "change"])
        application = self.travel_ready()
        with self.assertRaises(PermissionDenied):
            reintegration.make_plan(helper, application,
                                    reintegration.PlanInput(economic="Workshop"))
        self.assertFalse(ReintegrationPlan.objects.exists())
