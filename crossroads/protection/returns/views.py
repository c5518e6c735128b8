"""Pages of assisted voluntary return: the section on the case page, the application
page with its steps, the list of applications, and who is awaiting departure or due for
a monitoring visit.

Every record shown is read through ``restrict()`` and its read audited; every step is a
POST handled by the services, whose refusals are shown with their reasons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from crossroads.core.audit import audit_access, audit_denied
from crossroads.core.permissions import ADD, CHANGE, VIEW, can
from crossroads.core.views.generic import (
    ObjectChangelogView,
    ObjectDetailView,
    ObjectListView,
    ObjectViews,
    restricted_or_404,
)
from crossroads.protection import models as m
from crossroads.protection import services as case_services
from crossroads.protection.choices import ReturnStatus
from crossroads.protection.returns import (
    eligibility,
    filtersets,
    forms,
    reintegration,
    services,
    sustainability,
    tables,
)
from crossroads.protection.views import case_for, case_section, report

R = ReturnStatus
#: How far ahead the "due" page looks for monitoring visits.
DUE_WITHIN = timedelta(days=30)


class ReturnApplicationViews(ObjectViews):
    """The list of applications (filters: status, country of return, …) and their pages."""

    model = m.ReturnApplication
    filterset = filtersets.ReturnApplicationFilterSet
    table = tables.ReturnApplicationTable
    detail_template = "protection/returns/application.html"
    list_actions = ((_lazy("Awaiting departure and due for monitoring"), "protection:return_due",
                     VIEW),)
    detail_fields = ("case", "country_of_return", "destination", "applied_on", "status",
                     "decided_by", "decided_on")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [
            path("returns/", ObjectListView.as_view(views=cls), name=cls.name("list")),
            path("returns/<int:lookup>/", ObjectDetailView.as_view(views=cls), name=cls.name()),
            path("returns/<int:lookup>/changelog/", ObjectChangelogView.as_view(views=cls),
                 name=cls.name("changelog")),
        ]

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        return {"panels": panels(request.user, [obj]), "back": "application",
                "criteria": eligibility.ELIGIBILITY}


def visible(model: type[models.Model], user: Any, **lookups: Any) -> list[Any]:
    """Records of ``model`` that ``user`` may view, their read audited."""
    manager: Any = model._default_manager
    rows = list(manager.restrict(user, VIEW).filter(**lookups))
    audit_access(model, rows)
    return rows


def panels(user: Any, applications: Iterable[m.ReturnApplication]) -> list[dict[str, Any]]:
    """What the page shows of each application: travel, plan, assistance, visits, steps."""
    applications = list(applications)
    ids = [a.pk for a in applications]
    travel = {t.application_id: t for t in visible(m.TravelArrangement, user,
                                                   application__in=ids)}
    plans = {p.application_id: p for p in visible(m.ReintegrationPlan, user,
                                                  application__in=ids)}
    plan_ids = [p.pk for p in plans.values()]
    assistance: dict[int, list[Any]] = defaultdict(list)
    for row in visible(m.ReintegrationAssistance, user, plan__in=plan_ids):
        assistance[row.plan_id].append(row)
    visits: dict[int, list[Any]] = defaultdict(list)
    for visit in visible(m.MonitoringVisit, user, plan__in=plan_ids):
        visits[visit.plan_id].append(visit)
    changeable = set(m.ReturnApplication.objects.restrict(user, CHANGE)
                     .filter(pk__in=ids).values_list("pk", flat=True))
    return [panel(user, a, travel.get(a.pk), plans.get(a.pk), assistance, visits,
                  a.pk in changeable) for a in applications]


def panel(user: Any, application: m.ReturnApplication, travel: Any, plan: Any,
          assistance: dict[int, list[Any]], visits: dict[int, list[Any]],
          can_change: bool) -> dict[str, Any]:
    """One application's panel, with a form for each step the user may take now."""
    plan_visits = visits.get(plan.pk, []) if plan else []
    prefix = f"r{application.pk}"
    steps = services.next_steps(application) if can_change else ()
    return {
        "application": application, "travel": travel, "plan": plan,
        "applicant": applicant_label(user, application),
        "reasons": application.eligibility_reasons,
        "assistance": assistance.get(plan.pk, []) if plan else [],
        "visits": [(v, sustainability.BANDS[sustainability.band(v.score)]) for v in plan_visits],
        "next_visit": reintegration.next_visit_due(application.status, travel, plan_visits),
        "can_change": can_change, "prefix": prefix,
        "decide_form": forms.EligibilityForm(prefix=prefix)
        if can_change and application.status == R.APPLIED else None,
        "travel_form": travel_form(prefix, travel) if R.TRAVEL_READY in steps else None,
        "depart_form": forms.ConfirmForm(prefix=prefix) if R.DEPARTED in steps else None,
        "arrive_form": forms.ConfirmForm(prefix=prefix) if R.ARRIVED in steps else None,
        "withdraw_form": forms.WithdrawForm(prefix=prefix) if R.WITHDRAWN in steps else None,
        "plan_form": plan_form(prefix, plan)
        if can_change and application.status in reintegration.PLANNING else None,
        "assistance_form": forms.AssistanceForm(prefix=prefix) if can_change and plan else None,
        "visit_form": forms.VisitForm(prefix=prefix)
        if can_change and plan and application.status == R.ARRIVED else None,
    }


