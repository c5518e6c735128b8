"""The National Referral Mechanism: the directory of service providers, referrals of a
person in a case to a provider, and transfers of a case to another organisation.

The directory is not sensitive: it is what every case worker consults. Referrals and
transfers are: the receiving organisation sees a referral addressed to it (and, of the
person, only the fields the referral shares), never the case itself. Statuses change
only through ``crossroads.protection.referrals``.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.protection import choices
from crossroads.protection.models.cases import USER, CaseChild, CasePerson, Consent, ConsentOverride
from crossroads.reference.models import Country
from crossroads.users.models import Organisation


class ServiceProvider(CrossroadsModel):
    """A place where an organisation offers services to referred persons."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="service_providers")
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT,
                                related_name="service_providers")
    locality = models.CharField(_("locality"), max_length=120, blank=True)
    address = models.TextField(_("address"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("name", "locality", "organisation__name")

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"],
                                               name="unique_provider_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("protection:provider", args=[self.pk])


class ServiceOffer(CrossroadsModel):
    """A service a provider offers, with its capacity (places or persons at one time)."""

    provider = models.ForeignKey(ServiceProvider, verbose_name=_("provider"),
                                 on_delete=models.CASCADE, related_name="offers")
    service = models.CharField(_("service"), max_length=16, choices=choices.Service.choices)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True,
        help_text=_("Persons the service can take at one time; empty if there is no limit."))
    eligibility = models.CharField(_("who may be referred"), max_length=200, blank=True)

    class Meta:
        ordering = ["provider", "service"]
        verbose_name = _("service offered")
        verbose_name_plural = _("services offered")
        constraints = [models.UniqueConstraint(fields=["provider", "service"],
                                               name="unique_provider_service")]

    def __str__(self) -> str:
        return f"{self.provider}: {self.get_service_display()}"

    def get_absolute_url(self) -> str:
        return self.provider.get_absolute_url()


class Referral(CaseChild):
    """A person in a case referred to a provider for one service."""

    case_person = models.ForeignKey(CasePerson, verbose_name=_("person"),
                                    on_delete=models.CASCADE, related_name="referrals")
    service = models.CharField(_("service"), max_length=16, choices=choices.Service.choices)
    provider = models.ForeignKey(ServiceProvider, verbose_name=_("provider"),
                                 on_delete=models.PROTECT, related_name="referrals")
    #: The provider's organisation, kept on the referral: its focal points are scoped by it.
    receiving_organisation = models.ForeignKey(
        Organisation, verbose_name=_("receiving organisation"), on_delete=models.PROTECT,
        related_name="referrals_received", editable=False)
    status = models.CharField(_("status"), max_length=10,
                              choices=choices.ReferralStatus.choices,
                              default=choices.ReferralStatus.CREATED, editable=False)
    urgent = models.BooleanField(_("urgent"), default=False)
    needs = models.TextField(_("what the person needs"),
                             help_text=_("Shown to the receiving organisation."))
    shares = models.JSONField(
        _("shared with the receiving organisation"), default=list, blank=True,
        help_text=_("What the receiving organisation sees of the person."))
    respond_by = models.DateField(_("answer due by"))
    complete_by = models.DateField(_("service due by"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    responded_by = models.ForeignKey(USER, verbose_name=_("answered by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+",
                                     editable=False)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, editable=False)
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True, editable=False)
    outcome = models.TextField(_("outcome"), blank=True, editable=False)
    #: What allowed the referral: the consent in force, or an audited override.
    consent = models.ForeignKey(Consent, verbose_name=_("consent"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+", editable=False)
    consent_override = models.ForeignKey(ConsentOverride, verbose_name=_("consent override"),
                                         null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", editable=False)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.case} → {self.provider}: {self.get_service_display()}"

    def get_absolute_url(self) -> str:
        return reverse("protection:referral", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        unknown = sorted(set(self.shares or []) - set(choices.SharedField.values))
        if unknown:
            raise ValidationError({"shares": [_("Unknown fields to share: %(f)s.")
                                              % {"f": ", ".join(map(str, unknown))}]})
        if self.case_person_id and self.case_id and self.case_person.case_id != self.case_id:
            raise ValidationError({"case_person": [_("This person is not in the case.")]})


class CaseTransfer(CaseChild):
    """Handing a whole case to another organisation, which accepts or rejects it."""

    from_organisation = models.ForeignKey(Organisation, verbose_name=_("from"),
                                          on_delete=models.PROTECT, related_name="+",
                                          editable=False)
    to_organisation = models.ForeignKey(Organisation, verbose_name=_("to"),
                                        on_delete=models.PROTECT,
                                        related_name="case_transfers_received")
    status = models.CharField(_("status"), max_length=10,
                              choices=choices.TransferStatus.choices,
                              default=choices.TransferStatus.REQUESTED, editable=False)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(USER, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decision_note = models.TextField(_("note on the decision"), blank=True, editable=False)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")

    def __str__(self) -> str:
        return f"{self.case}: {self.from_organisation} → {self.to_organisation}"

    def get_absolute_url(self) -> str:
        return reverse("protection:transfer", args=[self.pk])
