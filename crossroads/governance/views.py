"""Pages of the governance register."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from crossroads.core.views.generic import ObjectViews
from crossroads.governance import filtersets, forms, tables
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