def applicant_label(user: Any, application: m.ReturnApplication) -> str:
    applicant = application.applicant
    if applicant.person_id is None:
        return str(applicant)
    return case_services.person_label(user, applicant)


def travel_form(prefix: str, travel: Any) -> forms.TravelForm:
    """The travel form, filled in with the current arrangement when re-arranging."""
    if travel is None:
        return forms.TravelForm(prefix=prefix)
    initial = {name: getattr(travel, name) for name in forms.TravelForm.base_fields
               if name != "itinerary"}
    initial["itinerary"] = forms.itinerary_text(travel.itinerary)
    return forms.TravelForm(prefix=prefix, initial=initial)


def plan_form(prefix: str, plan: Any) -> forms.PlanForm:
    if plan is None:
        return forms.PlanForm(prefix=prefix)
    return forms.PlanForm(prefix=prefix, initial={
        name: getattr(plan, name) for name in forms.PlanForm.base_fields})


@case_section("protection/returns/case_section.html")
def case_returns(request: HttpRequest, case: m.Case) -> dict[str, Any] | None:
    """The case page's part on return: nothing when there is nothing to show or to do."""
    user = request.user
    applications = visible(m.ReturnApplication, user, case=case)
    can_apply = can(user, m.ReturnApplication, ADD) and \
        m.Case.objects.restrict(user, CHANGE).filter(pk=case.pk).exists()
    if not applications and not can_apply:
        return None
    persons = [(p.pk, case_services.person_label(user, p))
               for p in m.CasePerson.objects.restrict(user, VIEW)
               .filter(case=case, person__isnull=False).select_related("person")]
    apply_form = forms.ApplyForm(prefix="apply", user=user) if can_apply and persons else None
    if apply_form is not None:
        apply_form.fields["applicant"].widget.choices = persons
    return {"panels": panels(user, applications), "apply_form": apply_form, "case": case,
            "back": "case", "criteria": eligibility.ELIGIBILITY}


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply for return for a person of the case."""
    case = case_for(request, pk, CHANGE)
    form = forms.ApplyForm(request.POST, prefix="apply", user=request.user)
    if not form.is_valid():
        for problem in forms.form_problems(form):
            messages.error(request, problem)
        return redirect(case)
    data = form.cleaned_data
    applicant = m.CasePerson.objects.restrict(request.user, VIEW) \
        .filter(case=case, pk=data["applicant"]).first()
    try:
        if applicant is None:
            raise ValidationError({"applicant": [_("This person is not in this case.")]})
        application = services.apply(request.user, case, applicant, data["country_of_return"],
                                     data["destination"], data["applied_on"])
    except ValidationError as error:
        report(request, error)
        return redirect(case)
    messages.success(request, _("Return application recorded."))
    return redirect("protection:returnapplication", application.pk)


Runner = Callable[[Any, m.ReturnApplication, Any], str]


def run_decide(user: Any, application: m.ReturnApplication, form: Any) -> str:
    decided = services.decide_eligibility(user, application, form.answers())
    if decided.status == R.ELIGIBLE:
        return _("The person is eligible for assisted return.")
    return _("The person is not eligible: %(reasons)s") % {
        "reasons": " ".join(decided.eligibility_reasons)}


def run_travel(user: Any, application: m.ReturnApplication, form: Any) -> str:
    services.arrange_travel(user, application, form.plan())
    return _("Travel arranged: the returnee is ready to travel.")


def run_depart(user: Any, application: m.ReturnApplication, form: Any) -> str:
    services.confirm_departure(user, application, form.cleaned_data["at"])
    return _("Departure confirmed.")


def run_arrive(user: Any, application: m.ReturnApplication, form: Any) -> str:
    services.confirm_arrival(user, application, form.cleaned_data["at"])
    return _("Arrival confirmed.")


def run_withdraw(user: Any, application: m.ReturnApplication, form: Any) -> str:
    services.withdraw(user, application, form.cleaned_data["reason"])
    return _("The application is withdrawn.")


def run_plan(user: Any, application: m.ReturnApplication, form: Any) -> str:
    reintegration.make_plan(user, application, reintegration.PlanInput(**form.cleaned_data))
    return _("Reintegration plan saved.")


def plan_of(application: m.ReturnApplication) -> m.ReintegrationPlan:
    plan = m.ReintegrationPlan.objects.filter(application=application).first()
    if plan is None:
        raise ValidationError({"plan": [_("Agree a reintegration plan first.")]})
    return plan


def run_assistance(user: Any, application: m.ReturnApplication, form: Any) -> str:
    data = form.cleaned_data
    reintegration.add_assistance(user, plan_of(application), data["dimension"], data["kind"],
                                 data["description"], data["value"])
    return _("Assistance added to the plan.")


def run_visit(user: Any, application: m.ReturnApplication, form: Any) -> str:
    visit = reintegration.record_visit(user, plan_of(application), form.answers(),
                                       form.cleaned_data["visited_on"],
                                       form.cleaned_data["notes"])
    return _("Monitoring visit recorded: sustainability score %(score).2f (%(band)s).") % {
        "score": visit.score, "band": sustainability.BANDS[sustainability.band(visit.score)]}


STEPS: dict[str, tuple[type[django_forms.Form], Runner]] = {
    "decide": (forms.EligibilityForm, run_decide),
    "travel": (forms.TravelForm, run_travel),
    "depart": (forms.ConfirmForm, run_depart),
    "arrive": (forms.ConfirmForm, run_arrive),
    "withdraw": (forms.WithdrawForm, run_withdraw),
    "plan": (forms.PlanForm, run_plan),
    "assistance": (forms.AssistanceForm, run_assistance),
    "visit": (forms.VisitForm, run_visit),
}


def back_to(request: HttpRequest, application: m.ReturnApplication) -> HttpResponse:
    """Back to the page the step was taken on: the case page or the application page."""
    if request.POST.get("back") == "case":
        return redirect(application.case)
    return redirect("protection:returnapplication", application.pk)


def application_for(request: HttpRequest, pk: int) -> m.ReturnApplication:
    found: m.ReturnApplication = restricted_or_404(m.ReturnApplication.objects.all(),
                                                   request.user, pk, CHANGE)
    return found


@login_required
@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One step of an application; a refusal is shown with its reason, nothing written."""
    if name not in STEPS:
        raise Http404(_("No such step."))
    application = application_for(request, pk)
    form_class, run = STEPS[name]
    form = form_class(request.POST, prefix=f"r{application.pk}")
    if not form.is_valid():
        for problem in forms.form_problems(form):
            messages.error(request, problem)
        return back_to(request, application)
    try:
        messages.success(request, run(request.user, application, form))
    except ValidationError as error:
        report(request, error)
    return back_to(request, application)


