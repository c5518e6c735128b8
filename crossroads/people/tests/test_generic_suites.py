"""The generic suites for every people model: pages, API and filters (all sensitive)."""

from __future__ import annotations

from typing import Any

from django.db import models

from crossroads.people import filtersets, views
from crossroads.people import models as m
from crossroads.people.tests import samples
from crossroads.reference.models import Country
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases
from crossroads.users.models import Organisation

API = "/api/v1/people"


class PersonViewTests(ViewTestCases.ObjectViews):
    views = views.PersonViews
    related = (Organisation, Country)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_persons(cls.organisation, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"organisation": self.organisation.pk, "sex": "F", "birth_year": "1984",
                "birth_month": "2", "place_of_birth": "Chișinău"}


class PersonAPITests(APITestCases.API):
    endpoint = f"{API}/persons/"
    model = m.Person
    related = (Organisation, Country)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_persons(cls.organisation, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"names": [{"part": "given", "value": "Юлия", "language": "ru"},
                          {"part": "family", "value": "Ковальчук", "language": "ru"}],
                "sex": "F", "birth": {"year": 1990, "month": 3, "day": 14},
                "nationalities": ["UKR"],
                "documents": [{"kind": "passport", "number": "FE 123456",
                               "issuing_state": "UKR"}]}


class PersonFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.PersonFilterSet


class PersonNameViewTests(ViewTestCases.ObjectViews):
    views = views.PersonNameViews
    related = (m.Person,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_names(cls.organisation, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"person": self.objects_[0].person_id, "part": "patronymic",
                "value": "Ивановна", "language": "ru", "position": "0"}


class PersonNameAPITests(APITestCases.API):
    endpoint = f"{API}/names/"
    model = m.PersonName
    related = (m.Person,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_names(cls.organisation, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"person": self.objects_[0].person_id, "part": "patronymic",
                "value": "Ивановна", "language": "ru"}


class PersonNameFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.PersonNameFilterSet


class NationalityViewTests(ViewTestCases.ObjectViews):
    views = views.NationalityViews
    related = (m.Person, Country)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_nationalities(cls.organisation, cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"person": self.objects_[0].person_id, "country": self.other_country.pk}


class NationalityAPITests(APITestCases.API):
    endpoint = f"{API}/nationalities/"
    model = m.Nationality
    related = (m.Person, Country)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_nationalities(cls.organisation, cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"person": self.objects_[0].person_id, "country": self.other_country.pk}


class NationalityFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.NationalityFilterSet


class IdentityDocumentViewTests(ViewTestCases.ObjectViews):
    views = views.IdentityDocumentViews
    related = (m.Person,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_documents(cls.organisation, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"person": self.objects_[0].person_id, "kind": "national_id",
                "number": "0912-3456", "issuing_state": "mda", "issued_on": "2020-01-01",
                "expires_on": "2030-01-01"}


class IdentityDocumentAPITests(APITestCases.API):
    endpoint = f"{API}/documents/"
    model = m.IdentityDocument
    related = (m.Person,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_documents(cls.organisation, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"person": self.objects_[0].person_id, "kind": "refugee_travel_document",
                "number": "XB 77 1234", "issuing_state": "XXB"}

    def test_an_unknown_issuing_state_is_a_field_error(self) -> None:
        self.grant(self.owner, m.IdentityDocument, ["view", "add"])
        self.api.force_authenticate(self.owner)
        response = self.api.post(self.endpoint, {**self.api_data(), "issuing_state": "QQQ"},
                                 format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("issuing_state", response.json())


class IdentityDocumentFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.IdentityDocumentFilterSet
    unfiltered = {"number_key": "derived from the number, which is filtered"}


class PersonLinkViewTests(ViewTestCases.ObjectViews):
    views = views.PersonLinkViews
    editable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_links(cls.organisation, suffix))


class PersonLinkAPITests(APITestCases.API):
    endpoint = f"{API}/links/"
    model = m.PersonLink
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_links(cls.organisation, suffix))


class PersonLinkFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.PersonLinkFilterSet


class MatchPairViewTests(ViewTestCases.ObjectViews):
    views = views.MatchPairViews
    editable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_pairs(cls.organisation, suffix))


class MatchPairAPITests(APITestCases.API):
    endpoint = f"{API}/possible-duplicates/"
    model = m.MatchPair
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_pairs(cls.organisation, suffix))


class MatchPairFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.MatchPairFilterSet


class MergeViewTests(ViewTestCases.ObjectViews):
    views = views.MergeViews
    editable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_merges(cls.organisation, suffix))


class MergeAPITests(APITestCases.API):
    endpoint = f"{API}/merges/"
    model = m.Merge
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(samples.make_merges(cls.organisation, suffix))


class MergeFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.MergeFilterSet
