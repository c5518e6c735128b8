"""The return workflow: apply → eligible → travel arranged → departed → arrived.

```
applied ──→ eligible ──→ travel ready ──→ departed ──→ arrived
   │  └──→ not eligible      │  ↺ (re-arranged)
   └─────────┴───────────────┴──→ withdrawn
```

Only the moves in :data:`ALLOWED` are possible; a refused one raises
:class:`ReturnRefused` saying why, and writes nothing (each step is one transaction with
the application row locked). Steps need *change* on the application, applying needs
*change* on the case; a record created by a step must be within the user's *add*
permission, otherwise the step is undone. The reintegration plan, its assistance and the
monitoring visits are in :mod:`crossroads.protection.returns.reintegration`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.permissions import ADD, CHANGE
from crossroads.protection.choices import ReturnStatus
from crossroads.protection.models import (
    Case,
    CaseNote,
    CasePerson,
    ReturnApplication,
    TravelArrangement,
)
from crossroads.protection.returns import eligibility
from crossroads.protection.returns.travel import TravelPlan, check_travel
from crossroads.reference.models import Country

R = ReturnStatus
ALLOWED: dict[str, tuple[str, ...]] = {
    R.APPLIED: (R.ELIGIBLE, R.INELIGIBLE, R.WITHDRAWN),
    R.ELIGIBLE: (R.TRAVEL_READY, R.WITHDRAWN),
    R.INELIGIBLE: (),
    R.TRAVEL_READY: (R.TRAVEL_READY, R.DEPARTED, R.WITHDRAWN),
    R.DEPARTED: (R.ARRIVED,),
    R.ARRIVED: (),
    R.WITHDRAWN: (),
}
#: An application in one of these is still under way: one per person at a time.
OPEN = (R.APPLIED, R.ELIGIBLE, R.TRAVEL_READY, R.DEPARTED)


class ReturnRefused(ValidationError):
    """A step of the return that is not allowed now; the message says why."""


def label(status: str) -> str:
    return str(R(status).label) if status in R.values else repr(status)


def refuse_move(application: ReturnApplication, to_status: str) -> None:
    """Raise ReturnRefused unless the application may move to ``to_status`` now."""
    if to_status not in ALLOWED.get(application.status, ()):
        raise ReturnRefused({"status": [
            _("A return application cannot move from “%(from)s” to “%(to)s”.")
            % {"from": label(application.status), "to": label(to_status)}]})


def require_within(user: Any, model: type[models.Model], record: models.Model,
                   action: str = ADD) -> None:
    """PermissionDenied (undoing the step) unless ``record`` is within ``user``'s permission."""
    manager: Any = model._default_manager
    if not manager.restrict(user, action).filter(pk=record.pk).exists():
        raise PermissionDenied(_("You may not save a record with these values."))


def locked(application: ReturnApplication, user: Any) -> ReturnApplication:
    """The application row, locked, if ``user`` may change it; PermissionDenied otherwise."""
    if not ReturnApplication.objects.restrict(user, CHANGE).filter(pk=application.pk).exists():
        raise PermissionDenied(_("You may not change this return application."))
    # Locked apart from restrict(): PostgreSQL refuses FOR UPDATE with its DISTINCT.
    return ReturnApplication.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def apply(user: Any, case: Case, applicant: CasePerson, country: Country,
          destination: str = "", applied_on: date | None = None) -> ReturnApplication:
    """Record a person's application to return to ``country`` (one open one per person)."""
    if not Case.objects.restrict(user, CHANGE).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You may not change this case."))
    today = timezone.localdate()
    problems: dict[str, list[str]] = {}
    if applicant.case_id != case.pk:
        problems["applicant"] = [_("This person is not in this case.")]
    elif applicant.person_id is not None and ReturnApplication.objects.filter(
            applicant__person_id=applicant.person_id, status__in=OPEN).exists():
        problems["applicant"] = [_("This person already has a return application under way.")]
    if applied_on is not None and applied_on > today:
        problems["applied_on"] = [_("An application cannot be dated in the future.")]
    if problems:
        raise ValidationError(problems)
    application = ReturnApplication.objects.create(
        case=case, applicant=applicant, country_of_return=country,
        destination=destination.strip(), applied_on=applied_on or today)
    require_within(user, ReturnApplication, application)
    return application


