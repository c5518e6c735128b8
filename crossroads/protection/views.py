"""Pages of protection: case list and case page (persons, screening, tasks, notes,
documents, consent, approvals and workflow buttons), tasks, documents, the caseload."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core.audit import audit_access
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import CHANGE, VIEW
from crossroads.core.views.generic import ObjectViews, restricted_or_404
from crossroads.people.models import Person
from crossroads.protection import (
    consent,
    documents,
    filtersets,
    forms,
    services,
    tables,
    workflow,
)
from crossroads.protection import models as m
from crossroads.protection.choices import (
    ApprovalDecision,
    ApprovalStep,
    BestInterestsKind,
    ConsentPurpose,
)
from crossroads.protection.reports import views as report_views

#: Parts of the case page added by the referral, counter-trafficking and return modules:
#: (template, function of the request and the case giving the template's ``section``, or
#: None to show nothing).
CaseSection = Callable[[HttpRequest, m.Case], dict[str, Any] | None]
CASE_SECTIONS: list[tuple[str, CaseSection]] = []


def case_section(template: str) -> Callable[[CaseSection], CaseSection]:
    """Register a part of the case page rendered by ``template``."""

    def decorator(function: CaseSection) -> CaseSection:
        CASE_SECTIONS.append((template, function))
        return function

    return decorator


def sections(request: HttpRequest, case: m.Case) -> list[tuple[str, dict[str, Any]]]:
    found = ((template, function(request, case)) for template, function in CASE_SECTIONS)
    return [(template, section) for template, section in found if section is not None]


def visible(model: Any, user: Any, case: m.Case) -> list[Any]:
    """The records of ``model`` on ``case`` that ``user`` may view (audited)."""
    rows = list(model.objects.restrict(user, VIEW).filter(case=case))
    audit_access(model, rows, AuditEvent.Action.VIEW)
    return rows


class CaseViews(ObjectViews):
    model = m.Case
    filterset = filtersets.CaseFilterSet
    table = tables.CaseTable
    form = forms.CaseForm
    detail_template = "protection/case.html"

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        user = request.user
        persons = visible(m.CasePerson, user, obj)
        can_change = m.Case.objects.restrict(user, CHANGE).filter(pk=obj.pk).exists()
        approvals = visible(m.Approval, user, obj)
        return {
            "persons": [(p, services.person_label(user, p)) for p in persons],
            "screenings": visible(m.VulnerabilityScreening, user, obj),
            "tasks": visible(m.Task, user, obj),
            "notes": visible(m.CaseNote, user, obj),
            "documents": visible(m.CaseDocument, user, obj),
            "consents": visible(m.Consent, user, obj),
            "approvals": approvals,
            "decidable": [a for a in approvals if a.decision == ApprovalDecision.PENDING and
                          a.requested_by_id != user.pk and m.Approval.objects.restrict(
                              user, CHANGE).filter(pk=a.pk).exists()],
            "history": visible(m.CaseStatusChange, user, obj),
            "can_work": can_change,
            "moves": workflow.ALLOWED.get(obj.status, ()) if can_change else (),
            "steps": ApprovalStep.choices,
            "move_form": forms.MoveForm(), "note_form": forms.NoteForm(),
            "upload_form": forms.UploadForm(), "person_form": forms.AddPersonForm(),
            "purposes": ConsentPurpose.choices, "bi_kinds": BestInterestsKind.choices,
            "best_interests": visible(m.BestInterests, user, obj),
            "sections": sections(request, obj),
        }


class TaskViews(ObjectViews):
    model = m.Task
    filterset = filtersets.TaskFilterSet
    table = tables.TaskTable
    form = forms.TaskForm


ALL_VIEWS = (CaseViews, TaskViews)


def case_for(request: HttpRequest, pk: int, action: str) -> m.Case:
    case: m.Case = restricted_or_404(m.Case.objects.all(), request.user, pk, action)
    return case


def report(request: HttpRequest, error: ValidationError) -> None:
    for problems in error.message_dict.values():
        for problem in problems:
            messages.error(request, problem)


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """A workflow step from the case page; a refusal is shown with its reason."""
    case = case_for(request, pk, CHANGE)
    form = forms.MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status to move the case to."))
        return redirect(case)
    try:
        workflow.move(case, form.cleaned_data["to_status"], request.user,
                      closure_reason=form.cleaned_data["closure_reason"],
                      reason=form.cleaned_data["reason"])
        messages.success(request, _("The case has moved."))
    except ValidationError as error:
        report(request, error)
    return redirect(case)


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, CHANGE)
    try:
        workflow.reopen(case, request.user, request.POST.get("reason", ""))
        messages.success(request, _("The case is reopened."))
    except ValidationError as error:
        report(request, error)
    return redirect(case)


@login_required
@require_POST
def request_approval(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, CHANGE)
    try:
        workflow.request_approval(case, request.POST.get("step", ""), request.user,
                                  request.POST.get("note", ""))
        messages.success(request, _("Approval requested."))
    except ValidationError as error:
        report(request, error)
    return redirect(case)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    approval = m.Approval.objects.restrict(request.user, CHANGE).filter(pk=pk).first()
    if approval is None:
        raise PermissionDenied(_("You may not decide this approval."))
    try:
        workflow.decide(approval, request.user, approve=request.POST.get("approve") == "yes",
                        note=request.POST.get("note", ""))
        messages.success(request, _("Decision recorded."))
    except ValidationError as error:
        report(request, error)
    return redirect(approval.case)


@login_required
@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, CHANGE)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        m.CaseNote.objects.create(case=case, text=form.cleaned_data["text"])
    else:
        messages.error(request, _("A note needs text."))
    return redirect(case)


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, CHANGE)
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("A document needs a title and a file."))
        return redirect(case)
    try:
        documents.attach(case, form.cleaned_data["file"], form.cleaned_data["title"])
        messages.success(request, _("Document kept with the case."))
    except ValidationError as error:
        report(request, error)
    return redirect(case)


def bad_form(request: HttpRequest, form: Any) -> None:
    for field, problems in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for problem in problems:
            messages.error(request, f"{label}: {problem}" if label else problem)


@login_required
@require_POST
def add_person(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an existing person (one the user may view) to the case."""
    case = case_for(request, pk, CHANGE)
    form = forms.AddPersonForm(request.POST)
    if not form.is_valid():
        bad_form(request, form)
        return redirect(case)
    person = Person.objects.restrict(request.user, VIEW) \
        .filter(uid=form.cleaned_data["uid"]).first()
    try:
        if person is None:
            raise ValidationError({"uid": [_("No person you may view has this identifier.")]})
        services.add_person(case, request.user, person, form.cleaned_data["role"],
                            form.cleaned_data["relationship"])
        messages.success(request, _("Person added to the case."))
    except ValidationError as error:
        report(request, error)
    return redirect(case)


