"""Retention of closed cases: archived after some years, anonymised after more.

The periods come from the :class:`~crossroads.protection.models.RetentionRule` of the
case's type, else the rule without a type, else ``settings.PROTECTION_RETENTION``. The
job ``protection.retention`` (and ``crossroads protection retention``) runs
:func:`apply_retention`:

- a closed case whose closing date is at least *archive* years ago is **archived**;
- one closed at least *anonymise* years ago is **anonymised**: each person in it keeps
  only ``facts`` (sex, age group when the case opened, nationality codes) and loses the
  link to the person; notes, documents (with their files) and tasks are deleted; free
  texts are blanked; the change log and audit log of its records keep who and when but
  no longer what. Statuses, types, dates, codes and scores stay for statistics.

Open cases are never touched (a reopened case is open); each case is handled in its own
transaction; running twice changes nothing the second time. Archived and anonymised
cases are read-only: :func:`ensure_writable` refuses any change to them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.jobs import Progress, register_job
from crossroads.core.models import AuditEvent, ObjectChange
from crossroads.people.models import Nationality, PersonLink
from crossroads.protection import exports, services
from crossroads.protection import models as m
from crossroads.protection.choices import CaseStatus, CaseType

DEFAULT_PERIODS = {"archive_after_years": 2, "anonymise_after_years": 10}
#: Free texts blanked on anonymisation: model → fields (with the value they get).
BLANKED: dict[type[models.Model], dict[str, Any]] = {
    m.BestInterests: {"recommendation": ""},
    m.TraffickingProfile: {"recruitment_place": "", "exploitation_place": ""},
    m.Referral: {"needs": "", "outcome": "", "rejection_reason": ""},
    m.TravelArrangement: {"document_reference": "", "escort": "", "itinerary": []},
    m.MonitoringVisit: {"notes": ""},
    m.ReintegrationPlan: {"economic": "", "social": "", "psychosocial": ""},
    m.ReintegrationAssistance: {"description": ""},
    m.ConsentOverride: {"reason": ""},
    # Written by people about the person, so they may name them too.
    m.CaseStatusChange: {"reason": ""},
    m.Approval: {"note": ""},
    m.CaseTransfer: {"reason": "", "decision_note": ""},
    m.ReturnApplication: {"destination": ""},
}
#: Records deleted on anonymisation.
DELETED: tuple[type[models.Model], ...] = (m.CaseNote, m.CaseDocument, m.Task)


class CaseReadOnly(ValidationError):
    """A change to an archived or anonymised case."""


def read_only_reason(case: m.Case) -> str | None:
    """Why ``case`` can no longer change (archived or anonymised), or None."""
    if case.anonymised_on is not None:
        return _("This case was anonymised on %(day)s: it can no longer change.") % {
            "day": case.anonymised_on}
    if case.archived_on is not None:
        return _("This case was archived on %(day)s: it can no longer change.") % {
            "day": case.archived_on}
    return None


def ensure_writable(case: m.Case, field: str = "case") -> None:
    """Refuse (CaseReadOnly on ``field``) any change to an archived or anonymised case."""
    reason = read_only_reason(case)
    if reason is not None:
        raise CaseReadOnly({field: [reason]})


def refuse_changes(sender: type[models.Model], instance: Any, raw: bool = False,
                   **kwargs: Any) -> None:
    """Refuse saving a record of an archived or anonymised case (or the case itself).

    The safety net under every page and endpoint; they should check
    :func:`read_only_reason` first to show the reason instead of failing."""
    case_id = instance.pk if isinstance(instance, m.Case) else getattr(instance, "case_id", None)
    if raw or case_id is None:
        return
    stored = m.Case.objects.filter(pk=case_id).only("archived_on", "anonymised_on").first()
    if stored is not None:
        ensure_writable(stored)


def connect_guards() -> None:
    """Guard the case and every record in a case against changes once retained."""
    for model in apps.get_models():
        if model is m.Case or issubclass(model, m.CaseChild):
            pre_save.connect(refuse_changes, sender=model,
                             dispatch_uid=f"retention-{model._meta.label_lower}")


@dataclass(frozen=True)
class Periods:
    """How many years after closing a case is archived, then anonymised."""

    archive_after_years: int
    anonymise_after_years: int


def default_periods() -> Periods:
    configured = {**DEFAULT_PERIODS, **getattr(settings, "PROTECTION_RETENTION", {})}
    return Periods(int(configured["archive_after_years"]),
                   int(configured["anonymise_after_years"]))


def periods_by_type() -> dict[str, Periods]:
    """The periods of every case type: its own rule, the rule for every other, or settings."""
    rules = {rule.case_type: Periods(rule.archive_after_years, rule.anonymise_after_years)
             for rule in m.RetentionRule.objects.all()}
    fallback = rules.get("", default_periods())
    return {case_type: rules.get(case_type, fallback) for case_type in CaseType.values}


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def due(today: date) -> tuple[list[m.Case], list[m.Case]]:
    """Closed cases due for archiving only, and closed cases due for anonymisation."""
    to_archive: list[m.Case] = []
    to_anonymise: list[m.Case] = []
    for case_type, periods in periods_by_type().items():
        closed = m.Case.objects.filter(case_type=case_type, status=CaseStatus.CLOSED,
                                       closed_on__isnull=False).order_by("closed_on", "pk")
        anonymise = closed.filter(anonymised_on__isnull=True, closed_on__lte=years_before(
            today, periods.anonymise_after_years))
        to_anonymise += anonymise
        to_archive += closed.filter(archived_on__isnull=True, closed_on__lte=years_before(
            today, periods.archive_after_years)).exclude(pk__in=anonymise.values("pk"))
    return to_archive, to_anonymise


def locked_if_closed(case: m.Case) -> m.Case | None:
    """The case row, locked, if it is still closed (it may have been reopened meanwhile)."""
    return m.Case.objects.select_for_update().filter(pk=case.pk, status=CaseStatus.CLOSED) \
        .first()


@transaction.atomic
def archive(case: m.Case, today: date) -> bool:
    """Archive a closed case: it becomes read-only. False if it was not archived now."""
    current = locked_if_closed(case)
    if current is None or current.archived_on is not None:
        return False
    current.archived_on = today
    current.save(update_fields=["archived_on"])
    return True


@transaction.atomic
def anonymise(case: m.Case, today: date) -> Counter[str] | None:
    """Anonymise a closed case (see the module's description); None if it was not due.

    Returns how many records of each kind were deleted."""
    current = locked_if_closed(case)
    if current is None or current.anonymised_on is not None:
        return None
    records = case_records(current)
    links = PersonLink.objects.filter(
        content_type=ContentType.objects.get_for_model(m.CasePerson),
        object_id__in=[str(pk) for pk in records.get(m.CasePerson, [])])
    records[PersonLink] = list(links.values_list("pk", flat=True))
    keep_facts(current)
    links.delete()
    for model, blanks in BLANKED.items():
        model._default_manager.filter(case=current).update(**blanks)  # type: ignore[attr-defined]
    removed = delete_records(current)
    m.Case.objects.filter(pk=current.pk).update(
        summary="", anonymised_on=today, archived_on=current.archived_on or today)
    scrub_logs(records)
    return removed


def case_records(case: m.Case) -> dict[type[models.Model], list[Any]]:
    """The ids of the case and of every record in it, by model (before anything is deleted)."""
    found: dict[type[models.Model], list[Any]] = {m.Case: [case.pk]}
    for model in apps.get_models():
        if issubclass(model, m.CaseChild):
            found[model] = list(model._default_manager.filter(case=case)  # type: ignore[attr-defined]
                                .values_list("pk", flat=True))
    return found


def keep_facts(case: m.Case) -> None:
    """Replace each person in the case by the facts statistics need."""
    for link in m.CasePerson.objects.filter(case=case, person__isnull=False) \
            .select_related("person"):
        person = link.person
        assert person is not None
        years = case.opened_on.year - person.birth_year if person.birth_year else None
        codes = sorted(Nationality.objects.filter(person=person)
                       .values_list("country__iso3", flat=True))
        facts = {"sex": person.sex, "age_group": services.age_group(years),
                 "nationality": codes}
        m.CasePerson.objects.filter(pk=link.pk).update(person=None, facts=facts)


def delete_records(case: m.Case) -> Counter[str]:
    """Delete notes, tasks and documents; documents' files go once the transaction commits."""
    removed: Counter[str] = Counter()
    files = [document.file.name for document in m.CaseDocument.objects.filter(case=case)
             if document.file]
    for model in DELETED:
        count, _by_model = model._default_manager.filter(case=case).delete()  # type: ignore[attr-defined]
        removed[model._meta.model_name or ""] += count
    storage = m.CaseDocument._meta.get_field("file").storage  # type: ignore[union-attr]
    def remove_files() -> None:
        for name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return removed


def scrub_logs(records: dict[type[models.Model], list[Any]]) -> None:
    """Keep who changed or read the case's records and when, not what they held."""
    for model, ids in records.items():
        if not ids:
            continue
        kind = ContentType.objects.get_for_model(model)
        keys = [str(pk) for pk in ids]
        ObjectChange.objects.filter(object_type=kind, object_id__in=keys).update(
            prechange_data=None, postchange_data=None, object_repr="")
        if model is not m.Case:
            AuditEvent.objects.filter(object_type=kind, object_id__in=keys) \
                .update(object_repr="")


def apply_retention(today: date | None = None, dry_run: bool = False,
                    progress: Progress | None = None) -> dict[str, Any]:
    """Archive and anonymise the closed cases that are due; a report of what was (or would
    be, with ``dry_run``) done."""
    today = today or timezone.localdate()
    to_archive, to_anonymise = due(today)
    report: dict[str, Any] = {"today": today.isoformat(), "dry_run": dry_run,
                              "archived": [], "anonymised": [], "deleted": {}}
    if progress is not None:
        progress.start(len(to_archive) + len(to_anonymise), _("Applying retention rules"))
    deleted: Counter[str] = Counter()
    for case in to_anonymise:
        removed = Counter[str]() if dry_run else anonymise(case, today)
        if removed is not None:
            report["anonymised"].append(case.reference)
            deleted.update(removed)
        step(progress)
    for case in to_archive:
        if dry_run or archive(case, today):
            report["archived"].append(case.reference)
        step(progress)
    report["deleted"] = dict(deleted)
    report["unclaimed_exports_removed"] = 0 if dry_run else exports.remove_unclaimed()
    return report


def step(progress: Progress | None) -> None:
    if progress is not None:
        progress.advance()


@register_job("protection.retention")
def retention_job(progress: Progress, *, today: str | None = None,
                  dry_run: bool = False) -> dict[str, Any]:
    """The retention job: :func:`apply_retention`, ``today`` given as YYYY-MM-DD."""
    day = date.fromisoformat(today) if today else None
    report = apply_retention(day, dry_run=dry_run, progress=progress)
    progress.advance(0, _("%(archived)s cases archived, %(anonymised)s anonymised") % {
        "archived": len(report["archived"]), "anonymised": len(report["anonymised"])})
    return report


connect_guards()
