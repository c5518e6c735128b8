"""The rules of return that need no database: eligibility, travel checks, scoring."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossroads.protection.choices import FitnessToTravel, TravelDocumentStatus
from crossroads.protection.returns import eligibility, sustainability
from crossroads.protection.returns.forms import itinerary_text, parse_itinerary
from crossroads.protection.returns.travel import check_travel
from crossroads.protection.tests.test_returns_helpers import ALL_YES, ANSWERS, legs, travel_plan

TODAY = date.today()


def travel_problems(**changes: Any) -> dict[str, list[str]]:
    try:
        check_travel(travel_plan(**changes), TODAY)
    except ValidationError as error:
        return error.message_dict
    return {}


class EligibilityTests(SimpleTestCase):
    def test_a_person_meeting_every_criterion_is_eligible(self) -> None:
        decision = eligibility.decide(ALL_YES)
        self.assertTrue(decision.eligible)
        self.assertEqual(decision.reasons, [])

    def test_each_unmet_criterion_is_a_reason(self) -> None:
        decision = eligibility.decide({**ALL_YES, "voluntary": False, "safe_return": False})
        self.assertFalse(decision.eligible)
        self.assertEqual(decision.reasons, [
            "The decision to return is not voluntary.",
            "Return may expose the person to persecution or serious harm."])

    def test_the_recent_return_reason_names_the_years(self) -> None:
        decision = eligibility.decide({**ALL_YES, "no_recent_return": False})
        self.assertEqual(decision.reasons, [
            f"The person was assisted to return in the last "
            f"{eligibility.RECENT_RETURN_YEARS} years."])

    def test_every_question_must_be_answered_yes_or_no(self) -> None:
        answers = {**ALL_YES, "informed": "maybe", "extra": True}
        del answers["voluntary"]
        with self.assertRaises(ValidationError) as refused:
            eligibility.decide(answers)
        problems = refused.exception.message_dict["answers"]
        self.assertEqual(len(problems), 3)
        self.assertIn("Unknown eligibility question 'extra'.", problems)


class TravelCheckTests(SimpleTestCase):
    def test_a_complete_arrangement_passes(self) -> None:
        self.assertEqual(travel_problems(), {})

    def test_a_requested_document_or_an_unfit_person_cannot_travel(self) -> None:
        self.assertEqual(travel_problems(document_status=TravelDocumentStatus.REQUESTED), {
            "document_status": ["The travel document has been requested but not issued yet."]})
        self.assertEqual(travel_problems(fitness=FitnessToTravel.UNFIT), {
            "fitness": ["The person is not fit to travel."]})

    def test_an_escort_must_be_named_when_required_or_medical(self) -> None:
        for changes in ({"escort_required": True},
                        {"fitness": FitnessToTravel.FIT_WITH_ESCORT}):
            self.assertEqual(travel_problems(**changes), {
                "escort": ["An escort is required: name the escort."]})
        self.assertEqual(travel_problems(fitness=FitnessToTravel.FIT_WITH_ESCORT,
                                         escort="Dr Lomidze"), {})
        plan = travel_plan(fitness=FitnessToTravel.FIT_WITH_ESCORT, escort="Dr Lomidze")
        self.assertTrue(plan.model_fields()["escort_required"])

    def test_a_departure_in_the_past_is_refused(self) -> None:
        problems = travel_problems(days_ahead=-1)
        self.assertEqual(problems["departure_date"],
                         ["The planned departure cannot be in the past."])

    def test_legs_must_connect_in_order_and_start_on_the_departure_day(self) -> None:
        first, second = legs()
        swapped = [first, {**second, "departs": first["departs"]}]
        self.assertEqual(travel_problems(itinerary=swapped)["itinerary"],
                         ["Leg 2 departs before the previous leg arrives."])
        elsewhere = [first, {**second, "from": "Ankara"}]
        self.assertEqual(travel_problems(itinerary=elsewhere)["itinerary"],
                         ["Leg 2 does not depart from where the previous leg arrives."])
        backwards = [{**first, "arrives": first["departs"]}, second]
        self.assertIn("Leg 1 arrives before it departs.",
                      travel_problems(itinerary=backwards)["itinerary"])
        late = (TODAY + timedelta(days=9)).isoformat()
        shifted = [{**first, "departs": f"{late}T06:40", "arrives": f"{late}T08:45"}]
        self.assertEqual(travel_problems(itinerary=shifted)["itinerary"],
                         ["The first leg departs on the planned departure day."])

    def test_an_empty_or_unreadable_itinerary_is_refused(self) -> None:
        self.assertEqual(travel_problems(itinerary=[])["itinerary"],
                         ["The itinerary needs at least one leg."])
        problems = travel_problems(itinerary=[{"from": "", "to": "Batumi", "departs": "soon"}])
        self.assertEqual(problems["itinerary"], [
            "Leg 1: give the place of departure.",
            "Leg 1: give the departure and arrival times (ISO 8601)."])

    def test_legs_typed_in_the_form_read_back_as_typed(self) -> None:
        typed = itinerary_text(legs())
        self.assertEqual(parse_itinerary(typed), legs())


#: Generation is cheap; on a loaded machine its timing says nothing about the scores.
RELAXED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANSWER = st.fixed_dictionaries({q.code: st.sampled_from([o.code for o in q.options])
                                for q in sustainability.QUESTIONS})


class SustainabilityTests(SimpleTestCase):
    def test_scores_are_weighted_means_of_the_answers(self) -> None:
        best = {q.code: max(q.options, key=lambda o: o.value).code
                for q in sustainability.QUESTIONS}
        worst = {q.code: min(q.options, key=lambda o: o.value).code
                 for q in sustainability.QUESTIONS}
        self.assertEqual(sustainability.score(best).composite, 1.0)
        self.assertEqual(sustainability.score(worst).composite, 0.0)
        self.assertEqual(sustainability.score(best).band, "high")
        self.assertEqual(sustainability.score(worst).band, "low")
        middling = sustainability.score(ANSWERS)
        # Economic: (0.5×2 + 2/3×1.5 + 0.5×2 + 0.5×1) / 6.5
        self.assertAlmostEqual(middling.economic, 3.5 / 6.5, places=4)
        self.assertEqual(middling.band, "medium")

    def test_bands_split_at_a_third_and_two_thirds(self) -> None:
        self.assertEqual([sustainability.band(x) for x in (0.0, 0.329, 0.33, 0.659, 0.66, 1)],
                         ["low", "low", "medium", "medium", "high", "high"])

    def test_a_missing_or_unknown_answer_is_refused_with_the_question(self) -> None:
        answers = {**ANSWERS, "housing": "castle"}
        del answers["debt"]
        with self.assertRaises(ValidationError) as refused:
            sustainability.score(answers)
        problems = refused.exception.message_dict["answers"]
        self.assertEqual(len(problems), 2)
        self.assertTrue(any("castle" in p for p in problems))

    @RELAXED
    @given(ANSWER)
    def test_every_score_is_between_zero_and_one(self, answers: dict[str, str]) -> None:
        scores = sustainability.score(answers)
        for value in (scores.economic, scores.social, scores.psychosocial, scores.composite):
            self.assertGreaterEqual(value, 0.0)
            self.assertLessEqual(value, 1.0)

    @RELAXED
    @given(ANSWER, st.sampled_from(sustainability.QUESTIONS), st.data())
    def test_a_better_answer_never_lowers_a_score(self, answers: dict[str, str],
                                                  question: sustainability.Question,
                                                  data: st.DataObject) -> None:
        current = question.value(answers[question.code])
        better = [o.code for o in question.options if o.value >= current]
        improved = {**answers, question.code: data.draw(st.sampled_from(better))}
        before, after = sustainability.score(answers), sustainability.score(improved)
        for name in ("economic", "social", "psychosocial", "composite"):
            self.assertGreaterEqual(getattr(after, name), getattr(before, name), name)
