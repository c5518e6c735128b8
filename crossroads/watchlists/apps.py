from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WatchlistsConfig(AppConfig):
    name = "crossroads.watchlists"
    label = "watchlists"
    verbose_name = _("Watchlists and alerts")

    def ready(self) -> None:
        from crossroads.watchlists import demo, navigation, receivers  # noqa: F401
