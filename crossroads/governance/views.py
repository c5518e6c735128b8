"""Pages of the governance register."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from crossroads.core.permissions import VIEW, can
from crossroads.core.views.generic import ObjectViews
from crossroads.governance import assessments, filtersets, forms, tables
from crossroads.governance import models as m


class PolicyViews(ObjectViews):
    model = m.Policy
    filterset = filtersets.PolicyFilterSet
    table = tables.PolicyTable
    form = forms.PolicyForm


class LawViews(ObjectViews):
    model = m.Law
    filterset = filtersets.LawFilterSet
    table = tables.LawTable
    form = forms.LawForm
    detail_template = "governance/law.html"

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        """The reviews of the law the user may view, newest first."""
        reviews = m.LawReview.objects.restrict(request.user, "view").filter(law=obj)
        return {"reviews": reviews.select_related("reviewer")}


class LawReviewViews(ObjectViews):
    model = m.LawReview
    filterset = filtersets.LawReviewFilterSet
    table = tables.LawReviewTable
    form = forms.LawReviewForm


class InternationalInstrumentViews(ObjectViews):
    model = m.InternationalInstrument
    filterset = filtersets.InternationalInstrumentFilterSet
    table = tables.InternationalInstrumentTable
    form = forms.InternationalInstrumentForm


class InstrumentStatusViews(ObjectViews):
    model = m.InstrumentStatus
    filterset = filtersets.InstrumentStatusFilterSet
    table = tables.InstrumentStatusTable
    form = forms.InstrumentStatusForm


class InstitutionViews(ObjectViews):
    model = m.Institution
    filterset = filtersets.InstitutionFilterSet
    table = tables.InstitutionTable
    form = forms.InstitutionForm


class CoordinationMechanismViews(ObjectViews):
    model = m.CoordinationMechanism
    filterset = filtersets.CoordinationMechanismFilterSet
    table = tables.CoordinationMechanismTable
    form = forms.CoordinationMechanismForm


class MeetingViews(ObjectViews):
    model = m.Meeting
    filterset = filtersets.MeetingFilterSet
    table = tables.MeetingTable
    form = forms.MeetingForm


ALL_VIEWS: tuple[type[ObjectViews], ...] = (
    PolicyViews,
    LawViews,
    LawReviewViews,
    InternationalInstrumentViews,
    InstrumentStatusViews,
    InstitutionViews,
    CoordinationMechanismViews,
    MeetingViews,
)


class AssessmentIndicatorViews(ObjectViews):
    model = m.AssessmentIndicator
    filterset = filtersets.AssessmentIndicatorFilterSet
    table = tables.AssessmentIndicatorTable
    form = forms.AssessmentIndicatorForm


class SelfAssessmentViews(ObjectViews):
    model = m.SelfAssessment
    filterset = filtersets.SelfAssessmentFilterSet
    table = tables.SelfAssessmentTable
    form = forms.SelfAssessmentForm
    detail_template = "governance/selfassessment.html"
    list_actions = ((gettext_lazy("Compare"), "governance:selfassessment_compare", "view"),)

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        """The scores grouped by domain, with the domain and overall summaries."""
        scores = m.AssessmentScore.objects.restrict(request.user, "view")
        return {"groups": assessments.grouped_scores(obj, scores),
                "overall": assessments.summarise(obj, scores).overall}


class AssessmentScoreViews(ObjectViews):
    model = m.AssessmentScore
    filterset = filtersets.AssessmentScoreFilterSet
    table = tables.AssessmentScoreTable
    form = forms.AssessmentScoreForm

    @classmethod
    def queryset(cls, user: Any, action: str) -> QuerySet[Any]:
        """Also join the assessment's country, which names the assessment."""
        return super().queryset(user, action).select_related("assessment__country")


def compare_assessments(request: HttpRequest) -> HttpResponse:
    """Compare one country's assessments across years (?country=ISO3) or every country's
    assessments for one year (?year=YYYY)."""
    if not can(request.user, m.SelfAssessment, VIEW):
        raise PermissionDenied
    visible = m.SelfAssessment.objects.restrict(request.user, "view")
    scores = m.AssessmentScore.objects.restrict(request.user, "view")
    country = request.GET.get("country", "").strip()
    year = request.GET.get("year", "").strip()
    comparison = None
    mode = ""
    if country:
        comparison, mode = assessments.compare_years(visible, country, scores), "years"
    elif year.isdigit():
        comparison, mode = assessments.compare_countries(visible, int(year), scores), "countries"
    return render(request, "governance/selfassessment_compare.html", {
        "comparison": comparison, "mode": mode, "country": country, "year": year,
        "list_url": SelfAssessmentViews.url("list"),
    })


ALL_VIEWS += (AssessmentIndicatorViews, SelfAssessmentViews, AssessmentScoreViews)
