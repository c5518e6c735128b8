"""The audit log: every read of sensitive records is recorded, with who, what, when and where."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from crossroads.core.audit import audit_access
from crossroads.core.context import acting_as
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import VIEW
from crossroads.reference.choices import PartnerKind
from crossroads.reference.models import Partner
from crossroads.testing.base import CrossroadsTestCase
from crossroads.users.models import Token


class AuditTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.partner = Partner.objects.create(name="Donor Fund", kind=PartnerKind.DONOR)
        # Earlier reads by two users: the records the audit log itself is made of.
        with acting_as(cls.colleague, channel="web", address="10.0.0.2", path="/somewhere/"):
            audit_access(AuditEvent, [], AuditEvent.Action.VIEW)
            cls.make_events(cls.colleague, 2)
        with acting_as(cls.owner, channel="web", address="10.0.0.1", path="/elsewhere/"):
            cls.make_events(cls.owner, 1)
        cls.existing = list(AuditEvent.objects.order_by("pk"))

    @classmethod
    def make_events(cls, user: object, count: int) -> None:
        partner_type = ContentType.objects.get_for_model(Partner)
        for n in range(count):
            AuditEvent.objects.create(
                user=user, user_name=str(user), action=AuditEvent.Action.VIEW,
                object_type=partner_type, object_id=str(n), object_repr=f"record {n}")

    def new_events(self) -> list[AuditEvent]:
        """Events written since the test data was made."""
        return list(AuditEvent.objects.exclude(pk__in=[e.pk for e in self.existing])
                    .order_by("pk"))

    def assert_attributed(self, event: AuditEvent, path: str, channel: str = "web") -> None:
        self.assertEqual(event.user, self.owner)
        self.assertEqual(event.user_name, "owner")
        self.assertEqual(event.address, "127.0.0.1")
        self.assertEqual(event.path, path)
        self.assertEqual(event.channel, channel)
        self.assertLess(timezone.now() - event.time, timedelta(minutes=1))
        self.assertEqual(event.object_type, ContentType.objects.get_for_model(AuditEvent))

    # The web interface

    def test_listing_the_audit_log_records_one_event_per_row_shown(self) -> None:
        self.grant(self.owner, AuditEvent, VIEW)
        self.client.force_login(self.owner)
        url = reverse("core:auditevent_list")
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        events = self.new_events()
        self.assertEqual({e.action for e in events}, {AuditEvent.Action.LIST})
        self.assertEqual(sorted(e.object_id for e in events),
                         sorted(str(e.pk) for e in self.existing))
        for event in events:
            self.assert_attributed(event, url)

    def test_listing_a_page_records_only_the_rows_on_that_page(self) -> None:
        self.grant(self.owner, AuditEvent, VIEW)
        self.client.force_login(self.owner)
        self.client.get(reverse("core:auditevent_list"), {"per_page": 1})
        self.assertEqual(len(self.new_events()), 1)

    def test_viewing_an_audit_event_records_who_viewed_it(self) -> None:
        self.grant(self.owner, AuditEvent, VIEW)
        self.client.force_login(self.owner)
        target = self.existing[0]
        url = reverse("core:auditevent", args=[target.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        [event] = self.new_events()
        self.assertEqual(event.action, AuditEvent.Action.VIEW)
        self.assertEqual(event.object_id, str(target.pk))
        self.assertEqual(event.object_repr, str(target))
        self.assert_attributed(event, url)

    def test_exporting_the_audit_log_records_export_events(self) -> None:
        self.grant(self.owner, AuditEvent, VIEW)
        self.client.force_login(self.owner)
        url = reverse("core:auditevent_list")
        response = self.client.get(url, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        events = self.new_events()
        self.assertEqual({e.action for e in events}, {AuditEvent.Action.EXPORT})
        self.assertEqual(sorted(e.object_id for e in events),
                         sorted(str(e.pk) for e in self.existing))
        for event in events:
            self.assert_attributed(event, url)

    def test_an_html_export_is_audited_like_a_csv_one(self) -> None:
        self.grant(self.owner, AuditEvent, VIEW)
        self.client.force_login(self.owner)
        response = self.client.get(reverse("core:auditevent_list"), {"export": "html"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual([e.action for e in self.new_events()],
                         [AuditEvent.Action.EXPORT] * len(self.existing))

    def test_a_constrained_reader_lists_and_audits_only_their_own_rows(self) -> None:
        self.grant(self.owner, AuditEvent, VIEW, {"user": "$user"})
        self.client.force_login(self.owner)
        self.client.get(reverse("core:auditevent_list"))
        own = [str(e.pk) for e in self.existing if e.user_id == self.owner.pk]
        self.assertEqual([e.object_id for e in self.new_events()], own)

    def test_a_denied_detail_of_a_sensitive_record_writes_a_denied_event(self) -> None:
        self.grant(self.owner, AuditEvent, VIEW, {"user": "$user"})
        self.client.force_login(self.owner)
        theirs = next(e for e in self.existing if e.user_id == self.colleague.pk)
        url = reverse("core:auditevent", args=[theirs.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        [event] = self.new_events()
        self.assertEqual(event.action, AuditEvent.Action.DENIED)
        self.assertEqual(event.object_id, str(theirs.pk))
        self.assert_attributed(event, url)

    def test_a_denied_detail_without_any_permission_writes_a_denied_event(self) -> None:
        self.client.force_login(self.outsider)
        target = self.existing[0]
        url = reverse("core:auditevent", args=[target.pk])
        self.assertIn(self.client.get(url).status_code, (403, 404))
        [event] = self.new_events()
        self.assertEqual((event.action, event.user, event.object_id),
                         (AuditEvent.Action.DENIED, self.outsider, str(target.pk)))

    def test_a_superuser_is_refused_the_audit_log_without_an_explicit_grant(self) -> None:
        root = self.make_user("root", None)
        root.is_superuser = True
        root.save()
        self.client.force_login(root)
        self.assertEqual(self.client.get(reverse("core:auditevent_list")).status_code, 403)
        # The refusal itself is recorded: someone tried to read the audit log.
        [event] = self.new_events()
        self.assertEqual((event.user, event.action, event.object_id),
                         (root, AuditEvent.Action.DENIED, ""))

    def test_an_api_refusal_of_a_sensitive_list_is_audited(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.get("/api/v1/core/audit-events/")
        self.assertEqual(response.status_code, 403)
        [event] = self.new_events()
        self.assertEqual((event.action, event.channel), (AuditEvent.Action.DENIED, "api"))

    def test_reading_non_sensitive_records_writes_no_audit_event(self) -> None:
        self.grant(self.owner, Partner, VIEW)
        self.client.force_login(self.owner)
        for url, params in [
            (reverse("reference:partner_list"), {}),
            (reverse("reference:partner_list"), {"export": "csv"}),
            (reverse("reference:partner", args=[self.partner.pk]), {}),
            (reverse("reference:partner", args=[999999]), {}),
            (reverse("core:search"), {"q": "Donor"}),
        ]:
            self.assertIn(self.client.get(url, params).status_code, (200, 404))
        self.assertEqual(self.new_events(), [])

    # The API

    def test_api_reads_of_sensitive_records_are_audited(self) -> None:
        self.grant(self.owner, AuditEvent, VIEW)
        _, key = Token.issue(self.owner)
        api = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
        url = "/api/v1/core/audit-events/"
        response = api.get(url)
        self.assertEqual(response.status_code, 200)
        listed = self.new_events()
        self.assertEqual(len(listed), len(self.existing))
        self.assertEqual({e.action for e in listed}, {AuditEvent.Action.LIST})
        for event in listed:
            self.assert_attributed(event, url, channel="api")

        target = self.existing[0]
        detail_url = f"{url}{target.pk}/"
        self.assertEqual(api.get(detail_url).status_code, 200)
        viewed = self.new_events()[len(listed):]
        self.assertEqual([(e.action, e.object_id) for e in viewed],
                         [(AuditEvent.Action.VIEW, str(target.pk))])
        self.assert_attributed(viewed[0], detail_url, channel="api")

    def test_api_reads_of_non_sensitive_records_write_nothing(self) -> None:
        self.grant(self.owner, Partner, VIEW)
        api = APIClient()
        api.force_authenticate(self.owner)
        self.assertEqual(api.get("/api/v1/reference/partners/").status_code, 200)
        self.assertEqual(api.get(f"/api/v1/reference/partners/{self.partner.pk}/").status_code,
                         200)
        self.assertEqual(self.new_events(), [])

    def test_the_api_refuses_the_audit_log_without_a_grant(self) -> None:
        api = APIClient()
        api.force_authenticate(self.owner)
        self.assertEqual(api.get("/api/v1/core/audit-events/").status_code, 403)
