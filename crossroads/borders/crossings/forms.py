"""Forms of crossings: the officer's capture form and the passenger-list upload."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossroads.borders import choices
from crossroads.borders.crossings.services import CrossingInput
from crossroads.borders.models import BorderCrossingPoint, Crossing
from crossroads.core.forms import restrict_choices
from crossroads.people.choices import DocumentKind, Sex
from crossroads.people.dates import PartialDate

#: Largest passenger list accepted from the web page (a wide-body aircraft lists ~850).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def blank(options: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *options]


def recordable_points(user: Any) -> Any:
    """The points the user may view and record crossings at, when their permission to
    record says so through the point (``point__…`` constraints); else every point they
    may view (recording still checks the crossing itself)."""
    from django.db.models import Q

    from crossroads.core.permissions import ADD, VIEW, permission_backend
    from crossroads.core.querysets import constraints_to_q

    visible = BorderCrossingPoint.objects.restrict(user, VIEW)
    if not getattr(user, "is_authenticated", False):
        return visible
    constraints = permission_backend().get_constraints(user, Crossing, ADD) or []
    if not constraints or any(not c or not all(k.startswith("point__") for k in c)
                              for c in constraints):
        return visible
    through_point = [{k.removeprefix("point__"): v for k, v in c.items()}
                     for c in constraints]
    granted: Q = constraints_to_q(through_point, user)
    return visible.filter(granted).distinct()


class CaptureForm(forms.Form):
    """One traveller at the booth. The MRZ comes first: a scan fills the rest."""

    point = forms.ModelChoiceField(BorderCrossingPoint.objects.all(),
                                   label=_("Crossing point"))
    movement = forms.ChoiceField(label=_("Movement"), choices=[
        (v, lbl) for v, lbl in choices.Movement.choices if v != choices.Movement.REFUSED])
    mrz = forms.CharField(label=_("Machine-readable zone"), required=False, max_length=200,
                          widget=forms.Textarea(attrs={
                              "rows": 3, "cols": 46, "spellcheck": "false", "autofocus": True,
                              "autocomplete": "off", "class": "mrz-input", "accesskey": "m"}))
    family = forms.CharField(label=_("Family name"), required=False, max_length=200)
    given = forms.CharField(label=_("Given names"), required=False, max_length=200)
    patronymic = forms.CharField(label=_("Patronymic"), required=False, max_length=200)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1880,
                                    max_value=2100)
    birth_month = forms.IntegerField(label=_("Month of birth"), required=False, min_value=1,
                                     max_value=12)
    birth_day = forms.IntegerField(label=_("Day of birth"), required=False, min_value=1,
                                   max_value=31)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    nationality = forms.CharField(label=_("Nationality"), required=False, max_length=3)
    document_kind = forms.ChoiceField(label=_("Document type"), required=False,
                                      choices=blank(DocumentKind.choices))
    document_number = forms.CharField(label=_("Document number"), required=False,
                                      max_length=40)
    document_state = forms.CharField(label=_("Issuing state"), required=False, max_length=3)
    document_expiry = forms.DateField(label=_("Document expiry"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    purpose = forms.ChoiceField(label=_("Purpose"), required=False,
                                choices=blank(choices.Purpose.choices))
    permit_kind = forms.ChoiceField(label=_("Visa or permit"), required=False,
                                    choices=blank(choices.PermitKind.choices))
    permit_number = forms.CharField(label=_("Visa or permit number"), required=False,
                                    max_length=40)
    permit_valid_until = forms.DateField(label=_("Visa or permit valid until"), required=False,
                                         widget=forms.DateInput(attrs={"type": "date"}))
    transport = forms.ChoiceField(label=_("Means of transport"), required=False,
                                  choices=blank(choices.Transport.choices))
    vehicle = forms.CharField(label=_("Vehicle, flight or train"), required=False,
                              max_length=40)
    crossed_at = forms.DateTimeField(
        label=pgettext_lazy("crossing", "Time"), required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    refusal_reason = forms.ChoiceField(label=_("Reason for refusal"), required=False,
                                       choices=blank(choices.RefusalReason.choices))
    remarks = forms.CharField(label=_("Remarks"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    person = forms.IntegerField(label=_("Person (identifier in the register)"),
                                required=False, min_value=1,
                                help_text=_("Only to name the traveller yourself."))
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=80)

    #: Fields shown in the traveller's block (the MRZ fills them).
    TRAVELLER = ("family", "given", "patronymic", "birth_year", "birth_month", "birth_day",
                 "sex", "nationality", "document_kind", "document_number", "document_state",
                 "document_expiry")
    TRIP = ("purpose", "permit_kind", "permit_number", "permit_valid_until", "transport",
            "vehicle", "crossed_at", "remarks", "person")

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)
        self.fields["point"].queryset = recordable_points(user)  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)

    def traveller_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.TRAVELLER]

    def trip_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.TRIP]

    def to_input(self, refused: bool = False) -> CrossingInput:
        """The cleaned form as the recording service's input."""
        data = self.cleaned_data
        return CrossingInput(
            point=data["point"],
            movement=choices.Movement.REFUSED if refused else data["movement"],
            crossed_at=data.get("crossed_at"), family=data["family"], given=data["given"],
            patronymic=data["patronymic"],
            birth=PartialDate(data.get("birth_year"), data.get("birth_month"),
                              data.get("birth_day")),
            sex=data["sex"], nationality=data["nationality"],
            document_kind=data["document_kind"], document_number=data["document_number"],
            document_state=data["document_state"], document_expiry=data.get("document_expiry"),
            mrz=data["mrz"], purpose=data["purpose"], permit_kind=data["permit_kind"],
            permit_number=data["permit_number"],
            permit_valid_until=data.get("permit_valid_until"), transport=data["transport"],
            vehicle=data["vehicle"], refusal_reason=data["refusal_reason"] if refused else "",
            remarks=data["remarks"], person_id=data.get("person"),
            idempotency_key=data["idempotency_key"], source="capture")

    def add_refusal(self, error: ValidationError) -> None:
        """Put the service's reasons next to the fields they name."""
        problems = error.message_dict if hasattr(error, "error_dict") else \
            {"__all__": error.messages}
        for name, messages in problems.items():
            target = "birth_year" if name == "birth" else name
            for message in messages:
                if target in self.fields:
                    self.add_error(target, message)
                else:
                    self.add_error(None, message if name == "__all__" else f"{name}: {message}")


class PaxlstUploadForm(forms.Form):
    """An advance passenger list as CSV (see docs/borders-crossings.md for the columns)."""

    file = forms.FileField(label=_("Passenger list (CSV)"))
    point = forms.ModelChoiceField(
        BorderCrossingPoint.objects.all(), label=_("Arrival crossing point"), required=False,
        help_text=_("Needed when the flight has arrived: the entries are recorded there."))
    arrived = forms.BooleanField(
        label=_("The flight has arrived: record the entries"), required=False,
        help_text=_("Otherwise the list is only checked and screened, and nothing is saved."))
    skip_bad = forms.BooleanField(
        label=_("Keep the good rows when some are bad"), required=False,
        help_text=_("By default one bad row stops the whole list."))

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        restrict_choices(self, user)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Upload a .csv file."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("arrived") and not data.get("point"):
            self.add_error("point", _("Choose where the flight arrived."))
        return data
