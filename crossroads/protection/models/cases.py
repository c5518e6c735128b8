"""Protection cases: the case, its household, approvals, tasks, notes, documents,
vulnerability screenings, best-interests procedures and consent.

Everything here describes vulnerable people: every model is sensitive (deny-by-default,
every read audited). A case belongs to one organisation and is assigned to a case worker
and a supervisor; permissions are scoped by those fields (see ``demo.py``). The status
of a case changes only through ``crossroads.protection.workflow``.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import PurePath
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.people.models import Person
from crossroads.protection import choices
from crossroads.users.models import Organisation

USER = settings.AUTH_USER_MODEL


class Case(CrossroadsModel):
    """A protection case: one or more persons assisted together by one organisation."""

    reference = models.CharField(_("reference number"), max_length=40, unique=True)
    case_type = models.CharField(_("case type"), max_length=16,
                                 choices=choices.CaseType.choices)
    organisation = models.ForeignKey(Organisation, verbose_name=_("owning organisation"),
                                     on_delete=models.PROTECT, related_name="protection_cases")
    case_worker = models.ForeignKey(USER, verbose_name=_("case worker"),
                                    on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="protection_cases")
    supervisor = models.ForeignKey(USER, verbose_name=_("supervisor"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="supervised_cases")
    status = models.CharField(_("status"), max_length=12, choices=choices.CaseStatus.choices,
                              default=choices.CaseStatus.REGISTERED, editable=False)
    priority = models.CharField(_("priority"), max_length=10, choices=choices.Priority.choices,
                                default=choices.Priority.MEDIUM)
    opened_on = models.DateField(_("opened"), default=date.today)
    closed_on = models.DateField(_("closed"), null=True, blank=True, editable=False)
    closure_reason = models.CharField(_("closure reason"), max_length=14, blank=True,
                                      choices=choices.ClosureReason.choices, editable=False)
    summary = models.TextField(_("summary"), blank=True)
    #: Set by the retention job (``crossroads.protection.retention``).
    archived_on = models.DateField(_("archived"), null=True, blank=True, editable=False)
    anonymised_on = models.DateField(_("anonymised"), null=True, blank=True, editable=False)

    sensitive: ClassVar[bool] = True
    search_fields: ClassVar[tuple[str, ...]] = ("reference",)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("protection:case", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == choices.CaseStatus.CLOSED


class CaseChild(CrossroadsModel):
    """Abstract: a record that belongs to a case (scoped by the case's permissions)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="%(class)ss")

    sensitive: ClassVar[bool] = True

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return self.case.get_absolute_url()


class CasePerson(CaseChild):
    """A person in a case: its principal or a member of the household."""

    #: Empty once the case is anonymised: ``facts`` then keeps what statistics need.
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="protection_cases")
    facts = models.JSONField(
        _("facts kept after anonymisation"), default=dict, blank=True, editable=False,
        help_text=_("Sex, age group when the case opened and nationality, nothing else."))
    role = models.CharField(_("role"), max_length=10, choices=choices.CasePersonRole.choices)
    relationship = models.CharField(
        _("relationship to the principal"), max_length=60, blank=True,
        help_text=_("For a household member: spouse, child, parent, sibling, …"))

    class Meta:
        ordering = ["case", "role", "pk"]
        verbose_name = _("person in a case")
        verbose_name_plural = _("persons in cases")
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="unique_case_person"),
            models.UniqueConstraint(fields=["case"], condition=models.Q(role="principal"),
                                    name="one_principal_per_case"),
        ]

    def __str__(self) -> str:
        if self.person is None:
            return f"{self.case} · {self.get_role_display()}"
        return f"{self.case} · #{str(self.person.uid)[:8]}"


