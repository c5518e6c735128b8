"""Observations: one number, with its dimensions, status and provenance."""

from __future__ import annotations

from collections.abc import Iterable
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


MICRODATA = "view_microdata"


class ObservationQuerySet(RestrictedQuerySet["Observation"]):
    def restrict(self, user: Any, action: str = "view",
                 include_protected: bool = False) -> RestrictedQuerySet[Observation]:
        """As for any model; and observations of indicators under disclosure control (with a
        small-cell threshold) only for users holding ``view_microdata``.

        The query service passes ``include_protected`` because it applies disclosure
        control to what it returns; nothing else should.
        """
        from crossroads.core.permissions import can

        restricted = super().restrict(user, action)
        if include_protected or can(user, Observation, MICRODATA):
            return restricted
        return restricted.exclude(indicator__suppression_threshold__isnull=False)

    def current(self) -> ObservationQuerySet:
        """For each figure and source, only the observation from the latest release."""
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
    source: str, indicator_id: int, area_id: int, period: str, sex: str, age: str,
    origin_id: int | None, destination_id: int | None,
) -> str:
    """The identity of a figure across the releases of one source (same key = same figure).

    The source is part of the key: a newer release of one source supersedes its older
    releases, never another source's figure (which the catalogue shows side by side).
    """
    dimensions = f"{indicator_id}|{area_id}|{period}|{sex}|{age}"
    return f"{source}|{dimensions}|{origin_id or ''}|{destination_id or ''}"


def coverage_key(series: str) -> str:
    """The group of figures a release covers together: a series key without the origin or
    destination itself, only whether it has one.

    A newer release that reports, say, Kazakhstan's migrants by origin in 1990
    supersedes every older corridor of Kazakhstan in 1990, including corridors it no
    longer reports: "the latest release covering the period".
    """
    head, origin, destination = series.rsplit("|", 2)
    return f"{head}|{'o' if origin else ''}|{'d' if destination else ''}"


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
    key = models.CharField(_("series key"), max_length=160, editable=False)
    coverage = models.CharField(_("coverage key"), max_length=160, editable=False)
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
            models.Index(fields=["indicator", "origin", "period"]),
            # "Is there a later release of this group?" is asked once per imported row.
            models.Index(fields=["coverage", "release_rank"], name="evidence_obs_coverage_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period}: {self.value}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, deriving the coverage group from the series key (importers write both)."""
        if not self.coverage:
            self.coverage = coverage_key(self.key)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evidence:observation", args=[self.pk])

    @property
    def scaled_value(self) -> float | None:
        """The value in base units (the unit multiplier applied)."""
        return None if self.value is None else self.value * 10 ** self.unit_multiplier


def newer_release() -> Exists:
    """An observation of the same coverage group from a later release exists."""
    return Exists(Observation.objects.filter(
        coverage=OuterRef("coverage"), release_rank__gt=OuterRef("release_rank")
    ))


def refresh_latest_of_indicators(indicator_ids: Iterable[int]) -> None:
    """Mark which observations are current, for every series of some indicators."""
    Observation.objects.filter(indicator_id__in=list(indicator_ids)).update(
        is_latest=~newer_release()
    )


def refresh_latest(release: Release, other_keys: Iterable[str] = ()) -> None:
    """Mark which observations are current, for the figures of a release just written.

    Only the coverage groups the release touches are recomputed (its own, and
    ``other_keys``: groups it no longer has after a re-import), so an import costs what
    its size costs. Releases published the same day do not supersede each other.
    """
    own = Observation.objects.filter(release=release).values("coverage")
    # Only groups other releases also cover can change; a release alone in its groups
    # was written as latest already.
    shared = Observation.objects.filter(coverage__in=own).exclude(release=release)
    Observation.objects.filter(coverage__in=shared.values("coverage")).update(
        is_latest=~newer_release()
    )
    keys = list(other_keys)
    for start in range(0, len(keys), 5000):
        Observation.objects.filter(coverage__in=keys[start:start + 5000]).update(
            is_latest=~newer_release()
        )
