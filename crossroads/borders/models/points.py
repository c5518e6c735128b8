"""Border crossing points: where travellers enter and leave a country."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.borders import choices
from crossroads.core.models import CrossroadsModel
from crossroads.reference.models import AdminArea, Country


class BorderCrossingPoint(CrossroadsModel):
    """A border crossing point of a country: kind, neighbour, place, capacity, status."""

    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT,
                                related_name="crossing_points")
    code = models.SlugField(_("code"), max_length=30, unique=True,
                            help_text=_("A short code unique across the system, e.g. MDA-LEU."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=choices.CrossingKind.choices)
    neighbour = models.ForeignKey(
        Country, verbose_name=_("neighbouring country"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
        help_text=_("The country across the border (empty for airports and seaports)."))
    admin_area = models.ForeignKey(
        AdminArea, verbose_name=_("administrative area"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="crossing_points")
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True,
                                   blank=True, validators=[MinValueValidator(-90),
                                                           MaxValueValidator(90)])
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True,
                                    blank=True, validators=[MinValueValidator(-180),
                                                            MaxValueValidator(180)])
    lanes = models.PositiveSmallIntegerField(_("lanes or booths"), default=1)
    status = models.CharField(_("status"), max_length=12,
                              choices=choices.CrossingStatus.choices,
                              default=choices.CrossingStatus.OPEN)

    search_fields: ClassVar[tuple[str, ...]] = ("code", "name")

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("border crossing point")
        verbose_name_plural = _("border crossing points")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        super().clean()
        problems = {}
        if self.neighbour_id is not None and self.neighbour_id == self.country_id:
            problems["neighbour"] = _("A country does not border itself.")
        area = self.admin_area if self.admin_area_id is not None else None
        if area is not None and self.country_id is not None and area.country_id != self.country_id:
            problems["admin_area"] = _("This administrative area is in another country.")
        if (self.latitude is None) != (self.longitude is None):
            problems["longitude"] = _("Give both coordinates, or neither.")
        if problems:
            raise ValidationError(problems)
