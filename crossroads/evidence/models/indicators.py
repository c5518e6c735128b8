"""Indicators: what is measured, and how derived indicators are computed."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.evidence.choices import FormulaKind, Unit


class Indicator(CrossroadsModel):
    """A statistical indicator, reported by sources or derived from other indicators."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    disaggregations = models.JSONField(
        _("disaggregations"), default=list, blank=True,
        help_text=_("Dimensions this indicator may be broken down by: sex, age, origin, "
                    "destination."),
    )
    formula = models.CharField(
        _("formula"), max_length=20, choices=FormulaKind.choices, default=FormulaKind.RAW
    )
    numerator = models.ForeignKey(
        "self", verbose_name=_("numerator"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    denominator = models.ForeignKey(
        "self", verbose_name=_("denominator"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    numerator_filter = models.JSONField(
        _("numerator breakdown"), default=dict, blank=True,
        help_text=_('Which part of the numerator, e.g. {"sex": "F"}.'),
    )
    denominator_filter = models.JSONField(
        _("denominator breakdown"), default=dict, blank=True,
        help_text=_('Which part of the denominator, e.g. {"area": "WORLD"}.'),
    )
    factor = models.FloatField(_("factor"), default=1.0)
    source_priority = models.JSONField(
        _("preferred sources"), default=list, blank=True,
        help_text=_("Codes of data sources, most preferred first: where several sources give "
                    "the same figure, pages show the first available (the catalogue shows all)."),
    )
    suppression_threshold = models.PositiveIntegerField(
        _("small-cell threshold"), null=True, blank=True,
        help_text=_("Counts below this are suppressed before release (for indicators derived "
                    "from case or person records)."),
    )

    search_fields: ClassVar[tuple[str, ...]] = ("code", "name", "name_ru", "definition")

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        if (get_language() or "en").startswith("ru") and self.name_ru:
            return self.name_ru
        return self.name

    @property
    def is_derived(self) -> bool:
        return self.formula != FormulaKind.RAW
