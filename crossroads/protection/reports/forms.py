"""The filters of the protection reports: period, country, case type, organisation."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from crossroads.protection.choices import CaseType
from crossroads.protection.models import Case
from crossroads.protection.reports.counts import Scope
from crossroads.reference.models import Country
from crossroads.users.models import Organisation


class ReportFilterForm(forms.Form):
    """Which cases a report counts. Countries and organisations offered are those of the
    cases the user may count, so the lists reveal nothing more than the counts do."""

    start = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    country = forms.ChoiceField(label=_("Country"), required=False)
    case_type = forms.ChoiceField(label=_("Case type"), required=False,
                                  choices=[("", _("All case types")), *CaseType.choices])
    organisation = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int,
                                          empty_value=None)

    def __init__(self, data: Any, cases: QuerySet[Case]) -> None:
        super().__init__(data)
        countries = Country.objects.filter(
            pk__in=cases.values("organisation__country")).order_by("name")
        organisations = Organisation.objects.filter(
            pk__in=cases.values("organisation")).order_by("name")
        self.names: dict[str, dict[Any, str]] = {
            "country": dict(countries.values_list("iso3", "name")),
            "case_type": {code: str(label) for code, label in CaseType.choices},
            "organisation": dict(organisations.values_list("pk", "name"))}
        self.choice_field("country").choices = [("", _("All countries")),
                                                *self.names["country"].items()]
        self.choice_field("organisation").choices = [("", _("All organisations")),
                                                     *self.names["organisation"].items()]

    def choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError({"end": _("The period cannot end before it starts.")})
        return data

    def scope(self) -> Scope:
        """The cases and period chosen (call after ``is_valid()``)."""
        data = self.cleaned_data
        return Scope(start=data.get("start"), end=data.get("end"),
                     country=data.get("country") or "", case_type=data.get("case_type") or "",
                     organisation=data.get("organisation"))

    def describe(self) -> dict[str, str]:
        """The period and scope in words, for the header of an export."""
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        period = (f"{start.isoformat() if start else '…'} – {end.isoformat() if end else '…'}"
                  if start or end else str(_("all dates")))
        everything = {"country": _("all countries"), "case_type": _("all case types"),
                      "organisation": _("all organisations")}
        scope = [self.names[name].get(data.get(name), str(everything[name]))
                 for name in everything]
        return {"period": period, "scope": "; ".join(scope)}
