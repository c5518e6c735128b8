"""The fixed vocabularies of protection cases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseType(models.TextChoices):
    VULNERABLE_MIGRANT = "vulnerable", _("Vulnerable migrant")
    PRESUMED_VOT = "presumed_vot", _("Presumed victim of trafficking")
    IDENTIFIED_VOT = "identified_vot", _("Identified victim of trafficking")
    UASC = "uasc", _("Unaccompanied or separated child")
    STRANDED = "stranded", _("Stranded migrant")
    CRISIS = "crisis", _("Migrant in crisis")
    RETURN = "return", _("Return and reintegration applicant")


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("case status", "Registered")
    ASSESSMENT = "assessment", pgettext_lazy("case status", "Assessment")
    CASE_PLAN = "case_plan", pgettext_lazy("case status", "Case plan")
    SERVICES = "services", pgettext_lazy("case status", "Services")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Case plan goals met")
    RETURNED = "returned", _("Returned to country of origin")
    TRANSFERRED = "transferred", _("Transferred to another organisation")
    LOST_CONTACT = "lost_contact", _("Contact lost")
    DECLINED = "declined", _("Person declined further assistance")
    DECEASED = "deceased", _("Person deceased")
    OTHER = "other", pgettext_lazy("closure reason", "Other")


class Priority(models.TextChoices):
    LOW = "low", pgettext_lazy("priority", "Low")
    MEDIUM = "medium", pgettext_lazy("priority", "Medium")
    HIGH = "high", pgettext_lazy("priority", "High")
    CRITICAL = "critical", pgettext_lazy("priority", "Critical")


class CasePersonRole(models.TextChoices):
    PRINCIPAL = "principal", _("Principal")
    HOUSEHOLD = "household", _("Household member")


class ApprovalStep(models.TextChoices):
    ASSESSMENT = "assessment", pgettext_lazy("approval step", "Assessment")
    CASE_PLAN = "case_plan", pgettext_lazy("approval step", "Case plan")
    CLOSURE = "closure", pgettext_lazy("approval step", "Closure")


class ApprovalDecision(models.TextChoices):
    PENDING = "pending", pgettext_lazy("approval", "Pending")
    APPROVED = "approved", pgettext_lazy("approval", "Approved")
    REFUSED = "refused", pgettext_lazy("approval", "Refused")


class BestInterestsKind(models.TextChoices):
    ASSESSMENT = "assessment", _("Best-interests assessment")
    DETERMINATION = "determination", _("Best-interests determination")


class ConsentPurpose(models.TextChoices):
    ASSISTANCE = "assistance", _("Assistance")
    REFERRAL = "referral", _("Referral to a named organisation")
    STATISTICS = "statistics", _("Data sharing for statistics")
