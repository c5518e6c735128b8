"""Countries and territories, regions and sub-regions, administrative areas."""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.reference.choices import RegionKind


class LocalisedNameMixin:
    """A ``display_name`` in the active language, falling back to English."""

    name: str
    name_ru: str

    @property
    def display_name(self) -> str:
        if (get_language() or "en").startswith("ru") and self.name_ru:
            return self.name_ru
        return self.name


class Country(LocalisedNameMixin, CrossroadsModel):
    """A country or territory by ISO 3166-1 (Kosovo carries the user-assigned XKX)."""

    iso3 = models.CharField(
        _("ISO alpha-3"), max_length=3, unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Three capital letters."))],
    )
    iso2 = models.CharField(
        _("ISO alpha-2"), max_length=2, unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters."))],
    )
    numeric = models.CharField(
        _("ISO numeric"), max_length=3, blank=True,
        validators=[RegexValidator(r"^\d{3}$", _("Three digits."))],
    )
    name = models.CharField(_("name"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100, blank=True)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("name", "name_ru", "official_name", "iso3", "iso2")

    class Meta:
        ordering = ["name"]
        verbose_name = _("country or territory")
        verbose_name_plural = _("countries and territories")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("reference:country", args=[self.iso3])


class Region(LocalisedNameMixin, CrossroadsModel):
    """A region, sub-region or other grouping of countries, defined as data."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_ru = models.CharField(_("name (Russian)"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="subregions",
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), related_name="regions", blank=True
    )
    description = models.TextField(_("description"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("code", "name", "name_ru")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.display_name


class AdminArea(LocalisedNameMixin, CrossroadsModel):
    """An administrative area (province, district, municipality) identified by its P-code."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="admin_areas"
    )
    pcode = models.CharField(_("P-code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_ru = models.CharField(_("name (Russian)"), max_length=150, blank=True)
    name_local = models.CharField(_("local name"), max_length=150, blank=True)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self", verbose_name=_("parent area"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="children",
    )

    search_fields: ClassVar[tuple[str, ...]] = ("pcode", "name", "name_local", "name_ru")

    class Meta:
        ordering = ["country", "level", "name"]
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")

    def __str__(self) -> str:
        return f"{self.display_name} ({self.pcode})"
