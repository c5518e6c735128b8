"""Stay rule pages, API and filters (the generic suites), and the refusal of two rules
that would apply to the same travellers on the same days."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from rest_framework.test import APIClient

from crossroads.borders.models import StayRule
from crossroads.borders.stay_rules import filtersets, views
from crossroads.reference.models import Country
from crossroads.testing import CrossroadsTestCase
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases

ENDPOINT = "/api/v1/borders/stay-rules/"


def make_rules(country: Country, nationality: Country, suffix: str = "") -> list[models.Model]:
    return [StayRule.objects.create(country=country, nationality=nationality,
                                    name=f"Rule {suffix} {i}", kind="per_entry", days=30 + i,
                                    valid_from=date(2000 + 10 * i, 1, 1),
                                    valid_to=date(2009 + 10 * i, 12, 31),
                                    permit_kind="none" if not suffix else "short_visa")
            for i in range(3)]


class StayRuleViewTests(ViewTestCases.ObjectViews):
    views = views.StayRuleViews
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_rules(cls.home_country, cls.other_country, suffix)

    def form_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "name": "Visa-free, 90 in 180",
                "permit_kind": "none", "kind": "rolling", "days": 90, "window": 180,
                "legal_basis": "Law No. 200/2010"}


class StayRuleAPITests(APITestCases.API):
    endpoint = ENDPOINT
    model = StayRule
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_rules(cls.home_country, cls.other_country, suffix)

    def api_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "name": "Residence permit",
                "permit_kind": "residence", "kind": "validity"}


class StayRuleFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.StayRuleFilterSet


class AmbiguousRuleTests(CrossroadsTestCase):
    def setUp(self) -> None:
        StayRule.objects.create(country=self.home_country, name="Visa-free 90/180",
                                permit_kind="none", kind="rolling", days=90, window=180,
                                valid_from=date(2020, 1, 1))
        self.grant(self.owner, Country, "view")
        self.grant(self.owner, StayRule, ["view", "add", "change"])
        self.client.force_login(self.owner)

    def data(self, **changes: Any) -> dict[str, Any]:
        return {"country": self.home_country.pk, "name": "Visa-free 30 days",
                "permit_kind": "none", "kind": "per_entry", "days": 30, **changes}

    def test_a_second_rule_for_the_same_travellers_and_days_is_refused(self) -> None:
        response = self.client.post("/borders/stay-rules/add/", self.data())
        assert response.status_code == 400
        assert "already applies" in str(response.context["form"].non_field_errors())
        assert StayRule.objects.count() == 1

    def test_it_is_accepted_before_the_other_starts_or_for_other_travellers(self) -> None:
        earlier = self.data(valid_to="2019-12-31")
        assert self.client.post("/borders/stay-rules/add/", earlier).status_code == 302
        georgians = self.data(name="Georgians", nationality=self.other_country.pk)
        assert self.client.post("/borders/stay-rules/add/", georgians).status_code == 302

    def test_the_api_refuses_it_too_and_a_rule_may_still_be_edited(self) -> None:
        api = APIClient()
        api.force_authenticate(self.owner)
        payload = {**self.data(), "country": self.home_country.pk}
        response = api.post(ENDPOINT, payload, format="json")
        assert response.status_code == 400 and "already applies" in str(response.json())
        rule = StayRule.objects.get()
        response = api.patch(f"{ENDPOINT}{rule.pk}/", {"days": 60}, format="json")
        assert response.status_code == 200, response.content
