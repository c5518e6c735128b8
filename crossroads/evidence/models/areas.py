"""Reference areas of observations, and the crosswalk from source labels to them."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.evidence.choices import AreaKind
from crossroads.reference.models import Country, Region


class Area(CrossroadsModel):
    """A country, a Crossroads region, or an aggregate a source defines (World, Europe…).

    Countries carry their ISO alpha-3 code; other areas a scheme-prefixed code such
    as ``M49-150`` (UN Europe) or ``WB-EUU`` (World Bank European Union).
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=AreaKind.choices)
    country = models.OneToOneField(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="evidence_area",
    )
    region = models.OneToOneField(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="evidence_area",
    )
    m49 = models.CharField(_("M49 code"), max_length=3, blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("code", "name", "name_ru")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("statistical area")
        verbose_name_plural = _("statistical areas")

    def __str__(self) -> str:
        if (get_language() or "en").startswith("ru") and self.name_ru:
            return self.name_ru
        return self.name


class AreaAlias(CrossroadsModel):
    """One line of the crosswalk: a label or code a source uses, and the area it means."""

    label = models.CharField(_("label"), max_length=200)
    key = models.CharField(_("normalised label"), max_length=200, unique=True, editable=False)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="aliases"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("label",)

    class Meta:
        ordering = ["label"]
        verbose_name = _("crosswalk entry")
        verbose_name_plural = _("crosswalk")

    def __str__(self) -> str:
        return f"{self.label} → {self.area.code}"

    def save(self, *args: object, **kwargs: object) -> None:
        from crossroads.evidence.crosswalk import normalise_label

        self.key = normalise_label(self.label)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
