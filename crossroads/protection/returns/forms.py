"""Forms of the return steps on the case page and the application page.

Each form only reads what the user typed; the checks of the step itself are in
``crossroads.protection.returns.services`` and ``.reintegration``, so the pages and the
API refuse the same things with the same reasons.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.core.forms import restrict_choices
from crossroads.protection.choices import (
    AssistanceKind,
    FitnessToTravel,
    ReintegrationDimension,
    TravelDocumentStatus,
)
from crossroads.protection.returns import eligibility, sustainability
from crossroads.protection.returns.travel import LEG_KEYS, TravelPlan
from crossroads.reference.models import Country

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]
DATE = forms.DateInput(attrs={"type": "date"})
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"})


class ApplyForm(forms.Form):
    applicant = forms.IntegerField(label=gettext_lazy("Applicant"), widget=forms.Select)
    country_of_return = forms.ModelChoiceField(label=gettext_lazy("Country of return"),
                                               queryset=Country.objects.order_by("name"))
    destination = forms.CharField(label=gettext_lazy("Place of return"), max_length=120,
                                  required=False)
    applied_on = forms.DateField(label=gettext_lazy("Applied on"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)


class EligibilityForm(forms.Form):
    """One yes/no question per eligibility criterion; every one must be answered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in eligibility.ELIGIBILITY:
            self.fields[criterion.code] = forms.ChoiceField(
                label=str(criterion.question), choices=YES_NO, widget=forms.RadioSelect)

    def answers(self) -> dict[str, object]:
        return {code: value == "yes" for code, value in self.cleaned_data.items()}


def parse_itinerary(text: str) -> list[dict[str, str]]:
    """Legs typed one per line: ``from; to; carrier; number; departs; arrives``."""
    legs = []
    for line in text.splitlines():
        if line.strip():
            parts = [part.strip() for part in line.split(";")]
            legs.append(dict(zip(LEG_KEYS, parts + [""] * (len(LEG_KEYS) - len(parts)),
                                 strict=False)))
    return legs


def itinerary_text(legs: list[dict[str, Any]]) -> str:
    """The legs as typed in the travel form (the inverse of :func:`parse_itinerary`)."""
    return "\n".join("; ".join(str(leg.get(key, "")) for key in LEG_KEYS) for leg in legs)


class TravelForm(forms.Form):
    departure_date = forms.DateField(label=gettext_lazy("Planned departure"), widget=DATE)
    itinerary = forms.CharField(
        label=gettext_lazy("Itinerary"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One leg per line: from; to; carrier; flight or bus number; "
                        "departs; arrives (for example 2026-12-01T09:30)."))
    document_status = forms.ChoiceField(label=gettext_lazy("Travel document"),
                                        choices=TravelDocumentStatus.choices)
    document_reference = forms.CharField(label=gettext_lazy("Document number"), max_length=40,
                                         required=False)
    fitness = forms.ChoiceField(label=gettext_lazy("Fitness to travel"),
                                choices=FitnessToTravel.choices)
    fitness_assessed_on = forms.DateField(label=gettext_lazy("Fitness assessed on"), required=False,
                                          widget=DATE)
    escort_required = forms.BooleanField(label=gettext_lazy("Escort required"), required=False)
    escort = forms.CharField(label=gettext_lazy("Escort"), max_length=120, required=False)

    def plan(self) -> TravelPlan:
        data = self.cleaned_data
        return TravelPlan(
            departure_date=data["departure_date"], document_status=data["document_status"],
            itinerary=parse_itinerary(data["itinerary"]),
            document_reference=data["document_reference"],
            escort_required=data["escort_required"], escort=data["escort"],
            fitness=data["fitness"], fitness_assessed_on=data["fitness_assessed_on"])


class ConfirmForm(forms.Form):
    at = forms.DateTimeField(label=gettext_lazy("When"), required=False, widget=MOMENT,
                             help_text=gettext_lazy("Leave empty for now."))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)


class PlanForm(forms.Form):
    economic = forms.CharField(label=gettext_lazy("Economic goals"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    social = forms.CharField(label=gettext_lazy("Social goals"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    psychosocial = forms.CharField(label=gettext_lazy("Psychosocial goals"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    budget = forms.DecimalField(label=gettext_lazy("Budget"), required=False, max_digits=10,
                                decimal_places=2)
    currency = forms.CharField(label=gettext_lazy("Currency"), max_length=3, initial="EUR")
    agreed_on = forms.DateField(label=gettext_lazy("Agreed on"), required=False, widget=DATE)


class AssistanceForm(forms.Form):
    dimension = forms.ChoiceField(label=gettext_lazy("Dimension"),
                                  choices=ReintegrationDimension.choices)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=AssistanceKind.choices)
    description = forms.CharField(label=gettext_lazy("Description"), max_length=200, required=False)
    value = forms.DecimalField(label=gettext_lazy("Value"), required=False, max_digits=10,
                               decimal_places=2)


class DeliverForm(forms.Form):
    delivered_on = forms.DateField(label=gettext_lazy("Delivered on"), required=False, widget=DATE,
                                   help_text=gettext_lazy("Leave empty for today."))


class VisitForm(forms.Form):
    """The monitoring questionnaire: one choice per question, all required."""

    visited_on = forms.DateField(label=gettext_lazy("Visited on"), required=False, widget=DATE)
    notes = forms.CharField(label=gettext_lazy("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in sustainability.QUESTIONS:
            self.fields[question.code] = forms.ChoiceField(
                label=str(question.text),
                choices=[("", "—"), *((o.code, o.label) for o in question.options)])

    def answers(self) -> dict[str, object]:
        return {q.code: self.cleaned_data[q.code] for q in sustainability.QUESTIONS}


def form_problems(form: forms.Form) -> list[str]:
    """The form's errors as sentences naming the field (for messages on the page)."""
    found = []
    for name, problems in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        found += [_("%(field)s: %(problem)s") % {"field": label, "problem": problem}
                  if label else str(problem) for problem in problems]
    return found
