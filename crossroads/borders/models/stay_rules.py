"""Stay rules: how long a traveller may stay, by host country, nationality, document and
visa or permit. The arithmetic is in :mod:`crossroads.borders.stays`."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.borders import choices
from crossroads.core.models import CrossroadsModel
from crossroads.people.choices import DocumentKind
from crossroads.reference.models import Country


class StayRule(CrossroadsModel):
    """A rule of stay in one country. Empty nationality, document type or permit means
    "any"; the most specific rule that applies wins (see ``stays.rule_for``)."""

    country = models.ForeignKey(Country, verbose_name=_("country of stay"),
                                on_delete=models.PROTECT, related_name="stay_rules")
    name = models.CharField(_("name"), max_length=200)
    nationality = models.ForeignKey(
        Country, verbose_name=_("nationality"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+", help_text=_("Empty: any nationality."))
    document_kind = models.CharField(_("document type"), max_length=30, blank=True,
                                     choices=DocumentKind.choices,
                                     help_text=_("Empty: any document."))
    permit_kind = models.CharField(_("visa or permit"), max_length=20, blank=True,
                                   choices=choices.PermitKind.choices,
                                   help_text=_("Empty: any visa or permit."))
    kind = models.CharField(_("kind of rule"), max_length=10,
                            choices=choices.StayRuleKind.choices)
    days = models.PositiveSmallIntegerField(_("days allowed"), null=True, blank=True)
    window = models.PositiveSmallIntegerField(
        _("period (days)"), null=True, blank=True,
        help_text=_("For a rolling rule: the period the days are counted in (e.g. 180)."))
    valid_from = models.DateField(_("applies from"), null=True, blank=True)
    valid_to = models.DateField(_("applies until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("name", "legal_basis")

    class Meta:
        ordering = ["country", "nationality", "name"]
        verbose_name = _("stay rule")
        verbose_name_plural = _("stay rules")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        problems: dict[str, Any] = {}
        needs_days = self.kind in (choices.StayRuleKind.ROLLING, choices.StayRuleKind.PER_ENTRY)
        if needs_days and not self.days:
            problems["days"] = _("This kind of rule needs the number of days allowed.")
        if self.kind == choices.StayRuleKind.ROLLING:
            if not self.window:
                problems["window"] = _("A rolling rule needs its period (e.g. 180 days).")
            elif self.days and self.days > self.window:
                problems["days"] = _("The days allowed cannot exceed the period.")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            problems["valid_to"] = _("The rule cannot end before it starts.")
        if problems:
            raise ValidationError(problems)

    def specificity(self) -> int:
        """How many of nationality, document and permit the rule names."""
        return sum((self.nationality_id is not None, bool(self.document_kind),
                    bool(self.permit_kind)))
