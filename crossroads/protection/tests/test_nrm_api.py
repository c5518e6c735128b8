"""The directory's pages and API (generic suites), the referral and transfer API with its
steps and the receiver's view, and the NRM dashboard figures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from django.db import models
from django.utils import timezone
from rest_framework.test import APIClient

from crossroads.protection.choices import ReferralStatus, Service
from crossroads.protection.models import Case, CasePerson, CaseTransfer, Referral, ServiceOffer
from crossroads.protection.models import ServiceProvider as Provider
from crossroads.protection.nrm import dashboard, referrals
from crossroads.protection.nrm.views import OfferViews, ProviderViews
from crossroads.protection.tests.test_nrm_referrals import NrmTestCase
from crossroads.reference.models import Country
from crossroads.testing.base import CrossroadsTestCase
from crossroads.testing.suites import APITestCases, ViewTestCases
from crossroads.users.models import Organisation

API = "/api/v1/protection/"


def make_provider(suffix: str) -> Provider:
    organisation = Organisation.objects.get(acronym="HOME")
    return Provider.objects.create(organisation=organisation, name=f"Shelter {suffix}",
                                   country=organisation.country, locality="Chisinau")


class ProviderFixtures(CrossroadsTestCase):
    related: ClassVar[tuple[type[models.Model], ...]] = (Organisation, Country)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [make_provider(f"{suffix}{n}") for n in range(3)]

    def provider_data(self) -> dict[str, Any]:
        return {"organisation": self.organisation.pk, "name": "New Shelter",
                "country": self.home_country.pk, "is_active": True}


class ProviderPages(ProviderFixtures, ViewTestCases.ObjectViews):
    views = ProviderViews

    def form_data(self) -> dict[str, Any]:
        return {**self.provider_data(), "is_active": "on"}


class ProviderAPI(ProviderFixtures, APITestCases.API):
    endpoint = f"{API}providers/"
    model = Provider

    def api_data(self) -> dict[str, Any]:
        return self.provider_data()


class OfferFixtures(CrossroadsTestCase):
    related: ClassVar[tuple[type[models.Model], ...]] = (Provider,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        provider = make_provider(f"offers{suffix}")
        return [ServiceOffer.objects.create(provider=provider, service=service)
                for service in (Service.SHELTER, Service.MEDICAL, Service.LEGAL)]

    def offer_data(self) -> dict[str, Any]:
        return {"provider": self.objects_[0].provider_id,  # type: ignore[attr-defined]
                "service": Service.PSYCHOSOCIAL, "capacity": 5}


class OfferPages(OfferFixtures, ViewTestCases.ObjectViews):
    views = OfferViews

    def form_data(self) -> dict[str, Any]:
        return self.offer_data()


class OfferAPI(OfferFixtures, APITestCases.API):
    endpoint = f"{API}offers/"
    model = ServiceOffer

    def api_data(self) -> dict[str, Any]:
        return self.offer_data()


def case_with_principal(suffix: str) -> CasePerson:
    from crossroads.people.models import Person

    organisation = Organisation.objects.get(acronym="HOME")
    case = Case.objects.create(reference=f"API-{suffix}", case_type="vulnerable",
                               organisation=organisation)
    person = Person.objects.create(organisation=organisation, sex="F", birth_year=1990)
    return CasePerson.objects.create(case=case, person=person, role="principal")


class ReferralAPIGeneric(APITestCases.API):
    """Referrals are made and moved through their steps only (no generic writes)."""

    endpoint = f"{API}referrals/"
    model = Referral
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        provider = make_provider(f"r{suffix}")
        made: list[models.Model] = []
        for n in range(3):
            link = case_with_principal(f"{suffix}{n}")
            made.append(Referral.objects.create(
                case=link.case, case_person=link, provider=provider, service=Service.SHELTER,
                receiving_organisation=provider.organisation, needs="Shelter",
                respond_by=timezone.localdate(), shares=["sex"]))
        return made


class TransferAPIGeneric(APITestCases.API):
    endpoint = f"{API}transfers/"
    model = CaseTransfer
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        made: list[models.Model] = []
        for n in range(3):
            case = case_with_principal(f"t{suffix}{n}").case
            made.append(CaseTransfer.objects.create(
                case=case, from_organisation=case.organisation,
                to_organisation=Organisation.objects.get(acronym="OTHER"), reason="Moved"))
        return made


class ReferralAPITests(NrmTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.consent_to(cls.other_organisation)

    def setUp(self) -> None:
        self.api = APIClient()

    def create(self, user: Any, **changes: Any) -> Any:
        self.api.force_authenticate(user)
        data = {"case_person": self.principal.pk, "provider": self.shelter.pk,
                "service": Service.SHELTER, "needs": "Shelter for a week",
                "respond_by": (self.today() + timedelta(days=2)).isoformat(),
                "shares": ["name"], "send": True, **changes}
        return self.api.post(f"{API}referrals/", data, format="json")

    def test_the_lifecycle_through_the_api(self) -> None:
        made = self.create(self.owner)
        self.assertEqual(made.status_code, 201, made.content)
        self.assertEqual(made.json()["case"], self.case.pk)
        url = f"{API}referrals/{made.json()['id']}/"
        self.api.force_authenticate(self.focal)
        seen = self.api.get(url).json()
        self.assertIsNone(seen["case"])
        self.assertIsNone(seen["case_person"])
        self.assertEqual(seen["person"], {"name": "Olena Koval"})
        self.assertEqual(self.api.post(f"{url}cancel/", {"text": "x"}).status_code, 403)
        accepted = self.api.post(f"{url}accept/", {}, format="json")
        self.assertEqual(accepted.json()["status"], ReferralStatus.ACCEPTED)
        done = self.api.post(f"{url}complete/", {"text": ""}, format="json")
        self.assertEqual(done.status_code, 400)
        self.assertIn("outcome", done.json())
        done = self.api.post(f"{url}complete/", {"text": "Housed"}, format="json")
        self.assertEqual(done.json()["status"], ReferralStatus.COMPLETED)

    def test_no_consent_means_a_400_saying_so(self) -> None:
        response = self.create(self.owner, provider=self.make_provider(
            self.outsider.organisation, "Clinic B", Service.SHELTER).pk)
        self.assertEqual(response.status_code, 201)  # same organisation as shelter: consented
        stranger = Organisation.objects.create(name="Third", kind="ngo",
                                               country=self.home_country)
        other = self.make_provider(stranger, "Third Shelter", Service.SHELTER)
        refused = self.create(self.owner, provider=other.pk)
        self.assertEqual(refused.status_code, 400)
        self.assertIn("consent", refused.json())
        self.assertEqual(Referral.objects.filter(provider=other).count(), 0)

    def test_a_person_of_an_unseen_case_is_a_field_error(self) -> None:
        response = self.create(self.focal)
        self.assertIn(response.status_code, (400, 403))
        self.assertFalse(Referral.objects.exists())

    def test_the_overdue_filter(self) -> None:
        late = referrals.create_referral(
            self.owner, self.principal, self.shelter, Service.SHELTER, "Now",
            self.today(), [], send=True)
        Referral.objects.filter(pk=late.pk).update(respond_by=self.today() - timedelta(days=1))
        self.create(self.owner)
        self.api.force_authenticate(self.focal)
        rows = self.api.get(f"{API}referrals/", {"overdue": "true"}).json()["results"]
        self.assertEqual([row["id"] for row in rows], [late.pk])


class DashboardTests(NrmTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.consent_to(cls.other_organisation)

    def test_figures_count_the_referrals_of_countable_cases(self) -> None:
        first = self.refer()
        second = self.refer()
        assert first.sent_at is not None and second.sent_at is not None
        Referral.objects.filter(pk=first.pk).update(
            responded_at=first.sent_at + timedelta(days=2), status=ReferralStatus.ACCEPTED)
        Referral.objects.filter(pk=second.pk).update(
            responded_at=second.sent_at + timedelta(days=4), status=ReferralStatus.REJECTED)
        self.refer(provider=self.clinic, service=Service.MEDICAL)
        figures = dashboard.dashboard(self.colleague)
        self.assertEqual(figures["total"], 3)
        self.assertEqual(figures["by_service"], {Service.SHELTER: 2, Service.MEDICAL: 1})
        self.assertEqual(figures["by_status"], {"accepted": 1, "rejected": 1, "sent": 1})
        self.assertEqual(figures["by_country"], {"UKR": 2, "MDA": 1})
        self.assertEqual((figures["median_days_to_answer"], figures["p90_days_to_answer"]),
                         (3.0, 4.0))
        self.assertEqual(dashboard.dashboard(self.colleague, "mda")["total"], 1)
        self.assertEqual(dashboard.dashboard(self.focal)["total"], 0)  # counts no case

    def test_the_api_refuses_users_who_may_not_count(self) -> None:
        api = APIClient()
        api.force_authenticate(self.focal)
        self.assertEqual(api.get(f"{API}nrm/dashboard/").status_code, 403)
        api.force_authenticate(self.colleague)
        self.assertEqual(api.get(f"{API}nrm/dashboard/", {"country": "UKR"}).json()["total"], 0)
