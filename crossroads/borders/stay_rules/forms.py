"""Forms of stay rules, and of the questions asked of the stay lists."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossroads.borders import models as m
from crossroads.borders.stay_rules import lists, services
from crossroads.core.forms import CrossroadsModelForm
from crossroads.core.permissions import VIEW
from crossroads.reference.models import Country


class StayRuleForm(CrossroadsModelForm):
    """A stay rule; refused if another rule already covers the same travellers on the
    same dates (the choice between them would be arbitrary)."""

    class Meta:
        model = m.StayRule
        fields = ["country", "name", "nationality", "document_kind", "permit_kind", "kind",
                  "days", "window", "valid_from", "valid_to", "legal_basis"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}),
                   "valid_to": forms.DateInput(attrs={"type": "date"})}

    def validate_unique(self) -> None:
        """After the model's own checks, with the instance holding the new values."""
        super().validate_unique()
        if self.errors:
            return
        if (problem := services.ambiguity(self.instance)) is not None:
            self.add_error(None, problem)


class StayQueryForm(forms.Form):
    """Country, day and narrowing of a traveller's status or of a stay list."""

    country = forms.ModelChoiceField(
        queryset=Country.objects.none(), to_field_name="iso3", required=False,
        label=_("Country of stay"), help_text=_("Default: your organisation's country."))
    on = forms.DateField(label=pgettext_lazy("stay status as of a day", "On"), required=False,
                         widget=forms.DateInput(attrs={"type": "date"}),
                         help_text=_("Default: today."))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        country = cast(forms.ModelChoiceField, self.fields["country"])  # type: ignore[type-arg]
        country.queryset = Country.objects.restrict(user, VIEW)

    def clean_country(self) -> Country:
        chosen = self.cleaned_data.get("country")
        if chosen is None:
            organisation = getattr(self.user, "organisation", None)
            chosen = getattr(organisation, "country", None)
        if chosen is None:
            raise ValidationError(_("Choose the country of stay."))
        return chosen  # type: ignore[no-any-return]

    def clean_on(self) -> date:
        return self.cleaned_data.get("on") or timezone.localdate()


class StayListForm(StayQueryForm):
    """A stay list's filters: crossing point, nationality and the age of open stays."""

    point = forms.ModelChoiceField(queryset=m.BorderCrossingPoint.objects.none(),
                                   required=False, label=_("Crossing point"))
    nationality = forms.RegexField(regex=r"^[A-Za-z]{3}$", required=False, max_length=3,
                                   label=_("Nationality"),
                                   help_text=_("Three-letter code, e.g. UZB."),
                                   error_messages={"invalid": _("Three letters, e.g. UZB.")})
    older_than = forms.IntegerField(
        min_value=0, max_value=3650, required=False, label=_("Open for more than (days)"),
        help_text=_("Entries without exit only."))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        point = cast(forms.ModelChoiceField, self.fields["point"])  # type: ignore[type-arg]
        point.queryset = m.BorderCrossingPoint.objects.restrict(user, VIEW)

    def filters(self) -> lists.ListFilters:
        """The validated filters (call after ``is_valid``)."""
        data = self.cleaned_data
        older = data.get("older_than")
        return lists.ListFilters(
            country=data["country"], on=data["on"],
            point=data["point"].pk if data.get("point") else None,
            nationality=(data.get("nationality") or "").upper(),
            older_than=lists.open_stay_days() if older is None else older)
