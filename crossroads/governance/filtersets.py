"""FilterSets of the governance register (used by the API and the list views)."""

from __future__ import annotations

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
