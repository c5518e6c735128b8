"""Forms of counter-trafficking data: a victim's profile (HTCDS) and a public release."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.protection import choices
from crossroads.protection.models import TraffickingProfile
from crossroads.reference.models import Country
from crossroads.users.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"})


def code_list(label: Any, vocabulary: type[Any]) -> forms.MultipleChoiceField:
    """A list of HTCDS codes as check boxes (one tab stop each, space to tick)."""
    return forms.MultipleChoiceField(label=label, choices=vocabulary.choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)


def country(label: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=label, queryset=Country.objects.order_by("name"),
                                  required=False)


class ProfileForm(forms.Form):
    """A victim's trafficking profile; one form per person of the case."""

    status = forms.ChoiceField(label=_("Trafficking status"),
                               choices=choices.TraffickingStatus.choices)
    status_decided_by = forms.ModelChoiceField(
        label=_("Status decided by"), queryset=Organisation.objects.order_by("name"),
        required=False, help_text=_("Required for an identified victim."))
    status_decided_on = forms.DateField(label=_("Status decided on"), required=False,
                                        widget=DATE)
    recruitment = code_list(_("Means of recruitment"), choices.Recruitment)
    recruiter_relationship = forms.ChoiceField(
        label=_("Relationship to the recruiter"), required=False,
        choices=[("", "—"), *choices.RecruiterRelationship.choices])
    means_of_control = code_list(_("Means of control"), choices.MeansOfControl)
    exploitation = code_list(_("Types of exploitation"), choices.Exploitation)
    industries = code_list(_("Industries of forced labour"), choices.Industry)
    perpetrator_roles = code_list(_("Perpetrators' roles"), choices.PerpetratorRole)
    recruitment_country = country(_("Country of recruitment"))
    recruitment_place = forms.CharField(label=_("Place of recruitment"), max_length=120,
                                        required=False)
    transit_countries = forms.ModelMultipleChoiceField(
        label=_("Countries of transit"), queryset=Country.objects.order_by("name"),
        required=False)
    exploitation_country = country(_("Country of exploitation"))
    exploitation_place = forms.CharField(label=_("Place of exploitation"), max_length=120,
                                         required=False)
    exploitation_began = forms.DateField(label=_("Exploitation began"), required=False,
                                         widget=DATE)
    exploitation_ended = forms.DateField(label=_("Exploitation ended"), required=False,
                                         widget=DATE)

    @classmethod
    def for_profile(cls, profile: TraffickingProfile | None, prefix: str) -> ProfileForm:
        """An unbound form showing a recorded profile (or an empty one)."""
        if profile is None:
            return cls(prefix=prefix)
        initial = {name: getattr(profile, name) for name in cls.base_fields
                   if name != "transit_countries"}
        initial["transit_countries"] = list(profile.transit_countries.all())
        return cls(prefix=prefix, initial=initial)

    def profile_data(self) -> dict[str, Any]:
        """The cleaned data as the service takes it (empty text and choices as blank)."""
        data = dict(self.cleaned_data)
        data["recruiter_relationship"] = data.get("recruiter_relationship") or ""
        return data


class ReleaseForm(forms.Form):
    """The parameters of a public release: k and the share of rows that may be suppressed."""

    k = forms.IntegerField(label=_("k (smallest group of cases released)"), min_value=2,
                           max_value=1000)
    max_suppression = forms.FloatField(
        label=_("Largest share of rows suppressed (0–1)"), min_value=0, max_value=1)
