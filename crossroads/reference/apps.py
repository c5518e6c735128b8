from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "crossroads.reference"
    label = "reference"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from crossroads.reference import jobs, navigation  # noqa: F401
