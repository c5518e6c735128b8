"""Choices of the evidence base (codes follow SDMX where SDMX has them)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Producer(models.TextChoices):
    UN_DESA = "un_desa", _("UN DESA Population Division")
    WORLD_BANK = "world_bank", _("World Bank")
    UNHCR = "unhcr", _("UNHCR")
    IDMC = "idmc", _("IDMC")
    NSO = "nso", _("National statistics office")
    MINISTRY = "ministry", _("Ministry or agency")
    CROSSROADS = "crossroads", _("Crossroads pipeline")
    OTHER = "other", _("Other")


class SourceKind(models.TextChoices):
    CENSUS = "census", _("Census")
    SURVEY = "survey", _("Survey")
    REGISTER = "register", _("Administrative register")
    BORDER = "border", _("Border data")
    INTERNATIONAL = "international", _("International database")
    ESTIMATE = "estimate", _("Model-based estimate")


class KosovoConvention(models.TextChoices):
    """How a source counts Kosovo (UNSC resolution 1244)."""

    SEPARATE = "separate", _("Kosovo reported separately")
    WITHIN_SERBIA = "within_serbia", _("Kosovo counted within Serbia")
    NOT_APPLICABLE = "n/a", _("Not applicable")


class AreaKind(models.TextChoices):
    COUNTRY = "country", _("Country or territory")
    REGION = "region", _("Region or sub-region (Crossroads)")
    AGGREGATE = "aggregate", _("Aggregate defined by a source")
    HISTORIC = "historic", _("Former country")
    OTHER = "other", _("Other or unknown")


class Frequency(models.TextChoices):
    ANNUAL = "A", _("Annual")
    HALF_YEAR = "S", _("Half-yearly")
    QUARTERLY = "Q", _("Quarterly")
    MONTHLY = "M", _("Monthly")
    DAILY = "D", _("Daily")


class Sex(models.TextChoices):
    TOTAL = "_T", _("Total")
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class ObservationStatus(models.TextChoices):
    NORMAL = "A", _("Normal")
    ESTIMATED = "E", _("Estimated")
    PROVISIONAL = "P", _("Provisional")
    MISSING = "M", _("Missing")
    SUPPRESSED = "S", _("Suppressed")


class Confidentiality(models.TextChoices):
    FREE = "F", _("Free")
    NOT_FOR_PUBLICATION = "N", _("Not for publication")
    CONFIDENTIAL = "C", _("Confidential (primary suppression)")
    SECONDARY = "D", _("Secondary suppression")


class Unit(models.TextChoices):
    PERSONS = "persons", _("Persons")
    PERCENT = "percent", _("Percent")
    USD = "usd", _("US dollars (current)")
    USD_PER_CAPITA = "usd_per_capita", _("US dollars per person")
    RATIO = "ratio", _("Ratio")


class FormulaKind(models.TextChoices):
    RAW = "raw", _("Reported by a source")
    RATIO = "ratio", _("Numerator ÷ denominator × factor")
    GROWTH = "growth", _("Change between two years, in percent")
    SUM_BY_ORIGIN = "sum_by_origin", _("Sum over destinations, by origin")
    SHARE_OF_WORLD = "share_of_world", _("Share of the world total")
