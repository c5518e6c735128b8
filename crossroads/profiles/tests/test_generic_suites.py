"""The generic suites for migration profiles and their reviews: pages, API and filters.

The sample profiles are drafts of Moldova by the owner's organisation (drafts, so that
only a permission shows them: published ones are public). No figures are needed.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from crossroads.evidence.choices import AreaKind
from crossroads.evidence.models import Area
from crossroads.profiles import filtersets, views
from crossroads.profiles import models as m
from crossroads.reference.models import Country
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases
from crossroads.users.models import Organisation, User

API = "/api/v1/profiles"


def country_area(country: Country) -> Area:
    """The statistical area of ``country`` (made on first use)."""
    return Area.objects.get_or_create(code=country.iso3, defaults={
        "name": country.name, "name_ru": country.name_ru, "kind": AreaKind.COUNTRY,
        "country": country})[0]


def make_profiles(country: Country, organisation: Organisation,
                  suffix: str = "") -> list[m.Profile]:
    """Three drafts of ``country`` for three reference years (the suffix moves the years)."""
    area = country_area(country)
    base = 2000 + 10 * len(suffix)
    return [m.Profile.objects.create(area=area, year=base + i, organisation=organisation,
                                     key_findings=f"Findings {suffix} {i}")
            for i in range(3)]


def make_reviews(country: Country, organisation: Organisation, reviewer: User,
                 suffix: str = "") -> list[m.ProfileReview]:
    profile = make_profiles(country, organisation, f"r{suffix}")[0]
    return [m.ProfileReview.objects.create(profile=profile, reviewer=reviewer, kind=kind,
                                           comment=f"Comment {suffix} {i}")
            for i, kind in enumerate(("comment", "changes_requested", "comment"))]


class ProfileViewTests(ViewTestCases.ObjectViews):
    views = views.ProfileViews
    related = (Area, Organisation)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_profiles(cls.home_country, cls.organisation, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"area": country_area(self.home_country).pk, "year": "2030", "language": "en",
                "organisation": self.organisation.pk, "title": "",
                "key_findings": "Immigration grew.", "recommendations": "", "stale_after": "5"}


class ProfileAPITests(APITestCases.API):
    endpoint = f"{API}/profiles/"
    model = m.Profile
    related = (Area, Organisation)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_profiles(cls.home_country, cls.organisation, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"area": country_area(self.home_country).pk, "year": 2030, "language": "en",
                "organisation": self.organisation.pk, "key_findings": "Immigration grew."}


class ProfileFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.ProfileFilterSet
    unfiltered = {"snapshot": "the frozen document is not a criterion",
                  "pdf": "the PDF is not a criterion"}


class ProfileReviewViewTests(ViewTestCases.ObjectViews):
    views = views.ProfileReviewViews
    related = (m.Profile, User)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_reviews(cls.home_country, cls.organisation, cls.owner, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"profile": self.objects_[0].profile_id, "reviewer": self.owner.pk,
                "kind": "comment", "comment": "Check the 2020 figure."}


class ProfileReviewAPITests(APITestCases.API):
    endpoint = f"{API}/reviews/"
    model = m.ProfileReview
    related = (m.Profile, User)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_reviews(cls.home_country, cls.organisation, cls.owner, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"profile": self.objects_[0].profile_id, "reviewer": self.owner.pk,
                "kind": "comment", "comment": "Check the 2020 figure."}


class ProfileReviewFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.ProfileReviewFilterSet
