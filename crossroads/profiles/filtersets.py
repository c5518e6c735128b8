"""FilterSets of migration profiles (used by the API and the list views)."""

from __future__ import annotations

from typing import Any

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.profiles import models as m


class ProfileChoicesMixin:
    """Profile choices are named by their area and never load the frozen document or PDF."""

    filters: dict[str, Any]

    def light_profile_choices(self) -> None:
        for filter_ in self.filters.values():
            queryset = getattr(filter_, "queryset", None)
            if queryset is not None and queryset.model is m.Profile:
                filter_.queryset = queryset.select_related("area").defer("snapshot", "pdf")


class ProfileFilterSet(ProfileChoicesMixin, CrossroadsFilterSet):
    class Meta:
        model = m.Profile
        fields = filter_fields(m.Profile, exclude=("snapshot", "pdf"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.light_profile_choices()


class ProfileReviewFilterSet(ProfileChoicesMixin, CrossroadsFilterSet):
    class Meta:
        model = m.ProfileReview
        fields = filter_fields(m.ProfileReview)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.light_profile_choices()
