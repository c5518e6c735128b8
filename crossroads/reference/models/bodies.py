"""Offices, partners, regional consultative processes and regional organisations."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.reference.choices import MembershipStatus, OfficeKind, PartnerKind, RegionalBodyKind
from crossroads.reference.models.geography import Country


class Office(CrossroadsModel):
    """An office of the organisation running Crossroads: regional or in a country."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OfficeKind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="offices"
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    telephone = models.CharField(_("telephone"), max_length=60, blank=True)
    fax = models.CharField(_("fax"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("code", "name", "city")

    class Meta:
        ordering = ["code"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return self.name


class Partner(CrossroadsModel):
    """An organisation the office works with: ministry, UN agency, NGO, donor, academia."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="partners", help_text=_("Empty for international and regional partners."),
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("name", "acronym")

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class RegionalBody(CrossroadsModel):
    """A regional consultative process, dialogue, initiative or regional organisation."""

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=RegionalBodyKind.choices)
    launched = models.PositiveSmallIntegerField(_("launched (year)"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    countries = models.ManyToManyField(
        Country, through="Membership", related_name="regional_bodies", blank=True,
        verbose_name=_("countries"),
    )

    search_fields: ClassVar[tuple[str, ...]] = ("code", "name")

    class Meta:
        ordering = ["name"]
        verbose_name = _("regional process or organisation")
        verbose_name_plural = _("regional processes and organisations")

    def __str__(self) -> str:
        return self.name


class Membership(CrossroadsModel):
    """A country's membership of (or observer status in) a regional body."""

    body = models.ForeignKey(
        RegionalBody, verbose_name=_("regional body"), on_delete=models.CASCADE,
        related_name="memberships",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="memberships"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MembershipStatus.choices,
        default=MembershipStatus.MEMBER,
    )
    since = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)

    class Meta:
        ordering = ["body", "country"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["body", "country"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.country} – {self.body} ({self.get_status_display()})"
