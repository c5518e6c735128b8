"""Assisted voluntary return and reintegration: the application and its eligibility, the
travel, the confirmation of departure and arrival, the reintegration plan with the
assistance delivered, and monitoring visits scored for sustainability.

The status of an application changes only through ``crossroads.protection.returns``.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.protection import choices
from crossroads.protection.models.cases import USER, CaseChild, CasePerson
from crossroads.reference.models import Country


class ReturnApplication(CaseChild):
    """A person's application for assisted voluntary return to a country."""

    applicant = models.ForeignKey(CasePerson, verbose_name=_("applicant"),
                                  on_delete=models.CASCADE, related_name="return_applications")
    country_of_return = models.ForeignKey(Country, verbose_name=_("country of return"),
                                          on_delete=models.PROTECT, related_name="+")
    destination = models.CharField(_("place of return"), max_length=120, blank=True)
    applied_on = models.DateField(_("applied on"), default=date.today)
    status = models.CharField(_("status"), max_length=12, choices=choices.ReturnStatus.choices,
                              default=choices.ReturnStatus.APPLIED, editable=False)
    #: The eligibility questions answered (``crossroads.protection.returns.ELIGIBILITY``).
    eligibility = models.JSONField(_("eligibility answers"), default=dict, blank=True,
                                   editable=False)
    eligibility_reasons = models.JSONField(_("why not eligible"), default=list, blank=True,
                                           editable=False)
    decided_by = models.ForeignKey(USER, verbose_name=_("eligibility decided by"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    decided_on = models.DateField(_("eligibility decided on"), null=True, blank=True,
                                  editable=False)

    class Meta:
        ordering = ["-applied_on", "-pk"]
        verbose_name = _("return application")
        verbose_name_plural = _("return applications")

    def __str__(self) -> str:
        return f"{self.case}: {self.country_of_return}"


class TravelArrangement(CaseChild):
    """How the returnee travels: itinerary, document, escort, fitness, and confirmations."""

    application = models.OneToOneField(ReturnApplication, verbose_name=_("application"),
                                       on_delete=models.CASCADE, related_name="travel")
    #: Legs: ``{"from", "to", "carrier", "number", "departs", "arrives"}``.
    itinerary = models.JSONField(_("itinerary"), default=list, blank=True)
    document_status = models.CharField(_("travel document"), max_length=10,
                                       choices=choices.TravelDocumentStatus.choices)
    document_reference = models.CharField(_("document number"), max_length=40, blank=True)
    escort_required = models.BooleanField(_("escort required"), default=False)
    escort = models.CharField(_("escort"), max_length=120, blank=True)
    fitness = models.CharField(_("fitness to travel"), max_length=16,
                               choices=choices.FitnessToTravel.choices,
                               default=choices.FitnessToTravel.NOT_ASSESSED)
    fitness_assessed_on = models.DateField(_("fitness assessed on"), null=True, blank=True)
    departure_date = models.DateField(_("planned departure"))
    departed_at = models.DateTimeField(_("departure confirmed"), null=True, blank=True,
                                       editable=False)
    arrived_at = models.DateTimeField(_("arrival confirmed"), null=True, blank=True,
                                      editable=False)

    class Meta:
        verbose_name = _("travel arrangement")
        verbose_name_plural = _("travel arrangements")

    def __str__(self) -> str:
        return f"{self.application}: {self.departure_date}"


class ReintegrationPlan(CaseChild):
    """What the returnee and the case worker agreed to work on, by dimension."""

    application = models.OneToOneField(ReturnApplication, verbose_name=_("application"),
                                       on_delete=models.CASCADE, related_name="plan")
    agreed_on = models.DateField(_("agreed on"), default=date.today)
    economic = models.TextField(_("economic goals"), blank=True)
    social = models.TextField(_("social goals"), blank=True)
    psychosocial = models.TextField(_("psychosocial goals"), blank=True)
    budget = models.DecimalField(_("budget"), max_digits=10, decimal_places=2, null=True,
                                 blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")

    class Meta:
        verbose_name = _("reintegration plan")
        verbose_name_plural = _("reintegration plans")

    def __str__(self) -> str:
        return f"{self.application}: {self.agreed_on}"


class ReintegrationAssistance(CaseChild):
    """One piece of assistance in the plan: planned, then delivered on a date."""

    plan = models.ForeignKey(ReintegrationPlan, verbose_name=_("plan"),
                             on_delete=models.CASCADE, related_name="assistance")
    dimension = models.CharField(_("dimension"), max_length=12,
                                 choices=choices.ReintegrationDimension.choices)
    kind = models.CharField(_("kind"), max_length=14, choices=choices.AssistanceKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2, null=True,
                                blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "dimension", "pk"]
        verbose_name = _("reintegration assistance")
        verbose_name_plural = _("reintegration assistance")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_dimension_display()})"


class MonitoringVisit(CaseChild):
    """A visit after return; its answers give the sustainability scores."""

    plan = models.ForeignKey(ReintegrationPlan, verbose_name=_("plan"),
                             on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("visited on"), default=date.today)
    answers = models.JSONField(_("answers"), default=dict)
    economic_score = models.FloatField(_("economic score"), editable=False)
    social_score = models.FloatField(_("social score"), editable=False)
    psychosocial_score = models.FloatField(_("psychosocial score"), editable=False)
    score = models.FloatField(_("sustainability score"), editable=False)
    notes = models.TextField(_("notes"), blank=True)

    SCORES: ClassVar[tuple[str, ...]] = ("economic_score", "social_score",
                                         "psychosocial_score", "score")

    class Meta:
        ordering = ["plan", "visited_on", "pk"]
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")

    def __str__(self) -> str:
        return f"{self.plan}: {self.visited_on}"

