"""Choices of the governance register."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")


class LawKind(models.TextChoices):
    LAW = "law", _("Law")
    DRAFT_LAW = "draft_law", _("Draft law")
    REGULATION = "regulation", _("Regulation")


class LawStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNDER_REVIEW = "under_review", _("Under review")
    ADOPTED = "adopted", _("Adopted")
    IN_FORCE = "in_force", _("In force")
    REPEALED = "repealed", _("Repealed")


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REVISE = "revise", _("Revise")
    REJECT = "reject", _("Reject")


class InstrumentStatusKind(models.TextChoices):
    SIGNED = "signed", _("Signed")
    RATIFIED = "ratified", _("Ratified")
    ACCEDED = "acceded", _("Acceded")
    SUCCEEDED = "succeeded", _("Succeeded")


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Agency")
    PARLIAMENTARY_BODY = "parliamentary_body", _("Parliamentary body")
    OTHER = "other", _("Other")


class AssessmentDomain(models.TextChoices):
    MIGRANT_RIGHTS = "migrant_rights", _("Migrant rights")
    WHOLE_OF_GOVERNMENT = "whole_of_government", _("Whole-of-government approach")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    WELL_BEING = "well_being", _("Well-being of migrants")
    CRISES = "crises", _("Mobility dimensions of crises")
    SAFE_MIGRATION = "safe_migration", _("Safe, orderly and regular migration")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class Score(models.IntegerChoices):
    ABSENT = 0, _("Absent")
    PARTIAL = 1, _("Partial")
    PRESENT = 2, _("Present")
