"""Counter-trafficking data on a person in a case, after the Human Trafficking Case Data
Standard (HTCDS): status and who decided it, recruitment, means of control, exploitation,
industries, places, perpetrators' roles. The lists hold codes of ``choices``; ``clean``
refuses any other.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.protection import choices
from crossroads.protection.models.cases import CaseChild, CasePerson
from crossroads.reference.models import Country
from crossroads.users.models import Organisation

#: The multiple-choice fields and the vocabulary each takes its codes from.
CODE_LISTS: dict[str, type[models.TextChoices]] = {
    "recruitment": choices.Recruitment,
    "means_of_control": choices.MeansOfControl,
    "exploitation": choices.Exploitation,
    "industries": choices.Industry,
    "perpetrator_roles": choices.PerpetratorRole,
}


def code_list(verbose_name: Any) -> models.JSONField:
    return models.JSONField(verbose_name, default=list, blank=True)


class TraffickingProfile(CaseChild):
    """One victim's trafficking experience (HTCDS), one per person in a case."""

    case_person = models.OneToOneField(CasePerson, verbose_name=_("person"),
                                       on_delete=models.CASCADE, related_name="trafficking")
    status = models.CharField(_("trafficking status"), max_length=14,
                              choices=choices.TraffickingStatus.choices)
    status_decided_by = models.ForeignKey(
        Organisation, verbose_name=_("status decided by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+")
    status_decided_on = models.DateField(_("status decided on"), null=True, blank=True)
    recruitment = code_list(_("means of recruitment"))
    recruiter_relationship = models.CharField(
        _("relationship to the recruiter"), max_length=10, blank=True,
        choices=choices.RecruiterRelationship.choices)
    means_of_control = code_list(_("means of control"))
    exploitation = code_list(_("types of exploitation"))
    industries = code_list(_("industries of forced labour"))
    perpetrator_roles = code_list(_("perpetrators' roles"))
    recruitment_country = models.ForeignKey(
        Country, verbose_name=_("country of recruitment"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+")
    recruitment_place = models.CharField(_("place of recruitment"), max_length=120, blank=True)
    transit_countries = models.ManyToManyField(Country, verbose_name=_("countries of transit"),
                                               blank=True, related_name="+")
    exploitation_country = models.ForeignKey(
        Country, verbose_name=_("country of exploitation"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+")
    exploitation_place = models.CharField(_("place of exploitation"), max_length=120,
                                          blank=True)
    exploitation_began = models.DateField(_("exploitation began"), null=True, blank=True)
    exploitation_ended = models.DateField(_("exploitation ended"), null=True, blank=True)

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = _("trafficking profile")
        verbose_name_plural = _("trafficking profiles")

    def __str__(self) -> str:
        return f"{self.case}: {self.get_status_display()}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[Any]] = {}
        for field, vocabulary in CODE_LISTS.items():
            values = getattr(self, field) or []
            if not isinstance(values, list):
                errors[field] = [_("Give a list of codes.")]
                continue
            unknown = sorted(set(map(str, values)) - set(vocabulary.values))
            if unknown:
                errors[field] = [_("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)}]
        if self.status == choices.TraffickingStatus.IDENTIFIED and not self.status_decided_by_id:
            errors["status_decided_by"] = [
                _("Name the organisation that identified the person as a victim.")]
        if (self.exploitation_began and self.exploitation_ended
                and self.exploitation_ended < self.exploitation_began):
            errors["exploitation_ended"] = [_("Exploitation cannot end before it began.")]
        if self.case_person_id and self.case_id and self.case_person.case_id != self.case_id:
            errors["case_person"] = [_("This person is not in the case.")]
        if errors:
            raise ValidationError(errors)
