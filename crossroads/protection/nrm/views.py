"""Pages of the referral mechanism: the directory, referrals, transfers, the dashboard, and
the referral section of the case page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core.audit import audit_access
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import CHANGE, VIEW, can
from crossroads.core.views.generic import ObjectListView, ObjectViews, restricted_or_404
from crossroads.protection import models as m
from crossroads.protection import services
from crossroads.protection.choices import Service
from crossroads.protection.nrm import dashboard as figures
from crossroads.protection.nrm import filtersets, forms, referrals, sharing, tables, transfers
from crossroads.protection.views import bad_form, case_for, case_section, report
from crossroads.reference.models import Country


class ProviderViews(ObjectViews):
    model = m.ServiceProvider
    filterset = filtersets.ServiceProviderFilterSet
    table = tables.ServiceProviderTable
    form = forms.ProviderForm
    detail_template = "protection/nrm/provider.html"

    @classmethod
    def name(cls, suffix: str = "") -> str:
        return f"provider_{suffix}" if suffix else "provider"

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        in_use = referrals.places_in_use(obj)
        offers = m.ServiceOffer.objects.restrict(request.user, VIEW).filter(provider=obj)
        return {"offers": [(offer, in_use.get(offer.service, 0)) for offer in offers],
                "offer_add_url": OfferViews.url("add") + f"?provider={obj.pk}",
                "can_add_offer": can(request.user, m.ServiceOffer, "add")}


class OfferViews(ObjectViews):
    model = m.ServiceOffer
    filterset = filtersets.ServiceOfferFilterSet
    table = tables.ServiceOfferTable
    form = forms.OfferForm

    @classmethod
    def name(cls, suffix: str = "") -> str:
        return f"offer_{suffix}" if suffix else "offer"


class ReferralViews(ObjectViews):
    """The list of referrals (sent and received); each opens on its own page."""

    model = m.Referral
    filterset = filtersets.ReferralFilterSet
    table = tables.ReferralTable

    @classmethod
    def queryset(cls, user: Any, action: str) -> QuerySet[Any]:
        return super().queryset(user, action).select_related("case__organisation")

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [path("referrals/", ObjectListView.as_view(views=cls), name=cls.name("list"))]


class TransferViews(ObjectViews):
    model = m.CaseTransfer
    filterset = filtersets.CaseTransferFilterSet
    table = tables.CaseTransferTable

    @classmethod
    def name(cls, suffix: str = "") -> str:
        return f"transfer_{suffix}" if suffix else "transfer"

    @classmethod
    def urls(cls) -> list[URLPattern]:
        return [path("transfers/", ObjectListView.as_view(views=cls), name=cls.name("list"))]


def referral_for(request: HttpRequest, pk: int, action: str = VIEW) -> m.Referral:
    found: m.Referral = restricted_or_404(m.Referral.objects.select_related(
        "case__organisation", "provider", "receiving_organisation"), request.user, pk, action)
    return found


@login_required
def referral_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A referral: in full for the referring side, the shared view for the receiver."""
    referral = referral_for(request, pk)
    full = referrals.sees_the_case(request.user, referral)
    context: dict[str, Any] = {"referral": referral, "full": full,
                               "steps": referrals.allowed_steps(request.user, referral),
                               "overdue": referrals.overdue_reason(referral)}
    if full:
        audit_access(m.Referral, [referral], AuditEvent.Action.VIEW)
        context["person"] = services.person_label(request.user, referral.case_person)
    else:
        shared = sharing.shared_view(request.user, referral)
        context["facts"] = sharing.shown_facts(shared["person"])
    return render(request, "protection/nrm/referral.html", context)


def run_referral_step(request: HttpRequest, referral: m.Referral, step: str) -> m.Referral:
    form = forms.StepForm(request.POST)
    form.is_valid()
    text = form.cleaned_data.get("text") or ""
    user = request.user
    if step == "send":
        return referrals.send_referral(user, referral)
    if step == "accept":
        return referrals.accept(user, referral, form.cleaned_data.get("complete_by"))
    if step in ("reject", "complete", "cancel"):
        return referrals.STEPS[step](user, referral, text)  # type: ignore[operator]
    raise Http404(_("No such step."))


