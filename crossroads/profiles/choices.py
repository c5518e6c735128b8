"""Choices of migration profiles."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", pgettext_lazy("profile status", "Published")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")


class ReviewKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVAL = "approval", _("Approval")
