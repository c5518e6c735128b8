"""Crossings: one traveller passing (or refused at) one crossing point at one time.

A crossing keeps what the officer saw on the document at the time (a snapshot: number,
issuing state, nationality, expiry, sex, year of birth) next to the person it was
matched to through the identity layer, so that a later merge or a corrected name never
rewrites what happened at the border. Crossings are personal data: sensitive.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from crossroads.borders import choices
from crossroads.borders.models.points import BorderCrossingPoint
from crossroads.core.models import CrossroadsModel
from crossroads.people.choices import DocumentKind, Sex
from crossroads.people.models import IdentityDocument, Person
from crossroads.users.models import Organisation


class Crossing(CrossroadsModel):
    """An entry, exit, refusal of entry or transit, as recorded at the border."""

    point = models.ForeignKey(BorderCrossingPoint, verbose_name=_("crossing point"),
                              on_delete=models.PROTECT, related_name="crossings")
    movement = models.CharField(_("movement"), max_length=10, choices=choices.Movement.choices)
    crossed_at = models.DateTimeField(_("time of crossing"), db_index=True)
    person = models.ForeignKey(Person, verbose_name=_("traveller"), on_delete=models.PROTECT,
                               related_name="crossings")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("recorded by (organisation)"), on_delete=models.PROTECT,
        related_name="crossings")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("officer"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+")
    # What the document said at the border (a snapshot; see the module's docstring).
    document = models.ForeignKey(
        IdentityDocument, verbose_name=_("document"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+")
    document_kind = models.CharField(_("document type"), max_length=30, blank=True,
                                     choices=DocumentKind.choices)
    document_number = models.CharField(_("document number"), max_length=40, blank=True)
    document_state = models.CharField(_("issuing state"), max_length=3, blank=True)
    document_expiry = models.DateField(_("document expiry"), null=True, blank=True)
    nationality = models.CharField(
        _("nationality"), max_length=3, blank=True,
        help_text=_("ISO 3166 alpha-3 or an ICAO code (XXA stateless, XXB refugee, …)."))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    mrz = models.TextField(_("machine-readable zone"), blank=True)
    # Why and how.
    purpose = models.CharField(_("purpose"), max_length=20, blank=True,
                               choices=choices.Purpose.choices)
    permit_kind = models.CharField(_("visa or permit"), max_length=20, blank=True,
                                   choices=choices.PermitKind.choices)
    permit_number = models.CharField(_("visa or permit number"), max_length=40, blank=True)
    permit_valid_until = models.DateField(_("visa or permit valid until"), null=True,
                                          blank=True)
    transport = models.CharField(_("means of transport"), max_length=10, blank=True,
                                 choices=choices.Transport.choices)
    vehicle = models.CharField(_("vehicle, flight or train"), max_length=40, blank=True)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=20, blank=True,
                                      choices=choices.RefusalReason.choices)
    remarks = models.TextField(_("remarks"), blank=True)
    # Checks made when the crossing was recorded.
    screening = models.CharField(_("screening"), max_length=14,
                                 choices=choices.ScreeningResult.choices,
                                 default=choices.ScreeningResult.NOT_SCREENED, editable=False)
    #: Things the officer was told and went on with: [{"code": …, "message": …}, …].
    flags = models.JSONField(_("flags"), default=list, blank=True, editable=False)
    #: A booth or an import sends the same key again when it retries: one crossing only.
    idempotency_key = models.CharField(_("idempotency key"), max_length=80, blank=True,
                                       editable=False)
    source = models.CharField(_("source"), max_length=80, blank=True, editable=False,
                              help_text=_("Where the record came from: the capture screen, "
                                          "a booth, an advance passenger list."))

    sensitive: ClassVar[bool] = True
    search_fields: ClassVar[tuple[str, ...]] = ("document_number", "person__names__value")

    class Meta:
        ordering = ["-crossed_at"]
        verbose_name = _("crossing")
        verbose_name_plural = _("crossings")
        indexes = [models.Index(fields=["person", "crossed_at"]),
                   models.Index(fields=["point", "crossed_at"])]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "idempotency_key"],
                                    condition=~Q(idempotency_key=""),
                                    name="unique_crossing_idempotency_key"),
            models.CheckConstraint(
                condition=Q(movement="refused") | Q(refusal_reason=""),
                name="crossing_refusal_reason_only_when_refused"),
        ]

    def __str__(self) -> str:
        return f"{self.get_movement_display()} {self.point.code} {self.crossed_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        super().clean()
        problems: dict[str, Any] = {}
        if self.movement == choices.Movement.REFUSED and not self.refusal_reason:
            problems["refusal_reason"] = _("A refusal of entry needs its reason.")
        if self.movement != choices.Movement.REFUSED and self.refusal_reason:
            problems["refusal_reason"] = _("Only a refusal of entry has a reason for refusal.")
        if problems:
            raise ValidationError(problems)
