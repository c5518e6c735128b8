"""Forms of the referral mechanism: directory entries, referrals and transfers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.core.forms import CrossroadsModelForm
from crossroads.core.permissions import VIEW
from crossroads.protection import models as m
from crossroads.protection import services
from crossroads.protection.choices import Service, SharedField
from crossroads.users.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"})


class ProviderForm(CrossroadsModelForm):
    class Meta:
        model = m.ServiceProvider
        fields = ["organisation", "name", "country", "locality", "address", "contact_person",
                  "phone", "email", "hours", "is_active", "notes"]


class OfferForm(CrossroadsModelForm):
    class Meta:
        model = m.ServiceOffer
        fields = ["provider", "service", "capacity", "eligibility"]


class LabelledChoiceField(forms.ModelChoiceField):
    """A choice of records shown by a label function (a person's name as the user may see it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label_for: Any = str

    def label_from_instance(self, obj: Any) -> str:
        return str(self.label_for(obj))


class ReferralForm(forms.Form):
    """A referral of one person in a case (the case page's "Refer" form)."""

    case_person = LabelledChoiceField(label=_("Person"), queryset=m.CasePerson.objects.none())
    provider = LabelledChoiceField(label=_("Provider"), queryset=m.ServiceProvider.objects.none())
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    needs = forms.CharField(label=_("What the person needs"),
                            widget=forms.Textarea(attrs={"rows": 2}))
    respond_by = forms.DateField(label=_("Answer due by"), widget=DATE)
    complete_by = forms.DateField(label=_("Service due by"), required=False, widget=DATE)
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    shares = forms.MultipleChoiceField(
        label=_("Share with the receiving organisation"), required=False,
        choices=SharedField.choices, widget=forms.CheckboxSelectMultiple)
    override_reason = forms.CharField(
        label=_("Reason to override a missing consent"), required=False,
        help_text=_("Only if the person has not consented and you may override."))
    send = forms.BooleanField(label=_("Send now"), required=False, initial=True)

    def __init__(self, *args: Any, case: m.Case, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = self.fields["case_person"]
        assert isinstance(people, LabelledChoiceField)
        people.queryset = m.CasePerson.objects.filter(case=case, person__isnull=False)
        people.label_for = lambda link: services.person_label(user, link)
        providers = self.fields["provider"]
        assert isinstance(providers, LabelledChoiceField)
        providers.queryset = m.ServiceProvider.objects.restrict(user, VIEW) \
            .filter(is_active=True).select_related("organisation")
        providers.label_for = lambda p: f"{p.name} ({p.organisation})"


class TransferForm(forms.Form):
    """A request to hand the case to another organisation."""

    to_organisation = forms.ModelChoiceField(label=_("Transfer to"),
                                             queryset=Organisation.objects.all())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(
        label=_("Reason to override a missing consent"), required=False)

    def __init__(self, *args: Any, case: m.Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = self.fields["to_organisation"]
        assert isinstance(organisations, forms.ModelChoiceField)
        # Organisations are public reference data: any may receive a case.
        organisations.queryset = Organisation.objects.exclude(pk=case.organisation_id)


class StepForm(forms.Form):
    """The text some steps need: a reason, an outcome or a note; a date for acceptance."""

    text = forms.CharField(label=_("Reason, outcome or note"), required=False)
    complete_by = forms.DateField(label=_("Service due by"), required=False, widget=DATE)
