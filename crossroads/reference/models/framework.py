"""The strategic framework: goal, objectives, thematic areas, principles, activities."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.reference.models.geography import Region


class StrategicFramework(CrossroadsModel):
    """A regional strategy: its period, region and overall goal."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="frameworks"
    )
    period_start = models.PositiveSmallIntegerField(_("from (year)"))
    period_end = models.PositiveSmallIntegerField(_("to (year)"))
    goal = models.TextField(_("overall goal"))

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("strategic framework")
        verbose_name_plural = _("strategic frameworks")

    def __str__(self) -> str:
        return self.name


class FrameworkPart(CrossroadsModel):
    """A coded part of a framework (objective, area, principle)."""

    framework = models.ForeignKey(
        StrategicFramework, verbose_name=_("framework"), on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    code = models.CharField(_("code"), max_length=10)
    title = models.TextField(_("title"))

    search_fields: ClassVar[tuple[str, ...]] = ("code", "title")

    class Meta:
        abstract = True
        ordering = ["framework", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class StrategicObjective(FrameworkPart):
    """One of the framework's strategic objectives (SO1–SO3)."""

    class Meta(FrameworkPart.Meta):
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_so_code")]


class ThematicArea(FrameworkPart):
    """A thematic area of work (TA1–TA6); each is a section of the user interface."""

    class Meta(FrameworkPart.Meta):
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_ta_code")]


class ThematicObjective(FrameworkPart):
    """A thematic objective (TO1–TO9), under one thematic area."""

    area = models.ForeignKey(
        ThematicArea, verbose_name=_("thematic area"), on_delete=models.PROTECT,
        related_name="objectives",
    )

    class Meta(FrameworkPart.Meta):
        verbose_name = _("thematic objective")
        verbose_name_plural = _("thematic objectives")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_to_code")]


class OperationalPrinciple(FrameworkPart):
    """An operational principle (P1–P6) that applies across all work."""

    class Meta(FrameworkPart.Meta):
        verbose_name = _("operational principle")
        verbose_name_plural = _("operational principles")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_op_code")]


class Activity(CrossroadsModel):
    """An activity listed under a thematic objective, for tagging programme work."""

    objective = models.ForeignKey(
        ThematicObjective, verbose_name=_("thematic objective"), on_delete=models.CASCADE,
        related_name="activities",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    description = models.TextField(_("description"))

    search_fields: ClassVar[tuple[str, ...]] = ("description",)

    class Meta:
        ordering = ["objective", "position"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "position"], name="unique_activity_position"
            )
        ]

    def __str__(self) -> str:
        return self.description
