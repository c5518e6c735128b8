"""FilterSets of return and reintegration records (used by the API and the list page)."""

from __future__ import annotations

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.protection import models as m


class ReturnApplicationFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.ReturnApplication
        fields = filter_fields(m.ReturnApplication)


class TravelArrangementFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.TravelArrangement
        fields = filter_fields(m.TravelArrangement)


class ReintegrationPlanFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.ReintegrationPlan
        fields = filter_fields(m.ReintegrationPlan)


class ReintegrationAssistanceFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.ReintegrationAssistance
        fields = filter_fields(m.ReintegrationAssistance)


class MonitoringVisitFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.MonitoringVisit
        fields = filter_fields(m.MonitoringVisit)
