"""The generic suites for every governance model: pages, API and filters."""

from __future__ import annotations

from typing import Any

from django.db import models

from crossroads.governance import filtersets, views
from crossroads.governance import models as m
from crossroads.governance.tests import factories
from crossroads.reference.models import Country, ThematicArea
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases
from crossroads.users.models import User

API = "/api/v1/governance"


class PolicyViewTests(ViewTestCases.ObjectViews):
    views = views.PolicyViews
    related = (Country, ThematicArea)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_policies(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "title": "National strategy", "status": "draft",
                "period_start": "2026", "period_end": "2030"}


class PolicyAPITests(APITestCases.API):
    endpoint = f"{API}/policies/"
    model = m.Policy
    related = (Country, ThematicArea)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_policies(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "title": "National strategy", "status": "draft",
                "period_start": 2026, "period_end": 2030, "thematic_areas": []}


class PolicyFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.PolicyFilterSet


class LawViewTests(ViewTestCases.ObjectViews):
    views = views.LawViews
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_laws(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "title": "Law on asylum", "kind": "law",
                "status": "draft"}


class LawAPITests(APITestCases.API):
    endpoint = f"{API}/laws/"
    model = m.Law
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_laws(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "title": "Law on asylum", "kind": "law",
                "status": "draft"}


class LawFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.LawFilterSet


class LawReviewViewTests(ViewTestCases.ObjectViews):
    views = views.LawReviewViews
    related = (Country, m.Law, User)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_reviews(cls.home_country, cls.owner, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"law": self.objects_[0].law_id, "reviewer": self.owner.pk, "comment": "Fine.",
                "recommendation": "approve", "reviewed_on": "2024-05-01"}


class LawReviewAPITests(APITestCases.API):
    endpoint = f"{API}/law-reviews/"
    model = m.LawReview
    related = (Country, m.Law, User)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_reviews(cls.home_country, cls.owner, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"law": self.objects_[0].law_id, "reviewer": self.owner.pk, "comment": "Fine.",
                "recommendation": "approve", "reviewed_on": "2024-05-01"}


class LawReviewFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.LawReviewFilterSet


class InternationalInstrumentViewTests(ViewTestCases.ObjectViews):
    views = views.InternationalInstrumentViews
    related = ()

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_instruments(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"code": "new-convention", "title": "New convention", "adopted_year": "2020",
                "organisation": "United Nations"}


class InternationalInstrumentAPITests(APITestCases.API):
    endpoint = f"{API}/instruments/"
    model = m.InternationalInstrument
    related = ()

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_instruments(suffix))

    def api_data(self) -> dict[str, Any]:
        return {"code": "new-convention", "title": "New convention", "adopted_year": 2020,
                "organisation": "United Nations"}


class InternationalInstrumentFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.InternationalInstrumentFilterSet


class InstrumentStatusViewTests(ViewTestCases.ObjectViews):
    views = views.InstrumentStatusViews
    related = (Country, m.InternationalInstrument)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_statuses(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"instrument": self.objects_[0].instrument_id, "country": self.other_country.pk,
                "status": "signed", "signed_on": "2001-01-01"}


class InstrumentStatusAPITests(APITestCases.API):
    endpoint = f"{API}/ratifications/"
    model = m.InstrumentStatus
    related = (Country, m.InternationalInstrument)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_statuses(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"instrument": self.objects_[0].instrument_id, "country": self.other_country.pk,
                "status": "signed", "signed_on": "2001-01-01"}


class InstrumentStatusFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.InstrumentStatusFilterSet


class InstitutionViewTests(ViewTestCases.ObjectViews):
    views = views.InstitutionViews
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_institutions(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "name": "Migration Bureau", "kind": "agency"}


class InstitutionAPITests(APITestCases.API):
    endpoint = f"{API}/institutions/"
    model = m.Institution
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_institutions(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "name": "Migration Bureau", "kind": "agency"}


class InstitutionFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.InstitutionFilterSet


class CoordinationMechanismViewTests(ViewTestCases.ObjectViews):
    views = views.CoordinationMechanismViews
    related = (Country, m.Institution)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_mechanisms(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "name": "Migration Council",
                "members": [self.objects_[0].members.first().pk]}


class CoordinationMechanismAPITests(APITestCases.API):
    endpoint = f"{API}/coordination-mechanisms/"
    model = m.CoordinationMechanism
    related = (Country, m.Institution)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_mechanisms(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "name": "Migration Council",
                "members": [self.objects_[0].members.first().pk]}


class CoordinationMechanismFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.CoordinationMechanismFilterSet


class MeetingViewTests(ViewTestCases.ObjectViews):
    views = views.MeetingViews
    related = (m.CoordinationMechanism,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_meetings(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"mechanism": self.objects_[0].mechanism_id, "held_on": "2024-06-01",
                "decisions": "Adopted a plan."}


class MeetingAPITests(APITestCases.API):
    endpoint = f"{API}/meetings/"
    model = m.Meeting
    related = (m.CoordinationMechanism,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_meetings(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"mechanism": self.objects_[0].mechanism_id, "held_on": "2024-06-01",
                "decisions": "Adopted a plan."}


class MeetingFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.MeetingFilterSet


class AssessmentIndicatorViewTests(ViewTestCases.ObjectViews):
    views = views.AssessmentIndicatorViews
    related = ()

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_indicators(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"domain": "partnerships", "code": "new-indicator",
                "question": "Is there a partnership?", "position": "1"}


class AssessmentIndicatorAPITests(APITestCases.API):
    endpoint = f"{API}/assessment-indicators/"
    model = m.AssessmentIndicator
    related = ()

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_indicators(suffix))

    def api_data(self) -> dict[str, Any]:
        return {"domain": "partnerships", "code": "new-indicator",
                "question": "Is there a partnership?", "position": 1}


class AssessmentIndicatorFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.AssessmentIndicatorFilterSet


class SelfAssessmentViewTests(ViewTestCases.ObjectViews):
    views = views.SelfAssessmentViews
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_assessments(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"country": self.other_country.pk, "year": "2030", "status": "draft"}


class SelfAssessmentAPITests(APITestCases.API):
    endpoint = f"{API}/self-assessments/"
    model = m.SelfAssessment
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_assessments(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"country": self.other_country.pk, "year": 2030, "status": "draft"}


class SelfAssessmentFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.SelfAssessmentFilterSet


class AssessmentScoreViewTests(ViewTestCases.ObjectViews):
    views = views.AssessmentScoreViews
    related = (Country, m.SelfAssessment, m.AssessmentIndicator)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_scores(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        unscored = m.AssessmentIndicator.objects.get(code="inds-3")
        return {"assessment": self.objects_[0].assessment_id, "indicator": unscored.pk,
                "score": "1", "evidence": "A draft plan.", "source": "Ministry report"}


class AssessmentScoreAPITests(APITestCases.API):
    endpoint = f"{API}/assessment-scores/"
    model = m.AssessmentScore
    related = (Country, m.SelfAssessment, m.AssessmentIndicator)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(factories.make_scores(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        unscored = m.AssessmentIndicator.objects.get(code="inds-3")
        return {"assessment": self.objects_[0].assessment_id, "indicator": unscored.pk,
                "score": 1, "evidence": "A draft plan.", "source": "Ministry report"}


class AssessmentScoreFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.AssessmentScoreFilterSet
