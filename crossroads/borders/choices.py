"""Choices of border management."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CrossingKind(models.TextChoices):
    AIR = "air", _("Air")
    LAND = "land", _("Land")
    SEA = "sea", _("Sea")
    RAIL = "rail", _("Rail")
    RIVER = "river", _("River")


class CrossingStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("crossing point status", "Open")
    RESTRICTED = "restricted", pgettext_lazy("crossing point status", "Restricted")
    CLOSED = "closed", pgettext_lazy("crossing point status", "Closed")
    EMERGENCY = "emergency", _("Emergency mode")
