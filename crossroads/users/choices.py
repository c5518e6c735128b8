"""Choices of the users app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government ministry or agency")
    IOM = "iom", _("IOM office")
    UN_AGENCY = "un_agency", _("UN agency")
    NGO = "ngo", _("NGO")
    OTHER = "other", _("Other")
