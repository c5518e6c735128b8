"""Observations: one number, with its dimensions, status and provenance."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from crossroads.core.querysets import RestrictedQuerySet
from crossroads.evidence.choices import Confidentiality, Frequency, ObservationStatus, Sex
from crossroads.evidence.models.areas import Area
from crossroads.evidence.models.indicators import Indicator
from crossroads.evidence.models.sources import Release

TOTAL_AGE = "_T"


class ObservationQuerySet(RestrictedQuerySet["Observation"]):
    def current(self) -> ObservationQuerySet:
        """For each figure, only the observation from the latest release that has it."""
        return self.filter(is_latest=True)

    def vintage(self, release: Release | str) -> ObservationQuerySet:
        """The figures of one pinned release (a vintage), instead of the latest."""
        if isinstance(release, str):
            return self.filter(release__code=release)
        return self.filter(release=release)

    def totals(self) -> ObservationQuerySet:
        """Both sexes, all ages, no origin or destination breakdown."""
        return self.filter(sex=Sex.TOTAL, age=TOTAL_AGE, origin=None, destination=None)


def series_key(
    indicator_id: int, area_id: int, period: str, sex: str, age: str,
    origin_id: int | None, destination_id: int | None,
) -> str:
    """The identity of a figure across releases (same key = the same figure)."""
    return f"{indicator_id}|{area_id}|{period}|{sex}|{age}|{origin_id or ''}|{destination_id or ''}"


class Observation(models.Model):
    """One value of an indicator for an area, a period and a breakdown, from one release."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("reference area"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("period"), max_length=12, help_text=_("2015, 2015-Q1, 2015-03"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    frequency = models.CharField(_("frequency"), max_length=1, choices=Frequency.choices)
    sex = models.CharField(_("sex"), max_length=2, choices=Sex.choices, default=Sex.TOTAL)
    age = models.CharField(_("age group"), max_length=10, default=TOTAL_AGE)
    origin = models.ForeignKey(
        Area, verbose_name=_("origin"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    destination = models.ForeignKey(
        Area, verbose_name=_("destination"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    unit_multiplier = models.SmallIntegerField(
        _("unit multiplier"), default=0, help_text=_("Power of ten: 3 for thousands.")
    )
    status = models.CharField(
        _("status"), max_length=1, choices=ObservationStatus.choices,
        default=ObservationStatus.NORMAL,
    )
    confidentiality = models.CharField(
        _("confidentiality"), max_length=1, choices=Confidentiality.choices,
        default=Confidentiality.FREE,
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    release = models.ForeignKey(
        Release, verbose_name=_("release"), on_delete=models.CASCADE, related_name="observations"
    )
    # Denormalised for fast "latest release" queries; kept by the importers.
    key = models.CharField(_("series key"), max_length=80, db_index=True, editable=False)
    release_rank = models.PositiveIntegerField(_("release order"), editable=False)
    is_latest = models.BooleanField(_("latest release"), default=True, db_index=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "area", "period"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=["release", "key"], name="unique_observation_in_release")
        ]
        indexes = [
            models.Index(fields=["indicator", "area", "period"]),
            models.Index(fields=["indicator", "is_latest"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period}: {self.value}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evidence:observation", args=[self.pk])

    @property
    def scaled_value(self) -> float | None:
        """The value in base units (the unit multiplier applied)."""
        return None if self.value is None else self.value * 10 ** self.unit_multiplier


def refresh_latest(indicator_ids: Any) -> None:
    """Mark, for the given indicators, which observations come from the latest release."""
    newer = Observation.objects.filter(
        key=OuterRef("key"), release_rank__gt=OuterRef("release_rank")
    )
    Observation.objects.filter(indicator_id__in=list(indicator_ids)).update(
        is_latest=~Exists(newer)
    )
