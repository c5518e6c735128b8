"""The overdue-referral alert job: one task per overdue referral for the case's worker.

Registered as ``protection.referrals_overdue``; run it daily. A task is never created
twice for the same referral and reason: its title ends with a fixed marker
(``[NRM-<id>-answer]`` or ``[NRM-<id>-service]``) that the job looks for.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from crossroads.core.jobs import Progress, register_job
from crossroads.protection.models import Referral, Task
from crossroads.protection.nrm import referrals

JOB = "protection.referrals_overdue"


def marker(referral: Referral, reason: str) -> str:
    return f"[NRM-{referral.pk}-{reason}]"


def task_title(referral: Referral, reason: str) -> str:
    """The task's title, in the site's language so that it stays the same on every run."""
    with translation.override(settings.LANGUAGE_CODE):
        if reason == referrals.ANSWER:
            text = _("Referral to %(provider)s has no answer yet: follow up") % {
                "provider": referral.provider}
        else:
            text = _("Service at %(provider)s is not completed yet: follow up") % {
                "provider": referral.provider}
    return f"{text} {marker(referral, reason)}"[:200]


@transaction.atomic
def create_overdue_tasks(today: date | None = None) -> int:
    """A task on the case for each overdue referral not yet alerted; how many were created."""
    today = today or timezone.localdate()
    late = Referral.objects.filter(referrals.overdue_q(today)) \
        .select_related("case", "provider")
    created = 0
    for referral in late:
        reason = referrals.overdue_reason(referral, today)
        assignee = referral.case.case_worker_id or referral.case.supervisor_id
        if reason is None or assignee is None:
            continue
        if Task.objects.filter(case_id=referral.case_id,
                               title__endswith=marker(referral, reason)).exists():
            continue
        Task.objects.create(case_id=referral.case_id, title=task_title(referral, reason),
                            due_on=today, assignee_id=assignee)
        created += 1
    return created


@register_job(JOB)
def referrals_overdue(progress: Progress, **kwargs: Any) -> dict[str, int]:
    """Alert case workers of overdue referrals (the job runner's entry point)."""
    progress.start(None, "Looking for overdue referrals")
    return {"tasks_created": create_overdue_tasks()}
