"""FilterSets of watchlists, entries and alerts (used by the API and the list views)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.watchlists import models as m


class WatchlistFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Watchlist
        fields = filter_fields(m.Watchlist)


class WatchlistEntryFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.WatchlistEntry
        fields = filter_fields(m.WatchlistEntry)


class AlertFilterSet(CrossroadsFilterSet):
    watchlist = django_filters.ModelChoiceFilter(
        field_name="entry__watchlist", queryset=m.Watchlist.objects.all(),
        label=_("Watchlist"))

    class Meta:
        model = m.Alert
        fields = filter_fields(m.Alert)
