"""Forms of watchlists: lists, entries (names in any script), decisions, CSV import."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.core.forms import CrossroadsModelForm
from crossroads.watchlists import models as m
from crossroads.watchlists.choices import AlertStatus


class WatchlistForm(CrossroadsModelForm):
    class Meta:
        model = m.Watchlist
        fields = ["name", "kind", "organisation", "country", "active", "description"]


class WatchlistEntryForm(CrossroadsModelForm):
    """An entry as the issuing authority gives it: names as written, in any script."""

    class Meta:
        model = m.WatchlistEntry
        fields = ["watchlist", "family", "given", "patronymic", "aliases", "language",
                  "birth_year", "birth_month", "birth_day", "sex", "nationality",
                  "document_number", "document_state", "action", "reference", "valid_until",
                  "active"]
        widgets = {"aliases": forms.Textarea(attrs={"rows": 3}),
                   "family": forms.TextInput(attrs={"lang": "", "autocomplete": "off"}),
                   "given": forms.TextInput(attrs={"lang": "", "autocomplete": "off"}),
                   "valid_until": forms.DateInput(attrs={"type": "date"})}


class DecisionForm(forms.Form):
    """An officer's decision on an alert."""

    status = forms.ChoiceField(label=_("Decision"), choices=[
        (AlertStatus.CONFIRMED, _("Confirm: this is the person on the list")),
        (AlertStatus.DISMISSED, _("Dismiss as a false match")),
        (AlertStatus.ESCALATED, _("Escalate to a supervisor"))])
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Required to dismiss or escalate."))


class EntryImportForm(forms.Form):
    """A CSV file of entries for one list."""

    file = forms.FileField(label=_("CSV file"), help_text=_(
        "UTF-8, with a header row; columns: family, given, patronymic, aliases (separated "
        "by ;), language, birth_year, birth_month, birth_day, sex, nationality, "
        "document_number, document_state, action, reference, valid_until."))
