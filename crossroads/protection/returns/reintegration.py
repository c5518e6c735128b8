"""Reintegration: the plan agreed with the returnee, the assistance delivered, and the
monitoring visits after arrival, scored for sustainability.

A plan may be agreed once travel is ready (before departure) or later; monitoring visits
happen only after arrival. Each step needs *change* on the application (for a plan) or on
the plan (for assistance and visits), and is one transaction; a refused step writes
nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.permissions import ADD, CHANGE
from crossroads.protection.choices import AssistanceKind, ReintegrationDimension, ReturnStatus
from crossroads.protection.models import (
    MonitoringVisit,
    ReintegrationAssistance,
    ReintegrationPlan,
    ReturnApplication,
    TravelArrangement,
)
from crossroads.protection.returns import sustainability
from crossroads.protection.returns.services import ReturnRefused, locked, require_within

R = ReturnStatus
#: Statuses in which a plan may be agreed or changed.
PLANNING = (R.TRAVEL_READY, R.DEPARTED, R.ARRIVED)
#: Monitoring: a visit is due this long after the arrival or the last visit, up to VISITS.
VISIT_INTERVAL = timedelta(days=90)
VISITS = 3


@dataclass
class PlanInput:
    """The goals agreed in each dimension, and the budget."""

    economic: str = ""
    social: str = ""
    psychosocial: str = ""
    budget: Decimal | None = None
    currency: str = "EUR"
    agreed_on: date | None = None


def plan_problems(given: PlanInput, today: date) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not any(text.strip() for text in (given.economic, given.social, given.psychosocial)):
        problems["economic"] = [_("A plan sets a goal in at least one dimension.")]
    if given.budget is not None and given.budget < 0:
        problems["budget"] = [_("A budget cannot be negative.")]
    currency = given.currency.strip()
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        problems["currency"] = [_("Give the currency as three capital letters (ISO 4217).")]
    if given.agreed_on is not None and given.agreed_on > today:
        problems["agreed_on"] = [_("A plan cannot be agreed in the future.")]
    return problems


@transaction.atomic
def make_plan(user: Any, application: ReturnApplication, given: PlanInput) -> ReintegrationPlan:
    """Agree the reintegration plan (or change it): once travel is ready, or later."""
    current = locked(application, user)
    if current.status not in PLANNING:
        raise ReturnRefused({"status": [
            _("A reintegration plan is agreed once travel is arranged, not while the "
              "application is “%(status)s”.") % {"status": R(current.status).label}]})
    problems = plan_problems(given, timezone.localdate())
    if problems:
        raise ValidationError(problems)
    plan = ReintegrationPlan.objects.filter(application=current).first() \
        or ReintegrationPlan(application=current, case=current.case)
    action = CHANGE if plan.pk else ADD
    plan.economic, plan.social = given.economic.strip(), given.social.strip()
    plan.psychosocial, plan.budget = given.psychosocial.strip(), given.budget
    plan.currency = given.currency.strip()
    plan.agreed_on = given.agreed_on or plan.agreed_on or timezone.localdate()
    plan.save()
    require_within(user, ReintegrationPlan, plan, action)
    return plan


def locked_plan(plan: ReintegrationPlan, user: Any) -> ReintegrationPlan:
    """The plan row, locked, if ``user`` may change it; PermissionDenied otherwise."""
    if not ReintegrationPlan.objects.restrict(user, CHANGE).filter(pk=plan.pk).exists():
        raise PermissionDenied(_("You may not change this reintegration plan."))
    return ReintegrationPlan.objects.select_for_update().select_related("application") \
        .get(pk=plan.pk)


@transaction.atomic
def add_assistance(user: Any, plan: ReintegrationPlan, dimension: str, kind: str,
                   description: str = "", value: Decimal | None = None) -> ReintegrationAssistance:
    """Plan one piece of assistance in a dimension (delivered later)."""
    current = locked_plan(plan, user)
    problems: dict[str, list[str]] = {}
    if dimension not in ReintegrationDimension.values:
        problems["dimension"] = [_("Unknown dimension %(d)r.") % {"d": dimension}]
    if kind not in AssistanceKind.values:
        problems["kind"] = [_("Unknown kind of assistance %(k)r.") % {"k": kind}]
    if value is not None and value < 0:
        problems["value"] = [_("A value cannot be negative.")]
    if problems:
        raise ValidationError(problems)
    assistance = ReintegrationAssistance.objects.create(
        case=current.case, plan=current, dimension=dimension, kind=kind,
        description=description.strip(), value=value)
    require_within(user, ReintegrationAssistance, assistance)
    return assistance


@transaction.atomic
def deliver(user: Any, assistance: ReintegrationAssistance,
            on: date | None = None) -> ReintegrationAssistance:
    """Record the day a planned piece of assistance was delivered."""
    if not ReintegrationAssistance.objects.restrict(user, CHANGE) \
            .filter(pk=assistance.pk).exists():
        raise PermissionDenied(_("You may not change this assistance."))
    current = ReintegrationAssistance.objects.select_for_update().select_related("plan") \
        .get(pk=assistance.pk)
    on = on or timezone.localdate()
    if current.delivered_on is not None:
        raise ReturnRefused({"delivered_on": [_("This assistance was already delivered.")]})
    if on > timezone.localdate():
        raise ValidationError({"delivered_on": [_("Assistance cannot be delivered in the "
                                                  "future.")]})
    if on < current.plan.agreed_on:
        raise ValidationError({"delivered_on": [_("Assistance cannot be delivered before the "
                                                  "plan was agreed.")]})
    current.delivered_on = on
    current.save()
    return current


@transaction.atomic
def record_visit(user: Any, plan: ReintegrationPlan, answers: Mapping[str, object],
                 visited_on: date | None = None, notes: str = "") -> MonitoringVisit:
    """Record a monitoring visit after arrival; its answers give the sustainability scores."""
    current = locked_plan(plan, user)
    application = current.application
    if application.status != R.ARRIVED:
        raise ReturnRefused({"status": [_("Monitoring visits start after the returnee's "
                                          "arrival is confirmed.")]})
    visited_on = visited_on or timezone.localdate()
    arrived = application.travel.arrived_at
    assert arrived is not None  # an arrived application has its arrival confirmed
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": [_("A visit cannot be in the future.")]})
    if visited_on < timezone.localtime(arrived).date():
        raise ValidationError({"visited_on": [_("A visit cannot be before the arrival.")]})
    scores = sustainability.score(answers)
    visit = MonitoringVisit.objects.create(
        case=current.case, plan=current, visited_on=visited_on,
        answers=sustainability.check_answers(answers), economic_score=scores.economic,
        social_score=scores.social, psychosocial_score=scores.psychosocial,
        score=scores.composite, notes=notes.strip())
    require_within(user, MonitoringVisit, visit)
    return visit


def next_visit_due(status: str, travel: TravelArrangement | None,
                   visits: list[MonitoringVisit]) -> date | None:
    """When the next monitoring visit is due, or None (not arrived, or monitoring complete).

    The first visit is due :data:`VISIT_INTERVAL` after the arrival, each next one as long
    after the last visit, until :data:`VISITS` visits are done."""
    if status != R.ARRIVED or travel is None or travel.arrived_at is None \
            or len(visits) >= VISITS:
        return None
    last = max((v.visited_on for v in visits),
               default=timezone.localtime(travel.arrived_at).date())
    return last + VISIT_INTERVAL
