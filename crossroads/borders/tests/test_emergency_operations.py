"""Emergency operations: starting and ending, the point's status, one at a time; counts."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from crossroads.borders import models as m
from crossroads.borders.emergencies import counts, services
from crossroads.borders.tests.test_emergency_support import EmergencyTestCase, family_rows, row


class StartAndEndTests(EmergencyTestCase):
    def test_starting_puts_the_point_in_emergency_mode(self) -> None:
        self.point.refresh_from_db()
        self.assertEqual(self.point.status, "emergency")
        self.assertEqual(self.operation.status, "active")
        self.assertEqual(self.operation.previous_status, "open")

    def test_it_refuses_a_second_operation_at_the_same_point(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            services.start_operation(self.point, "Second", self.organisation)
        self.assertIn("point", refused.exception.message_dict)
        self.assertIn("already in emergency mode", refused.exception.message_dict["point"][0])
        self.assertEqual(m.EmergencyOperation.objects.filter(point=self.point).count(), 1)

    def test_another_point_can_start_its_own_operation(self) -> None:
        services.start_operation(self.other_point, "Second", self.organisation)
        self.other_point.refresh_from_db()
        self.assertEqual(self.other_point.status, "emergency")

    def test_ending_needs_the_end_time(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            services.end_operation(self.operation, None)
        self.assertIn("ended_at", refused.exception.message_dict)
        self.operation.refresh_from_db()
        self.assertEqual(self.operation.status, "active")

    def test_an_operation_cannot_end_before_it_started(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            services.end_operation(self.operation, self.operation.started_at - timedelta(hours=1))
        self.assertIn("ended_at", refused.exception.message_dict)
        self.point.refresh_from_db()
        self.assertEqual(self.point.status, "emergency")

    def test_it_cannot_end_before_the_last_group_arrived(self) -> None:
        self.register([row("Ana")], kind="single", arrived_at=timezone.now() - timedelta(hours=1))
        with self.assertRaises(ValidationError):
            services.end_operation(self.operation, timezone.now() - timedelta(hours=3))

    def test_ending_restores_the_status_the_point_had_before(self) -> None:
        self.other_point.status = "restricted"
        self.other_point.save()
        operation = services.start_operation(self.other_point, "Floods", self.organisation)
        services.end_operation(operation, timezone.now())
        self.other_point.refresh_from_db()
        operation.refresh_from_db()
        self.assertEqual(self.other_point.status, "restricted")
        self.assertEqual((operation.status, operation.ended_at is not None), ("ended", True))

    def test_a_status_changed_during_the_operation_stands(self) -> None:
        m.BorderCrossingPoint.objects.filter(pk=self.point.pk).update(status="closed")
        services.end_operation(self.operation, timezone.now())
        self.point.refresh_from_db()
        self.assertEqual(self.point.status, "closed")

    def test_an_ended_operation_cannot_end_again_and_a_new_one_may_start(self) -> None:
        services.end_operation(self.operation, timezone.now())
        with self.assertRaises(ValidationError):
            services.end_operation(self.operation, timezone.now())
        services.start_operation(self.point, "Second wave", self.organisation)
        self.assertEqual(m.EmergencyOperation.objects.filter(point=self.point,
                                                             status="active").count(), 1)

    def test_a_start_in_the_future_is_refused(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            services.start_operation(self.other_point, "Later", self.organisation,
                                     timezone.now() + timedelta(days=1))
        self.assertIn("started_at", refused.exception.message_dict)
        self.other_point.refresh_from_db()
        self.assertEqual(self.other_point.status, "open")


class OperationPageTests(EmergencyTestCase):
    def test_an_officer_starts_an_operation_at_a_point_of_their_country(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(reverse("borders:emergencyoperation_start"), {
            "point": self.other_point.pk, "name": "Convoy", "started_at": "2026-01-05T08:00"})
        self.assertEqual(response.status_code, 302)
        self.other_point.refresh_from_db()
        self.assertEqual(self.other_point.status, "emergency")

    def test_a_point_of_another_country_is_refused_and_nothing_changes(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(reverse("borders:emergencyoperation_start"), {
            "point": self.foreign_point.pk, "name": "Convoy", "started_at": "2026-01-05T08:00"})
        self.assertEqual(response.status_code, 403)
        self.foreign_point.refresh_from_db()
        self.assertEqual(self.foreign_point.status, "open")
        self.assertFalse(m.EmergencyOperation.objects.filter(point=self.foreign_point).exists())

    def test_a_second_operation_is_refused_on_the_form(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(reverse("borders:emergencyoperation_start"), {
            "point": self.point.pk, "name": "Again", "started_at": "2026-01-05T08:00"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "already in emergency mode", status_code=400)

    def test_ending_from_the_page_needs_the_end_time(self) -> None:
        self.client.force_login(self.owner)
        url = reverse("borders:emergencyoperation_end", args=[self.operation.pk])
        self.assertEqual(self.client.post(url, {"ended_at": ""}).status_code, 400)
        response = self.client.post(url, {"ended_at": timezone.localtime().strftime(
            "%Y-%m-%dT%H:%M")})
        self.assertEqual(response.status_code, 302)
        self.point.refresh_from_db()
        self.assertEqual(self.point.status, "open")

    def test_a_user_without_permission_cannot_start_or_end(self) -> None:
        self.client.force_login(self.colleague)
        self.assertEqual(self.client.get(reverse("borders:emergencyoperation_start")).status_code,
                         403)
        url = reverse("borders:emergencyoperation_end", args=[self.operation.pk])
        self.assertEqual(self.client.post(url, {"ended_at": "2026-01-05T08:00"}).status_code,
                         403)

    def test_the_dashboard_polls_its_counts(self) -> None:
        self.register(family_rows())
        self.client.force_login(self.owner)
        response = self.client.get(self.operation.get_absolute_url())
        self.assertContains(response, 'hx-trigger="every 15s"')
        self.assertContains(response, '<dd data-count="total">3</dd>', html=True)
        panel = self.client.get(reverse("borders:emergencyoperation_counts",
                                        args=[self.operation.pk]))
        self.assertContains(panel, '<dd data-count="total">3</dd>', html=True)
        self.assertNotContains(panel, "Kovalenko")


class CountTests(EmergencyTestCase):
    def test_counts_by_sex_and_age_group(self) -> None:
        self.register(family_rows())
        self.register([row("Ivan", sex="M", age=None), row("Maria", sex="F", age=4,
                                                            relationship="child")])
        found = counts.operation_counts(self.operation)
        self.assertEqual(found["arrivals"]["total"], 5)
        self.assertEqual(found["by_sex"], {"F": 2, "M": 3, "X": 0, "U": 0})
        self.assertEqual(found["by_age_group"], {"0-4": 1, "5-11": 1, "12-17": 0, "18-59": 1,
                                                 "60+": 1, "unknown": 1})
        self.assertEqual(found["by_sex_and_age_group"]["M"]["60+"], 1)
        self.assertEqual(found["by_sex_and_age_group"]["M"]["unknown"], 1)
        self.assertEqual(found["by_sex_and_age_group"]["F"]["0-4"], 1)
        self.assertEqual(found["by_vulnerability"]["older_person"], 1)
        self.assertEqual(found["by_vulnerability"]["pregnant"], 0)
        self.assertEqual(found["groups"], 2)

    def test_today_the_last_24_hours_and_the_total(self) -> None:
        now = timezone.now()
        # Five minutes ago, but never before midnight: just after midnight that was yesterday.
        start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0,
                                                         microsecond=0)
        recent = max(now - timedelta(minutes=5), start_of_today)
        self.register([row("Early")], kind="single", arrived_at=now - timedelta(hours=30))
        self.register([row("Recent")], kind="single", arrived_at=recent)
        found = counts.operation_counts(self.operation, now=now)
        self.assertEqual(found["arrivals"]["total"], 2)
        self.assertEqual(found["arrivals"]["last_24h"], 1)
        self.assertEqual(found["arrivals"]["today"], 1)

    def test_referrals_are_counted_by_status(self) -> None:
        grandfather = self.register(family_rows()).arrivals[2]
        referral = self.refer(grandfather)
        services.decide(referral, self.outsider, "accepted")
        found = counts.operation_counts(self.operation)
        self.assertEqual(found["referrals"], {"sent": 0, "accepted": 1, "declined": 0,
                                              "completed": 0})

    def test_other_operations_are_not_counted(self) -> None:
        other = services.start_operation(self.other_point, "Elsewhere", self.organisation,
                                         timezone.now() - timedelta(days=1))
        self.register([row("Elsewhere")], kind="single", operation=other)
        self.assertEqual(counts.operation_counts(self.operation)["arrivals"]["total"], 0)


@given(st.integers(min_value=0, max_value=120))
def test_every_age_falls_in_exactly_one_age_group(age: int) -> None:
    code = counts.age_group(age)
    matching = [c for c, low, high in counts.AGE_GROUPS if low <= age <= high]
    assert matching == [code]


def test_an_unknown_age_is_its_own_group() -> None:
    assert counts.age_group(None) == "unknown"
