"""Choices of the reference app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    REGION = "region", _("Region")
    SUBREGION = "subregion", _("Sub-region")
    GROUPING = "grouping", _("Other grouping")


class OfficeKind(models.TextChoices):
    REGIONAL_OFFICE = "regional_office", _("Regional office")
    COUNTRY_OFFICE = "country_office", _("Country office")
    COORDINATION_OFFICE = "central_asia_coordination_office", _("Coordination office")
    COVERED_BY_REGIONAL_OFFICE = "covered_by_regional_office", _("Covered by the regional office")


class PartnerKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    UN_AGENCY = "un_agency", _("UN agency")
    INTERNATIONAL = "international_organisation", _("International organisation")
    NGO = "ngo", _("NGO or civil society")
    DONOR = "donor", _("Donor")
    ACADEMIA = "academia", _("Academia")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    OTHER = "other", _("Other")


class RegionalBodyKind(models.TextChoices):
    CONSULTATIVE_PROCESS = "regional_consultative_process", _("Regional consultative process")
    DIALOGUE = "regional_dialogue", _("Regional dialogue")
    INITIATIVE = "regional_initiative", _("Regional initiative")
    ORGANISATION = "regional_organisation", _("Regional organisation")


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
