"""FilterSets of the governance register (used by the API and the list views)."""

from __future__ import annotations

from typing import Any

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.governance import models as m


class PolicyFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Policy
        fields = filter_fields(m.Policy)


class LawFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Law
        fields = filter_fields(m.Law)


class LawReviewFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.LawReview
        fields = filter_fields(m.LawReview)


class InternationalInstrumentFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.InternationalInstrument
        fields = filter_fields(m.InternationalInstrument)


class InstrumentStatusFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.InstrumentStatus
        fields = filter_fields(m.InstrumentStatus)


class InstitutionFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Institution
        fields = filter_fields(m.Institution)


class CoordinationMechanismFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.CoordinationMechanism
        fields = filter_fields(m.CoordinationMechanism)


class MeetingFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Meeting
        fields = filter_fields(m.Meeting)


class AssessmentIndicatorFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.AssessmentIndicator
        fields = filter_fields(m.AssessmentIndicator)


class SelfAssessmentFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.SelfAssessment
        fields = filter_fields(m.SelfAssessment)


class AssessmentScoreFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.AssessmentScore
        fields = filter_fields(m.AssessmentScore)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, filter_ in self.filters.items():  # assessments are named by their country
            queryset = getattr(filter_, "queryset", None)
            if name.startswith("assessment") and queryset is not None:
                filter_.queryset = queryset.select_related("country")
