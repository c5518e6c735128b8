from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "crossroads.governance"
    label = "governance"
    verbose_name = _("Migration governance")

    def ready(self) -> None:
        from crossroads.governance import demo, navigation  # noqa: F401
