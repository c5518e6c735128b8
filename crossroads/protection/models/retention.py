"""Retention rules: how long closed cases are kept, then archived, then anonymised.

The retention job (``crossroads.protection.retention``) applies them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.protection import choices


class RetentionRule(CrossroadsModel):
    """How long closed cases of a type are kept before archiving, then anonymising."""

    case_type = models.CharField(_("case type"), max_length=16, unique=True, blank=True,
                                 choices=choices.CaseType.choices,
                                 help_text=_("Empty: the rule for every other case type."))
    archive_after_years = models.PositiveSmallIntegerField(_("archive after (years)"))
    anonymise_after_years = models.PositiveSmallIntegerField(_("anonymise after (years)"))

    class Meta:
        ordering = ["case_type"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return self.get_case_type_display() or str(_("Every case type"))

    def clean(self) -> None:
        super().clean()
        if (self.archive_after_years is not None and self.anonymise_after_years is not None
                and self.anonymise_after_years < self.archive_after_years):
            raise ValidationError({"anonymise_after_years": [
                _("A case is anonymised after it is archived, not before.")]})
