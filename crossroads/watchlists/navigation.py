"""Watchlists and alerts in the navigation (thematic area 5, under border management)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.core.navigation import MenuItem, register_items
from crossroads.watchlists import models as m

register_items(
    "borders",
    MenuItem(_("Alerts"), "watchlists:alert_list", m.Alert),
    MenuItem(_("Watchlists"), "watchlists:watchlist_list", m.Watchlist),
    MenuItem(_("Watchlist entries"), "watchlists:watchlistentry_list", m.WatchlistEntry),
)
