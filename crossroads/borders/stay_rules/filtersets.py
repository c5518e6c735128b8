"""FilterSet of stay rules (used by the API and the list page)."""

from __future__ import annotations

from crossroads.borders import models as m
from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields


class StayRuleFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.StayRule
        fields = filter_fields(m.StayRule)
