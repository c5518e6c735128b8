"""Humanitarian border management: a crossing point in emergency mode during a crisis.

During an operation, officers register arriving people quickly, in families and groups
(:class:`ArrivalGroup`), with minimal fields and no document required
(:class:`Arrival`), flag vulnerabilities, and refer flagged persons to protection
actors with their consent (:class:`EmergencyReferral`). Arrivals and referrals are
personal data: sensitive.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.borders import choices
from crossroads.borders.models.points import BorderCrossingPoint
from crossroads.core.models import CrossroadsModel
from crossroads.people.choices import Sex
from crossroads.people.models import Person
from crossroads.users.models import Organisation


class EmergencyOperation(CrossroadsModel):
    """Emergency mode at one crossing point, from its start to its end."""

    point = models.ForeignKey(BorderCrossingPoint, verbose_name=_("crossing point"),
                              on_delete=models.PROTECT, related_name="emergency_operations")
    name = models.CharField(_("name"), max_length=200,
                            help_text=_("The crisis, as the teams call it."))
    organisation = models.ForeignKey(Organisation, verbose_name=_("lead organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10,
                              choices=choices.OperationStatus.choices,
                              default=choices.OperationStatus.ACTIVE)
    description = models.TextField(_("description"), blank=True)
    previous_status = models.CharField(
        _("status of the point before"), max_length=12, blank=True, editable=False,
        choices=choices.CrossingStatus.choices,
        help_text=_("Restored at the end, unless the point's status was changed meanwhile."))

    search_fields: ClassVar[tuple[str, ...]] = ("name",)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("emergency operation")
        verbose_name_plural = _("emergency operations")

    def __str__(self) -> str:
        return f"{self.name} ({self.point.code})"

    def clean(self) -> None:
        super().clean()
        if self.ended_at and self.started_at and self.ended_at < self.started_at:
            raise ValidationError({"ended_at": _("An operation cannot end before it starts.")})
        if self.status == choices.OperationStatus.ENDED and not self.ended_at:
            raise ValidationError({"ended_at": _("An ended operation needs its end time.")})


class ArrivalGroup(CrossroadsModel):
    """People who arrived together and are registered together (a family, a group)."""

    operation = models.ForeignKey(EmergencyOperation, verbose_name=_("operation"),
                                  on_delete=models.PROTECT, related_name="groups")
    kind = models.CharField(_("kind"), max_length=10, choices=choices.GroupKind.choices)
    arrived_at = models.DateTimeField(_("arrived"))
    place_of_origin = models.CharField(_("coming from"), max_length=200, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["-arrived_at"]
        verbose_name = _("arriving group")
        verbose_name_plural = _("arriving groups")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.arrived_at:%Y-%m-%d %H:%M}"


class Arrival(CrossroadsModel):
    """One person of an arriving group, with what the quick registration asks."""

    group = models.ForeignKey(ArrivalGroup, verbose_name=_("group"), on_delete=models.CASCADE,
                              related_name="arrivals")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="emergency_arrivals")
    relationship = models.CharField(_("relationship"), max_length=10,
                                    choices=choices.Relationship.choices)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    age = models.PositiveSmallIntegerField(
        _("age (years)"), null=True, blank=True, validators=[MaxValueValidator(120)],
        help_text=_("As stated or estimated; empty when unknown."))
    nationality = models.CharField(_("nationality"), max_length=3, blank=True)
    vulnerabilities = models.JSONField(
        _("vulnerabilities"), default=list, blank=True,
        help_text=_("Codes from the list of vulnerabilities (unaccompanied child, …)."))

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["group", "pk"]
        verbose_name = _("arrival")
        verbose_name_plural = _("arrivals")

    def __str__(self) -> str:
        return str(self.person)

    @property
    def point(self) -> BorderCrossingPoint:
        """Where the person arrived (watchlist alerts on an arrival carry it)."""
        return self.group.operation.point

    def clean(self) -> None:
        super().clean()
        unknown = sorted(set(self.vulnerabilities or []) - set(choices.Vulnerability.values))
        if unknown:
            raise ValidationError({"vulnerabilities": _("Unknown vulnerabilities: %(codes)s.")
                                   % {"codes": ", ".join(unknown)}})


class EmergencyReferral(CrossroadsModel):
    """A flagged person referred to a protection actor, with the consent it rests on."""

    arrival = models.ForeignKey(Arrival, verbose_name=_("arrival"), on_delete=models.PROTECT,
                                related_name="referrals")
    service = models.CharField(_("service"), max_length=20,
                               choices=choices.ReferralService.choices)
    to_organisation = models.ForeignKey(Organisation, verbose_name=_("referred to"),
                                        on_delete=models.PROTECT, related_name="+")
    consent_by = models.CharField(_("consent given by"), max_length=10,
                                  choices=choices.ConsentBy.choices)
    consent_at = models.DateTimeField(_("consent recorded"))
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("consent recorded by"),
        on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10,
                              choices=choices.ReferralStatus.choices,
                              default=choices.ReferralStatus.SENT)
    reason = models.TextField(_("reason for referral"))
    response = models.TextField(_("response"), blank=True)

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["-created"]
        verbose_name = _("emergency referral")
        verbose_name_plural = _("emergency referrals")

    def __str__(self) -> str:
        return f"{self.get_service_display()} → {self.to_organisation}"

    def clean(self) -> None:
        super().clean()
        if self.consent_by == choices.ConsentBy.NOT_GIVEN:
            raise ValidationError({"consent_by": _(
                "A person is referred only with their consent (or their guardian's).")})