class CaseStatusChange(CaseChild):
    """One move of a case through the workflow: the history of its status."""

    from_status = models.CharField(_("from"), max_length=12, choices=choices.CaseStatus.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=choices.CaseStatus.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["case", "created", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.case}: {self.from_status} → {self.to_status}"


class Approval(CaseChild):
    """A supervisor's decision on a step of the case (assessment, case plan, closure)."""

    step = models.CharField(_("step"), max_length=10, choices=choices.ApprovalStep.choices)
    requested_by = models.ForeignKey(USER, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=10,
                                choices=choices.ApprovalDecision.choices,
                                default=choices.ApprovalDecision.PENDING)
    decided_by = models.ForeignKey(USER, verbose_name=_("decided by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    #: Set when a transition relied on this approval: it cannot be used twice.
    used = models.BooleanField(_("used"), default=False)

    class Meta:
        ordering = ["case", "-created", "-pk"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self) -> str:
        return f"{self.case}: {self.get_step_display()} ({self.get_decision_display()})"


class Task(CaseChild):
    """Something to do for a case by a date: a follow-up, a visit, a call."""

    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due"))
    assignee = models.ForeignKey(USER, verbose_name=_("assigned to"), on_delete=models.PROTECT,
                                 related_name="protection_tasks")
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.done_on and not self.done:
            raise ValidationError({"done_on": _("Only a task that is done has a date done.")})

    def is_overdue(self, today: date | None = None) -> bool:
        return not self.done and self.due_on < (today or timezone.localdate())


class CaseNote(CaseChild):
    """A case worker's note on a case."""

    text = models.TextField(_("note"))

    class Meta:
        ordering = ["case", "-created", "-pk"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")

    def __str__(self) -> str:
        return self.text[:60]


def document_path(instance: CaseDocument, filename: str) -> str:
    """A random name under ``protection/``: the person's name never reaches the disk."""
    return f"protection/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:8]}"


class CaseDocument(CaseChild):
    """A file kept with a case (PDF, PNG or JPEG, checked by content), served by a view."""

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    media_type = models.CharField(_("type"), max_length=40, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)

    #: The stored name is random and never changes; the change log keeps the rest.
    changelog_exclude: ClassVar[tuple[str, ...]] = ("file",)

    class Meta:
        ordering = ["case", "-created", "-pk"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")

    def __str__(self) -> str:
        return self.title


class VulnerabilityScreening(CaseChild):
    """Answers to the fixed list of risk and protective factors, and the priority given."""

    screened_on = models.DateField(_("screened on"), default=date.today)
    answers = models.JSONField(_("answers"), default=dict)
    priority = models.CharField(_("priority"), max_length=10, choices=choices.Priority.choices,
                                editable=False)
    score = models.IntegerField(_("score"), editable=False)
    reasons = models.JSONField(_("reasons"), default=list, editable=False)

    class Meta:
        ordering = ["case", "-screened_on", "-pk"]
        verbose_name = _("vulnerability screening")
        verbose_name_plural = _("vulnerability screenings")

    def __str__(self) -> str:
        return f"{self.case} · {self.screened_on}"


class BestInterests(CaseChild):
    """A best-interests assessment or determination for a child in a case."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="best_interests")
    child = models.ForeignKey(CasePerson, verbose_name=_("child"), on_delete=models.CASCADE,
                              related_name="best_interests")
    kind = models.CharField(_("kind"), max_length=14, choices=choices.BestInterestsKind.choices)
    done_by = models.ForeignKey(USER, verbose_name=_("done by"), on_delete=models.PROTECT,
                                related_name="+")
    done_on = models.DateField(_("date"), default=date.today)
    recommendation = models.TextField(_("recommendation"))

    class Meta:
        ordering = ["case", "-done_on", "-pk"]
        verbose_name = _("best-interests procedure")
        verbose_name_plural = _("best-interests procedures")

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        if self.child_id and self.case_id and self.child.case_id != self.case_id:
            raise ValidationError({"child": _("This child is not in this case.")})


class Consent(CaseChild):
    """Informed consent of a person in a case for one purpose; withdrawn, it no longer counts."""

    case_person = models.ForeignKey(CasePerson, verbose_name=_("person"),
                                    on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=10,
                               choices=choices.ConsentPurpose.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("referral to"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
        help_text=_("For a referral: the organisation the person agreed to be referred to."))
    given_on = models.DateField(_("given on"), default=date.today)
    taken_by = models.ForeignKey(USER, verbose_name=_("taken by"), on_delete=models.PROTECT,
                                 related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        ordering = ["case", "-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.case_person} · {self.get_purpose_display()}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None

    def clean(self) -> None:
        super().clean()
        problems: dict[str, Any] = {}
        referral = self.purpose == choices.ConsentPurpose.REFERRAL
        if referral and self.organisation_id is None:
            problems["organisation"] = _("Consent to a referral names the organisation.")
        if not referral and self.organisation_id is not None:
            problems["organisation"] = _("Only a consent to a referral names an organisation.")
        if self.withdrawn_on and self.given_on and self.withdrawn_on < self.given_on:
            problems["withdrawn_on"] = _("A consent cannot be withdrawn before it was given.")
        if self.case_person_id and self.case_id and self.case_person.case_id != self.case_id:
            problems["case_person"] = _("This person is not in this case.")
        if problems:
            raise ValidationError(problems)


class ConsentOverride(CaseChild):
    """Sharing without the matching consent, by someone allowed to, with a written reason."""

    case_person = models.ForeignKey(CasePerson, verbose_name=_("person"),
                                    on_delete=models.CASCADE, related_name="consent_overrides")
    purpose = models.CharField(_("purpose"), max_length=10,
                               choices=choices.ConsentPurpose.choices)
    organisation = models.ForeignKey(Organisation, verbose_name=_("referral to"),
                                     on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["case", "-created", "-pk"]
        verbose_name = _("consent override")
        verbose_name_plural = _("consent overrides")

    def __str__(self) -> str:
        return f"{self.case_person} · {self.get_purpose_display()}"
