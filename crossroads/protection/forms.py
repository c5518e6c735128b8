"""Forms of protection cases: the case, tasks, notes, document uploads, workflow steps."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.core.forms import CrossroadsModelForm
from crossroads.protection import models as m
from crossroads.protection.choices import (
    BestInterestsKind,
    CasePersonRole,
    CaseStatus,
    ClosureReason,
    ConsentPurpose,
)


class CaseForm(CrossroadsModelForm):
    class Meta:
        model = m.Case
        fields = ["reference", "case_type", "organisation", "case_worker", "supervisor",
                  "priority", "opened_on", "summary"]


class TaskForm(CrossroadsModelForm):
    class Meta:
        model = m.Task
        fields = ["case", "title", "due_on", "assignee", "done", "done_on"]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG or JPEG."))


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"), choices=CaseStatus.choices)
    closure_reason = forms.ChoiceField(label=_("Closure reason"), required=False,
                                       choices=[("", "—"), *ClosureReason.choices])
    reason = forms.CharField(label=_("Reason"), required=False)


class AddPersonForm(forms.Form):
    """An existing person, by the identifier shown on their page (persons one may view)."""

    uid = forms.UUIDField(label=_("Person identifier"))
    role = forms.ChoiceField(label=_("Role"), choices=CasePersonRole.choices)
    relationship = forms.CharField(label=_("Relationship to the principal"), required=False,
                                   max_length=60)


class ConsentForm(forms.Form):
    case_person = forms.IntegerField(label=_("Person"), widget=forms.Select)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    organisation = forms.IntegerField(label=_("Referral to (organisation)"), required=False)
    given_on = forms.DateField(label=_("Given on"))


class BestInterestsForm(forms.Form):
    child = forms.IntegerField(label=_("Child"), widget=forms.Select)
    kind = forms.ChoiceField(label=_("Kind"), choices=BestInterestsKind.choices)
    recommendation = forms.CharField(label=_("Recommendation"), widget=forms.Textarea)
