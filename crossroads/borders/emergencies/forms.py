"""Forms of emergency mode: start and end an operation, register a group, refer, decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossroads.borders import choices
from crossroads.borders import models as m
from crossroads.borders.emergencies import services
from crossroads.core.forms import restrict_choices
from crossroads.core.permissions import VIEW
from crossroads.people.choices import Sex
from crossroads.users.models import Organisation

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def now_local() -> Any:
    return timezone.localtime().replace(second=0, microsecond=0)


class OperationStartForm(forms.Form):
    """Start emergency mode at a crossing point the user may manage."""

    point = forms.ModelChoiceField(label=_("Crossing point"),
                                   queryset=m.BorderCrossingPoint.objects.all())
    name = forms.CharField(label=pgettext_lazy("emergency operation", "Name"), max_length=200,
                           help_text=_("The crisis, as the teams call it."))
    started_at = forms.DateTimeField(label=_("Started"), initial=now_local, widget=DATETIME)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Whether the user may start an operation at the point chosen is checked on the
        # operation itself (its permission is constrained by the point's country).
        point: Any = self.fields["point"]
        point.queryset = m.BorderCrossingPoint.objects.restrict(user, VIEW)


class OperationEndForm(forms.Form):
    ended_at = forms.DateTimeField(label=_("Ended"), initial=now_local, widget=DATETIME,
                                   help_text=_("When emergency mode ended at the point."))


class GroupForm(forms.Form):
    """The group part of quick registration: what all its members share."""

    kind = forms.ChoiceField(label=_("Kind of group"), choices=choices.GroupKind.choices,
                             initial=choices.GroupKind.FAMILY)
    arrived_at = forms.DateTimeField(label=_("Arrived"), initial=now_local, widget=DATETIME)
    place_of_origin = forms.CharField(label=_("Coming from"), max_length=200, required=False)
    remarks = forms.CharField(label=_("Remarks"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class ArrivalRowForm(forms.Form):
    """One person: names as given (any script), sex, age, relationship, flags."""

    family = forms.CharField(label=_("Family name"), max_length=200, required=False)
    given = forms.CharField(label=_("Given name (or the one name used)"), max_length=200,
                            required=False)
    sex = forms.ChoiceField(label=pgettext_lazy("sex of a person", "Sex"), choices=Sex.choices,
                            initial=Sex.UNKNOWN)
    age = forms.IntegerField(label=_("Age (years, stated or estimated)"), required=False,
                             min_value=0, max_value=services.MAX_AGE)
    relationship = forms.ChoiceField(label=_("Relationship to the head"),
                                     choices=choices.Relationship.choices,
                                     initial=choices.Relationship.HEAD)
    nationality = forms.CharField(label=_("Nationality (ISO code)"), max_length=3,
                                  required=False)
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerabilities"), choices=choices.Vulnerability.choices, required=False,
        widget=forms.CheckboxSelectMultiple)

    def as_input(self) -> services.ArrivalInput:
        data = self.cleaned_data
        return services.ArrivalInput(
            family=data.get("family") or "", given=data.get("given") or "",
            sex=data.get("sex") or Sex.UNKNOWN, age=data.get("age"),
            relationship=data.get("relationship") or choices.Relationship.HEAD,
            nationality=data.get("nationality") or "",
            vulnerabilities=data.get("vulnerabilities") or [])

    def is_blank(self) -> bool:
        """A row the officer added but left empty (ignored rather than refused)."""
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("family", "given", "age", "nationality",
                                                    "vulnerabilities"))


class BaseArrivalRows(forms.BaseFormSet):  # type: ignore[type-arg]
    """The people rows; rows left entirely empty are skipped."""

    def filled(self) -> list[tuple[int, ArrivalRowForm]]:
        """(row number from 1, form) of the rows that say something."""
        return [(n, form) for n, form in enumerate(self.forms, start=1)
                if form.is_valid() and not form.is_blank()]


ArrivalRows = forms.formset_factory(ArrivalRowForm, formset=BaseArrivalRows, extra=0,
                                    min_num=1, max_num=200, absolute_max=200)


class FlagsForm(forms.Form):
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerabilities"), choices=choices.Vulnerability.choices, required=False,
        widget=forms.CheckboxSelectMultiple)


class ReferralForm(forms.Form):
    """A referral with the consent it rests on (no consent, no referral)."""

    service = forms.ChoiceField(label=_("Service"), choices=choices.ReferralService.choices)
    to_organisation = forms.ModelChoiceField(
        label=_("Referred to"), queryset=Organisation.objects.filter(is_active=True),
        help_text=_("The protection actor: an NGO, UNHCR, the child protection authority…"))
    reason = forms.CharField(label=_("Reason for referral"),
                             widget=forms.Textarea(attrs={"rows": 3}))
    consent_by = forms.ChoiceField(label=_("Consent given by"),
                                   choices=[("", "---------"), *choices.ConsentBy.choices])
    consent_at = forms.DateTimeField(label=_("Consent recorded"), initial=now_local,
                                     widget=DATETIME)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)
        organisation: Any = self.fields["to_organisation"]
        organisation.queryset = organisation.queryset.filter(is_active=True)


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), choices=[
        (choices.ReferralStatus.ACCEPTED, pgettext_lazy("decision", "Accept")),
        (choices.ReferralStatus.DECLINED, pgettext_lazy("decision", "Decline")),
        (choices.ReferralStatus.COMPLETED, pgettext_lazy("decision", "Completed"))])
    response = forms.CharField(label=_("Response"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))