@login_required
@require_POST
def record_consent(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, CHANGE)
    form = forms.ConsentForm(request.POST)
    if not form.is_valid():
        bad_form(request, form)
        return redirect(case)
    data = form.cleaned_data
    taker: Any = request.user
    given = m.Consent(case=case, purpose=data["purpose"], given_on=data["given_on"],
                      taken_by=taker,
                      case_person=case.casepersons.filter(pk=data["case_person"]).first(),
                      organisation_id=data["organisation"])
    try:
        if given.case_person is None:
            raise ValidationError({"case_person": [_("This person is not in this case.")]})
        with transaction.atomic():
            given.full_clean()
            given.save()
        messages.success(request, _("Consent recorded."))
    except ValidationError as error:
        report(request, error)
    return redirect(case)


@login_required
@require_POST
def withdraw_consent(request: HttpRequest, pk: int) -> HttpResponse:
    given = restricted_or_404(m.Consent.objects.all(), request.user, pk, CHANGE)
    try:
        consent.withdraw(given, timezone.localdate())
        messages.success(request, _("Consent withdrawn."))
    except ValidationError as error:
        report(request, error)
    return redirect(given.case)


@login_required
@require_POST
def record_best_interests(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, CHANGE)
    form = forms.BestInterestsForm(request.POST)
    if not form.is_valid():
        bad_form(request, form)
        return redirect(case)
    data = form.cleaned_data
    child = case.casepersons.filter(pk=data["child"]).first()
    if child is None:
        messages.error(request, _("This child is not in this case."))
        return redirect(case)
    m.BestInterests.objects.create(case=case, child=child, kind=data["kind"],
                                   done_by=request.user, recommendation=data["recommendation"])
    messages.success(request, _("Best-interests procedure recorded."))
    return redirect(case)


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    """A case document, to a user who may view it (audited); never from a public URL."""
    document = restricted_or_404(m.CaseDocument.objects.all(), request.user, pk, VIEW)
    audit_access(m.CaseDocument, [document], AuditEvent.Action.EXPORT)
    extension = documents.EXTENSIONS.get(document.media_type, "")
    response = FileResponse(document.file.open("rb"), content_type=document.media_type,
                            as_attachment=True, filename=f"document-{document.pk}{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    """The caseload dashboard: counts of the cases the user may view or count; no case."""
    return report_views.caseload(request)