def returned_recently(application: ReturnApplication, today: date) -> bool:
    """Whether this system recorded the applicant's arrival from an assisted return lately."""
    person_id = application.applicant.person_id
    if person_id is None:
        return False
    since = today - timedelta(days=365 * eligibility.RECENT_RETURN_YEARS)
    return TravelArrangement.objects.filter(
        application__applicant__person_id=person_id, application__status=R.ARRIVED,
        arrived_at__date__gte=since).exclude(application=application).exists()


@transaction.atomic
def decide_eligibility(user: Any, application: ReturnApplication,
                       answers: Mapping[str, object]) -> ReturnApplication:
    """Answer the eligibility questions: the application becomes eligible or not eligible.

    Besides the answers, an arrival from an assisted return recorded here in the last
    :data:`~crossroads.protection.returns.eligibility.RECENT_RETURN_YEARS` years makes the
    person not eligible, whatever was answered."""
    current = locked(application, user)
    if current.status != R.APPLIED:
        refuse_move(current, R.ELIGIBLE)
    decision = eligibility.decide(answers)
    today = timezone.localdate()
    reasons = list(decision.reasons)
    recent = str(eligibility.BY_CODE["no_recent_return"].unmet)
    if returned_recently(current, today) and recent not in reasons:
        reasons.append(recent)
    current.eligibility, current.eligibility_reasons = decision.answers, reasons
    current.status = R.INELIGIBLE if reasons else R.ELIGIBLE
    current.decided_by, current.decided_on = user, today
    current.save()
    return current


@transaction.atomic
def arrange_travel(user: Any, application: ReturnApplication,
                   plan: TravelPlan) -> TravelArrangement:
    """Record the travel; the application becomes *travel ready* if every check passes.

    An eligible application, or one already travel ready (re-arranged before departure)."""
    current = locked(application, user)
    refuse_move(current, R.TRAVEL_READY)
    check_travel(plan, timezone.localdate())
    travel = TravelArrangement.objects.filter(application=current).first() \
        or TravelArrangement(application=current, case=current.case)
    action = CHANGE if travel.pk else ADD
    for name, value in plan.model_fields().items():
        setattr(travel, name, value)
    travel.save()
    require_within(user, TravelArrangement, travel, action)
    current.status = R.TRAVEL_READY
    current.save()
    return travel


def confirmed_time(at: datetime | None, field: str) -> datetime:
    """The moment confirmed (now if not given); never in the future."""
    now = timezone.now()
    if at is None:
        return now
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at > now:
        raise ValidationError({field: [_("A confirmation cannot be in the future.")]})
    return at


@transaction.atomic
def confirm_departure(user: Any, application: ReturnApplication,
                      at: datetime | None = None) -> ReturnApplication:
    """Confirm that the returnee departed (only once travel is ready)."""
    current = locked(application, user)
    refuse_move(current, R.DEPARTED)
    travel = TravelArrangement.objects.get(application=current)
    travel.departed_at = confirmed_time(at, "departed_at")
    travel.save()
    current.status = R.DEPARTED
    current.save()
    return current


@transaction.atomic
def confirm_arrival(user: Any, application: ReturnApplication,
                    at: datetime | None = None) -> ReturnApplication:
    """Confirm that the returnee arrived (after the departure, never before it)."""
    current = locked(application, user)
    refuse_move(current, R.ARRIVED)
    travel = TravelArrangement.objects.get(application=current)
    arrived = confirmed_time(at, "arrived_at")
    assert travel.departed_at is not None  # set by confirm_departure
    if arrived < travel.departed_at:
        raise ValidationError({"arrived_at": [_("The arrival cannot be before the departure.")]})
    travel.arrived_at = arrived
    travel.save()
    current.status = R.ARRIVED
    current.save()
    return current


@transaction.atomic
def withdraw(user: Any, application: ReturnApplication, reason: str) -> ReturnApplication:
    """Withdraw an application before departure; the reason is kept as a note on the case."""
    current = locked(application, user)
    refuse_move(current, R.WITHDRAWN)
    if not reason.strip():
        raise ValidationError({"reason": [_("Withdrawing an application needs a reason.")]})
    CaseNote.objects.create(case=current.case, text=_(
        "Return application to %(country)s withdrawn: %(reason)s")
        % {"country": current.country_of_return, "reason": reason.strip()})
    current.status = R.WITHDRAWN
    current.save()
    return current


def next_steps(application: ReturnApplication) -> tuple[str, ...]:
    """The statuses the application may move to now (for buttons on pages)."""
    return ALLOWED.get(application.status, ())
