"""Tables of watchlists, entries and alerts."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from crossroads.core.tables import CrossroadsTable
from crossroads.watchlists import models as m


class WatchlistTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Watchlist
        fields = ("name", "kind", "organisation", "country", "active")


class WatchlistEntryTable(CrossroadsTable):
    family = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.WatchlistEntry
        fields = ("family", "given", "patronymic", "birth_year", "nationality",
                  "document_number", "watchlist", "action", "valid_until", "active")


class AlertTable(CrossroadsTable):
    id = tables.Column(linkify=True, verbose_name=_("Alert"))
    entry = tables.Column(verbose_name=_("Watchlist entry"))
    score = tables.Column()
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = m.Alert
        fields = ("id", "status", "entry", "score", "point", "organisation", "created",
                  "decided_by")

    def render_score(self, value: float) -> str:
        return f"{value:.2f}"
