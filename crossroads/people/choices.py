"""Choices of the people and identity app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sex(models.TextChoices):
    FEMALE = "F", pgettext_lazy("sex of a person", "Female")
    MALE = "M", pgettext_lazy("sex of a person", "Male")
    OTHER = "X", pgettext_lazy("sex of a person", "Other")
    UNKNOWN = "U", _("Unknown")


class NamePart(models.TextChoices):
    GIVEN = "given", _("Given name")
    FAMILY = "family", _("Family name")
    PATRONYMIC = "patronymic", _("Patronymic")
    OTHER = "other", _("Other name")
    ALIAS = "alias", _("Alias")


class Script(models.TextChoices):
    LATIN = "Latn", _("Latin")
    CYRILLIC = "Cyrl", _("Cyrillic")
    GEORGIAN = "Geor", _("Georgian")
    ARMENIAN = "Armn", _("Armenian")
    MIXED = "Mixed", _("Mixed scripts")
    OTHER = "Zyyy", _("Other")


class DocumentKind(models.TextChoices):
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    TRAVEL_DOCUMENT = "travel_document", _("Travel document")
    REFUGEE_TRAVEL_DOCUMENT = "refugee_travel_document", _("Refugee travel document")
    STATELESS_TRAVEL_DOCUMENT = "stateless_travel_document", _("Stateless person's travel document")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    VISA = "visa", _("Visa")
    OTHER = "other", _("Other document")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    MERGED = "merged", _("Merged into another person")


class PairStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    CONFIRMED = "confirmed", _("Confirmed: the same person")
    REJECTED = "rejected", _("Rejected: different people")
    LINKED = "linked", _("Linked automatically")
