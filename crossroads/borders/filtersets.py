"""FilterSets of border management (used by the API and the list views)."""

from __future__ import annotations

from crossroads.borders import models as m
from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields


class BorderCrossingPointFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.BorderCrossingPoint
        fields = filter_fields(m.BorderCrossingPoint)