@login_required
@require_POST
def referral_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Send, accept, reject, complete or cancel a referral; a refusal says why."""
    referral = referral_for(request, pk, CHANGE)
    try:
        run_referral_step(request, referral, step)
        messages.success(request, _("The referral is updated."))
    except ValidationError as error:
        report(request, error)
    except PermissionDenied as error:
        messages.error(request, str(error))
    return redirect(referral.get_absolute_url())


@login_required
@require_POST
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page's "Refer" form: create (and by default send) a referral."""
    case = case_for(request, pk, CHANGE)
    form = forms.ReferralForm(request.POST, case=case, user=request.user)
    if not form.is_valid():
        bad_form(request, form)
        return redirect(case)
    data = form.cleaned_data
    try:
        referral = referrals.create_referral(
            request.user, data["case_person"], data["provider"], data["service"], data["needs"],
            data["respond_by"], data["shares"], urgent=data["urgent"],
            complete_by=data["complete_by"], override_reason=data["override_reason"],
            send=data["send"])
    except ValidationError as error:
        report(request, error)
        return redirect(case)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(case)
    messages.success(request, _("Referral made."))
    return redirect(referral.get_absolute_url())


def transfer_for(request: HttpRequest, pk: int, action: str = VIEW) -> m.CaseTransfer:
    found: m.CaseTransfer = restricted_or_404(m.CaseTransfer.objects.select_related(
        "case", "from_organisation", "to_organisation"), request.user, pk, action)
    return found


@login_required
def transfer_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A transfer request and its answer; the case is linked only for those who may see it."""
    transfer = transfer_for(request, pk)
    audit_access(m.CaseTransfer, [transfer], AuditEvent.Action.VIEW)
    sees_case = m.Case.objects.restrict(request.user, VIEW).filter(pk=transfer.case_id).exists()
    return render(request, "protection/nrm/transfer.html", {
        "transfer": transfer, "sees_case": sees_case,
        "steps": transfers.allowed_steps(request.user, transfer)})


@login_required
@require_POST
def transfer_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    transfer = transfer_for(request, pk, CHANGE)
    if step not in transfers.STEPS:
        raise Http404(_("No such step."))
    try:
        transfers.STEPS[step](request.user, transfer, request.POST.get("text", ""))
        messages.success(request, _("The transfer is updated."))
    except ValidationError as error:
        report(request, error)
    except PermissionDenied as error:
        messages.error(request, str(error))
    if m.CaseTransfer.objects.restrict(request.user, VIEW).filter(pk=pk).exists():
        return redirect(transfer.get_absolute_url())
    return redirect("protection:transfer_list")


@login_required
@require_POST
def request_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, CHANGE)
    form = forms.TransferForm(request.POST, case=case)
    if not form.is_valid():
        messages.error(request, _("Choose an organisation and give a reason."))
        return redirect(case)
    data = form.cleaned_data
    try:
        transfer = transfers.request_transfer(request.user, case, data["to_organisation"],
                                              data["reason"], data["override_reason"])
    except ValidationError as error:
        report(request, error)
        return redirect(case)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(case)
    messages.success(request, _("Transfer requested."))
    return redirect(transfer.get_absolute_url())


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """Referral counts of the cases the user may count, for one country or all."""
    if not can(request.user, m.Case, figures.AGGREGATE):
        raise PermissionDenied(_("You do not have permission to do this."))
    country = request.GET.get("country", "")[:3]
    numbers = figures.dashboard(request.user, country)
    services_ = dict(Service.choices)
    return render(request, "protection/nrm/dashboard.html", {
        "numbers": numbers, "countries": Country.objects.order_by("name"),
        "by_service": [(services_.get(k, k), n) for k, n in numbers["by_service"].items()],
        "by_status": [(m.Referral(status=k).get_status_display(), n)
                      for k, n in numbers["by_status"].items()]})


@case_section("protection/nrm/case_section.html")
def referral_section(request: HttpRequest, case: m.Case) -> dict[str, Any] | None:
    """The case page's referrals and transfers, with the forms to make them."""
    user = request.user
    if not can(user, m.Referral, VIEW):
        return None
    made = list(m.Referral.objects.restrict(user, VIEW).filter(case=case)
                .select_related("provider", "receiving_organisation"))
    audit_access(m.Referral, made, AuditEvent.Action.LIST)
    moved = list(m.CaseTransfer.objects.restrict(user, VIEW).filter(case=case)
                 .select_related("to_organisation"))
    audit_access(m.CaseTransfer, moved, AuditEvent.Action.LIST)
    may_change = m.Case.objects.restrict(user, CHANGE).filter(pk=case.pk).exists()
    return {
        "referrals": [(r, referrals.overdue_reason(r)) for r in made],
        "overdue_count": sum(1 for r in made if referrals.overdue_reason(r)),
        "transfers": moved,
        "form": forms.ReferralForm(case=case, user=user) if may_change else None,
        "transfer_form": forms.TransferForm(case=case) if may_change else None,
    }
