from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "crossroads.people"
    label = "people"
    verbose_name = _("People and identity")

    def ready(self) -> None:
        from crossroads.people import demo, navigation, signals  # noqa: F401
        from crossroads.people.matching import runs  # noqa: F401  (registers its job)
