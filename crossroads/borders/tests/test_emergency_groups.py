"""Quick registration of groups: all or nothing, a message per row, vulnerability rules."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import django as hypothesis_django

from crossroads.borders import models as m
from crossroads.borders.emergencies import services
from crossroads.borders.tests.test_emergency_support import EmergencyTestCase, family_rows, row
from crossroads.people.models import Person, PersonLink


class GroupRegistrationTests(EmergencyTestCase):
    def test_a_family_is_registered_together_with_persons_cited_by_arrivals(self) -> None:
        registered = self.register(family_rows())
        self.assertEqual(len(registered.arrivals), 3)
        group = registered.group
        self.assertEqual((group.kind, group.place_of_origin), ("family", "Odesa"))
        son = registered.arrivals[1]
        self.assertEqual((son.relationship, son.age, son.sex), ("child", 7, "M"))
        self.assertEqual(son.person.birth_year, timezone.localtime(group.arrived_at).year - 7)
        self.assertTrue(son.person.birth_approximate)
        self.assertEqual(son.person.organisation, self.organisation)
        link = PersonLink.objects.get(person=son.person)
        self.assertEqual((link.object_id, link.role), (str(son.pk), "emergency arrival"))

    def test_one_name_in_any_script_is_enough(self) -> None:
        registered = self.register([row("Мухаммад", sex="M", age=30)], kind="single")
        names = list(registered.arrivals[0].person.names.values_list("part", "value"))
        self.assertEqual(names, [("given", "Мухаммад")])

    def test_a_bad_row_refuses_the_whole_group_and_names_the_row(self) -> None:
        persons = Person.objects.count()
        rows = [row("Olena", sex="F", age=34), row("Ivan", age=130, relationship="child"),
                row("Petro", nationality="XYZ", relationship="parent")]
        with self.assertRaises(services.GroupProblems) as refused:
            self.register(rows)
        problems = refused.exception.row_problems
        self.assertEqual(sorted(problems), [2, 3])
        self.assertIn("between 0 and 120", problems[2][0])
        self.assertIn("XYZ", problems[3][0])
        self.assertEqual(Person.objects.count(), persons)
        self.assertFalse(m.ArrivalGroup.objects.exists())
        self.assertFalse(m.Arrival.objects.exists())

    def test_a_row_without_any_name_is_refused(self) -> None:
        with self.assertRaises(services.GroupProblems) as refused:
            self.register([row(sex="F", age=20)], kind="single")
        self.assertIn(1, refused.exception.row_problems)

    def test_a_person_alone_is_one_row(self) -> None:
        with self.assertRaises(services.GroupProblems) as refused:
            self.register([row("A"), row("B")], kind="single")
        self.assertIn("kind", refused.exception.group_problems)

    def test_an_ended_operation_registers_nobody(self) -> None:
        services.end_operation(self.operation, timezone.now())
        with self.assertRaises(services.GroupProblems) as refused:
            self.register([row("Late")], kind="single",
                          arrived_at=timezone.now() - timedelta(minutes=1))
        self.assertIn("operation", refused.exception.group_problems)

    def test_an_arrival_before_the_operation_started_is_refused(self) -> None:
        with self.assertRaises(services.GroupProblems) as refused:
            self.register([row("Early")], kind="single",
                          arrived_at=self.operation.started_at - timedelta(hours=1))
        self.assertIn("arrived_at", refused.exception.group_problems)


class VulnerabilityRuleTests(EmergencyTestCase):
    def refused_rows(self, rows: list[Any], kind: str = "group") -> dict[int, list[str]]:
        with self.assertRaises(services.GroupProblems) as refused:
            self.register(rows, kind=kind)
        return refused.exception.row_problems

    def test_an_unaccompanied_child_may_travel_alone(self) -> None:
        self.register([row("Dima", age=15, vulnerabilities=["unaccompanied_child"])],
                      kind="single")

    def test_an_unaccompanied_child_may_travel_with_non_relatives(self) -> None:
        self.register([row("Volunteer", age=40, relationship="head"),
                       row("Dima", age=15, relationship="unrelated",
                           vulnerabilities=["unaccompanied_child"])], kind="group")

    def test_an_unaccompanied_child_with_a_parent_is_refused(self) -> None:
        problems = self.refused_rows([
            row("Mother", sex="F", age=40),
            row("Dima", age=15, relationship="child", vulnerabilities=["unaccompanied_child"])])
        self.assertEqual(list(problems), [2])
        self.assertIn("unaccompanied child", problems[2][0])

    def test_an_unaccompanied_child_in_a_family_with_relatives_is_refused(self) -> None:
        problems = self.refused_rows([
            row("Dima", age=15, relationship="head", vulnerabilities=["unaccompanied_child"]),
            row("Sister", age=12, relationship="relative")], kind="family")
        self.assertIn(1, problems)

    def test_a_separated_child_with_an_adult_relative_who_is_not_a_parent(self) -> None:
        self.register([row("Uncle", sex="M", age=45, relationship="head"),
                       row("Nina", sex="F", age=9, relationship="relative",
                           vulnerabilities=["separated_child"])], kind="family")

    def test_a_separated_child_listed_as_a_child_of_the_head_is_refused(self) -> None:
        problems = self.refused_rows([
            row("Father", sex="M", age=45), row("Nina", sex="F", age=9, relationship="child",
                                                vulnerabilities=["separated_child"])])
        self.assertIn("parent", problems[2][0])

    def test_a_separated_child_without_an_adult_is_refused(self) -> None:
        problems = self.refused_rows([
            row("Brother", age=16, relationship="head"),
            row("Nina", age=9, relationship="relative", vulnerabilities=["separated_child"])])
        self.assertIn("adult", problems[2][0])

    def test_pregnant_is_only_for_women_or_unknown_sex(self) -> None:
        problems = self.refused_rows([row("Ion", sex="M", age=30,
                                          vulnerabilities=["pregnant"])], kind="single")
        self.assertIn("pregnant", problems[1][0])
        self.register([row("Ana", sex="F", age=30, vulnerabilities=["pregnant"]),
                       row("Unknown", sex="U", age=25, relationship="relative",
                           vulnerabilities=["pregnant"])])

    def test_a_child_flag_on_an_adult_is_refused(self) -> None:
        problems = self.refused_rows([row("Grown", age=30,
                                          vulnerabilities=["unaccompanied_child"])],
                                     kind="single")
        self.assertIn("only for a child", problems[1][0])

    def test_older_person_under_60_is_a_warning_not_a_refusal(self) -> None:
        registered = self.register([row("Vasyl", age=52, vulnerabilities=["older_person"])],
                                   kind="single")
        self.assertEqual(len(registered.warnings), 1)
        self.assertIn("60", registered.warnings[0])

    def test_flags_changed_later_follow_the_same_rules(self) -> None:
        mother, son, _grandfather = self.register(family_rows()).arrivals
        with self.assertRaises(ValidationError):
            services.change_flags(son, ["unaccompanied_child"])
        services.change_flags(mother, ["pregnant"])
        mother.refresh_from_db()
        self.assertEqual(mother.vulnerabilities, ["pregnant"])


@given(age=st.integers(min_value=-1000, max_value=1000))
def test_ages_are_accepted_from_0_to_120_only(age: int) -> None:
    problems, _warnings = services.row_problems(services.ArrivalInput(given="A", age=age))
    assert bool(problems) == (not 0 <= age <= 120)


@given(sex=st.sampled_from(["F", "M", "X", "U"]))
def test_pregnant_is_refused_exactly_for_men_and_other(sex: str) -> None:
    problems, _warnings = services.row_problems(
        services.ArrivalInput(given="A", sex=sex, age=25, vulnerabilities=["pregnant"]))
    assert bool(problems) == (sex in ("M", "X"))


class RegistrationPageTests(EmergencyTestCase):
    def url(self) -> str:
        return reverse("borders:emergencyoperation_register", args=[self.operation.pk])

    def post_data(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": "family", "arrived_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "place_of_origin": "Odesa", "remarks": "",
            "people-TOTAL_FORMS": str(len(rows)), "people-INITIAL_FORMS": "0",
            "people-MIN_NUM_FORMS": "1", "people-MAX_NUM_FORMS": "200"}
        for i, given_row in enumerate(rows):
            defaults = {"family": "", "given": "", "sex": "U", "age": "",
                        "relationship": "head", "nationality": ""}
            for key, value in {**defaults, **given_row}.items():
                data[f"people-{i}-{key}"] = value
        return data

    def test_the_page_offers_one_row_and_a_template_for_more(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="people-0-given"')
        self.assertContains(response, 'name="people-__prefix__-given"')

    def test_a_group_is_saved_and_the_page_is_ready_for_the_next(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(self.url(), self.post_data([
            {"family": "Kovalenko", "given": "Olena", "sex": "F", "age": "34"},
            {"family": "Kovalenko", "given": "Andrii", "sex": "M", "age": "7",
             "relationship": "child"},
            {},  # a row added and left empty
        ]), follow=True)
        self.assertRedirects(response, self.url())
        self.assertEqual(m.Arrival.objects.count(), 2)
        self.assertContains(response, "Registered family of 2")

    def test_a_bad_row_shows_its_problem_and_nothing_is_written(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(self.url(), self.post_data([
            {"given": "Olena", "sex": "F", "age": "34"},
            {"given": "Ion", "sex": "M", "age": "30", "relationship": "spouse",
             "vulnerabilities": "pregnant"}]))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "only for a woman", status_code=400)
        self.assertTrue(response.context["rows"].forms[1].non_field_errors())
        self.assertFalse(response.context["rows"].forms[0].non_field_errors())
        self.assertFalse(m.Arrival.objects.exists())
        self.assertFalse(Person.objects.exists())

    def test_an_age_out_of_range_is_a_field_error(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(self.url(), self.post_data([{"given": "A", "age": "150"}]))
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["rows"].forms[0].errors["age"])

    def test_an_empty_form_asks_for_at_least_one_person(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(self.url(), self.post_data([{}]))
        self.assertContains(response, "at least one person", status_code=400)

    def test_a_user_who_may_not_register_persons_is_refused(self) -> None:
        self.grant(self.colleague, m.EmergencyOperation, "view")
        self.grant(self.colleague, m.ArrivalGroup, "add")
        self.client.force_login(self.colleague)
        self.assertEqual(self.client.get(self.url()).status_code, 403)

    def test_an_officer_of_another_country_cannot_register_here(self) -> None:
        foreigner = self.make_user("foreign.officer", self.other_organisation)
        from crossroads.borders.tests.test_emergency_support import grant_officer

        grant_officer(self, foreigner)
        self.client.force_login(foreigner)
        response = self.client.post(self.url(), self.post_data([{"given": "A", "age": "20"}]))
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "You may not save", status_code=403)
        self.assertFalse(m.Arrival.objects.exists())

    def test_the_group_page_lists_its_people_with_their_flags(self) -> None:
        group = self.register(family_rows()).group
        self.client.force_login(self.owner)
        response = self.client.get(group.get_absolute_url())
        self.assertContains(response, "Petro Bondar")
        self.assertContains(response, "Older person, Person with a disability")


class OpenAlertTests(EmergencyTestCase):
    def test_the_group_page_shows_open_alerts_for_its_people(self) -> None:
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType

        if not apps.is_installed("crossroads.watchlists"):
            self.skipTest("watchlist screening is not installed")
        from crossroads.watchlists import models as w
        from crossroads.watchlists.choices import EntryAction, WatchlistKind

        grandfather = self.register(family_rows()).arrivals[2]
        watchlist = w.Watchlist.objects.create(
            name="Regional alerts", organisation=self.organisation, kind=WatchlistKind.REGIONAL)
        entry = w.WatchlistEntry.objects.create(watchlist=watchlist, family="Bondar",
                                                given="Petro", action=EntryAction.values[0])
        alert = w.Alert.objects.create(entry=entry, person=grandfather.person, score=0.9,
                               content_type=ContentType.objects.get_for_model(Person),
                               object_id=str(grandfather.person_id),
                               organisation=self.organisation)
        self.client.force_login(self.owner)
        page = self.client.get(grandfather.group.get_absolute_url())
        self.assertNotContains(page, "Watchlist alerts awaiting a decision")
        self.grant(self.owner, w.Alert, "view")
        page = self.client.get(grandfather.group.get_absolute_url())
        self.assertContains(page, "Watchlist alerts awaiting a decision")
        self.assertContains(page, f"Alert {alert.pk}:")


ROWS = st.lists(st.builds(
    services.ArrivalInput,
    given=st.sampled_from(["Olena", "Мухаммад", "", "ნინო"]),
    sex=st.sampled_from(["F", "M", "U"]),
    age=st.one_of(st.none(), st.integers(min_value=-3, max_value=125)),
    relationship=st.sampled_from(["head", "child", "parent", "relative", "unrelated"]),
    vulnerabilities=st.lists(st.sampled_from(["pregnant", "older_person", "separated_child",
                                              "unaccompanied_child", "asylum"]),
                             max_size=2, unique=True)), min_size=1, max_size=5)


class AllOrNothingPropertyTests(EmergencyTestCase, hypothesis_django.TestCase):
    """Each example runs in a transaction of its own (Hypothesis' Django test case)."""

    @settings(max_examples=30, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(rows=ROWS)
    def test_a_group_is_written_whole_or_not_at_all(self, rows: list[Any]) -> None:
        persons, arrivals = Person.objects.count(), m.Arrival.objects.count()
        try:
            registered = self.register(rows, kind="group")
        except services.GroupProblems as problems:
            self.assertTrue(problems.row_problems or problems.group_problems)
            self.assertEqual(Person.objects.count(), persons)
            self.assertEqual(m.Arrival.objects.count(), arrivals)
        else:
            self.assertEqual(len(registered.arrivals), len(rows))
            self.assertEqual(Person.objects.count(), persons + len(rows))
            self.assertEqual(m.Arrival.objects.count(), arrivals + len(rows))
