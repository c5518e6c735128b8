from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "crossroads.evidence"
    label = "evidence"
    verbose_name = _("Evidence base")

    def ready(self) -> None:
        from crossroads.evidence import demo, jobs, navigation  # noqa: F401