@login_required
@require_POST
def deliver(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a planned piece of assistance was delivered."""
    found = restricted_or_404(
        m.ReintegrationAssistance.objects.select_related("plan__application"),
        request.user, pk, CHANGE)
    form = forms.DeliverForm(request.POST, prefix=f"d{found.pk}")
    if not form.is_valid():
        for problem in forms.form_problems(form):
            messages.error(request, problem)
    else:
        try:
            reintegration.deliver(request.user, found, form.cleaned_data["delivered_on"])
            messages.success(request, _("Assistance delivered."))
        except ValidationError as error:
            report(request, error)
    return back_to(request, found.plan.application)


@login_required
def due(request: HttpRequest) -> HttpResponse:
    """Returnees awaiting departure, and returnees due for a monitoring visit."""
    user = request.user
    if not can(user, m.ReturnApplication, VIEW):
        audit_denied(m.ReturnApplication, "")
        raise PermissionDenied(_("You do not have permission to do this."))
    today = timezone.localdate()
    shown = list(m.ReturnApplication.objects.restrict(user, VIEW)
                 .filter(status__in=(R.TRAVEL_READY, R.ARRIVED))
                 .select_related("case", "country_of_return"))
    travel = {t.application_id: t for t in visible(m.TravelArrangement, user,
                                                   application__in=shown)}
    plans = {p.pk: p.application_id for p in visible(m.ReintegrationPlan, user,
                                                     application__in=shown)}
    visits: dict[int, list[Any]] = defaultdict(list)
    for visit in visible(m.MonitoringVisit, user, plan__in=list(plans)):
        visits[plans[visit.plan_id]].append(visit)
    waiting = sorted(((a, travel[a.pk]) for a in shown
                      if a.status == R.TRAVEL_READY and a.pk in travel),
                     key=lambda pair: (pair[1].departure_date, pair[0].pk))
    monitoring = sorted(((a, when) for a in shown if (when := reintegration.next_visit_due(
        a.status, travel.get(a.pk), visits[a.pk])) and when <= today + DUE_WITHIN),
        key=lambda pair: pair[1])
    audit_access(m.ReturnApplication, [*(a for a, _t in waiting), *(a for a, _w in monitoring)])
    return render(request, "protection/returns/due.html", {
        "waiting": waiting, "monitoring": monitoring, "today": today,
        "list_url": reverse("protection:returnapplication_list")})
