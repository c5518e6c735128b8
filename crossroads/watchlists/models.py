"""Watchlists, their entries and the alerts raised when a person may be on one.

A :class:`Watchlist` is a list kept by an organisation (national alerts, regional alerts,
lost and stolen documents). Its :class:`WatchlistEntry` rows describe a wanted person or
document with names in any script; comparison keys (:class:`EntryKey`, the same keys as
``people.NameKey``) are rebuilt on every save so that screening finds entries through an
index. An :class:`Alert` says that a screened person may be an entry, why (field by
field), and what an officer decided. Entries and alerts are personal data: sensitive.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from crossroads.borders.models import BorderCrossingPoint
from crossroads.core.models import CrossroadsModel
from crossroads.people.choices import Sex
from crossroads.people.codes import check_state_code
from crossroads.people.dates import PartialDate
from crossroads.people.models import Person, number_key
from crossroads.reference.models import Country
from crossroads.users.models import Organisation
from crossroads.watchlists import choices


class Watchlist(CrossroadsModel):
    """A list of persons or documents to look out for, kept by one organisation."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=choices.WatchlistKind.choices)
    organisation = models.ForeignKey(Organisation, verbose_name=_("kept by"),
                                     on_delete=models.PROTECT, related_name="watchlists")
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="watchlists", help_text=_("Empty for a regional list."))
    active = models.BooleanField(_("active"), default=True,
                                 help_text=_("Inactive lists are not screened against."))
    description = models.TextField(_("description"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("name", "description")

    class Meta:
        ordering = ["name"]
        verbose_name = _("watchlist")
        verbose_name_plural = _("watchlists")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.kind == choices.WatchlistKind.NATIONAL and self.country_id is None:
            raise ValidationError({"country": _("A national list needs its country.")})
        if self.kind == choices.WatchlistKind.REGIONAL and self.country_id is not None:
            raise ValidationError({"country": _("A regional list has no country.")})


class WatchlistEntry(CrossroadsModel):
    """A person or a document on a watchlist, as the issuing authority describes them."""

    watchlist = models.ForeignKey(Watchlist, verbose_name=_("watchlist"),
                                  on_delete=models.CASCADE, related_name="entries")
    family = models.CharField(_("family name"), max_length=200, blank=True)
    given = models.CharField(_("given name"), max_length=200, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=200, blank=True)
    aliases = models.TextField(
        _("aliases"), blank=True,
        help_text=_("Other names or spellings, one per line, “family, given” or a full name."))
    language = models.CharField(
        _("language"), max_length=3, blank=True,
        help_text=_("ISO 639-1 code of the names' language, when known (ru, uk, ka, …)."))
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True,
        validators=[MinValueValidator(1880), MaxValueValidator(2100)])
    birth_month = models.PositiveSmallIntegerField(
        _("month of birth"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)])
    birth_day = models.PositiveSmallIntegerField(
        _("day of birth"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)])
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    nationality = models.CharField(
        _("nationality"), max_length=3, blank=True,
        help_text=_("ISO 3166 alpha-3 or an ICAO code (XXA stateless, XXB refugee, …)."))
    document_number = models.CharField(_("document number"), max_length=40, blank=True)
    #: The number without spaces, dashes or fillers, upper case (for matching).
    document_key = models.CharField(max_length=40, blank=True, editable=False, db_index=True)
    document_state = models.CharField(_("document issuing state"), max_length=3, blank=True)
    action = models.CharField(_("action to take"), max_length=20,
                              choices=choices.EntryAction.choices)
    reference = models.CharField(_("external reference"), max_length=100, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    sensitive: ClassVar[bool] = True
    search_fields: ClassVar[tuple[str, ...]] = ("family", "given", "aliases", "reference",
                                                "document_number")

    class Meta:
        ordering = ["watchlist", "family", "given"]
        verbose_name = _("watchlist entry")
        verbose_name_plural = _("watchlist entries")
        indexes = [models.Index(fields=["birth_year", "birth_month", "birth_day"])]

    def __str__(self) -> str:
        shown = " ".join(p for p in (self.given, self.patronymic, self.family) if p)
        return shown or self.document_number or str(_("Entry %(id)s") % {"id": self.pk})

    @property
    def birth(self) -> PartialDate:
        return PartialDate(self.birth_year, self.birth_month, self.birth_day)

    def alias_list(self) -> list[str]:
        return [line.strip() for line in (self.aliases or "").splitlines() if line.strip()]

    def is_valid_on(self, day: date) -> bool:
        return self.valid_until is None or self.valid_until >= day

    def clean(self) -> None:
        super().clean()
        problems: dict[str, Any] = {}
        if not (self.family.strip() or self.given.strip() or number_key(self.document_number)):
            problems["family"] = _("An entry needs a name or a document number.")
        if (problem := self.birth.problem()) is not None:
            problems["birth_day"] = problem
        if self.nationality and (problem := check_state_code(self.nationality)):
            problems["nationality"] = problem
        if self.document_number and not number_key(self.document_number):
            problems["document_number"] = _("A document number needs letters or digits.")
        if self.document_state and (problem := check_state_code(self.document_state)):
            problems["document_state"] = problem
        if problems:
            raise ValidationError(problems)

    def save(self, *args: Any, **kwargs: Any) -> None:
        from crossroads.watchlists.keys import rebuild_entry_keys

        self.nationality = (self.nationality or "").strip().upper()
        self.document_state = (self.document_state or "").strip().upper()
        self.document_key = number_key(self.document_number)
        super().save(*args, **kwargs)
        rebuild_entry_keys(self)


class EntryKey(models.Model):
    """A comparison key of an entry's name part (derived; rebuilt on every save).

    The entry's year of birth is copied here so that "this name and this year" is one
    index lookup, however common the name."""

    entry = models.ForeignKey(WatchlistEntry, on_delete=models.CASCADE, related_name="keys")
    part = models.CharField(max_length=12)
    key = models.CharField(max_length=80)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["key", "entry"]),
                   models.Index(fields=["key", "birth_year"])]
        constraints = [models.UniqueConstraint(fields=["entry", "part", "key"],
                                               name="unique_entry_key")]

    def __str__(self) -> str:
        return f"{self.part}:{self.key}"


class Alert(CrossroadsModel):
    """A screened person who may be a watchlist entry, and what an officer decided."""

    entry = models.ForeignKey(WatchlistEntry, verbose_name=_("watchlist entry"),
                              on_delete=models.PROTECT, related_name="alerts")
    person = models.ForeignKey(Person, verbose_name=_("person screened"),
                               on_delete=models.PROTECT, related_name="watchlist_alerts")
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"),
                                     on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("record"), max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    organisation = models.ForeignKey(Organisation, verbose_name=_("raised by"),
                                     on_delete=models.PROTECT, related_name="watchlist_alerts")
    point = models.ForeignKey(
        BorderCrossingPoint, verbose_name=_("crossing point"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="watchlist_alerts",
        help_text=_("Where the person was screened, when the record was at a crossing point."))
    score = models.FloatField(_("score"))
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=choices.AlertStatus.choices,
                              default=choices.AlertStatus.OPEN, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    note = models.TextField(_("decision note"), blank=True, editable=False)

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["-created"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [models.UniqueConstraint(
            fields=["person", "entry", "content_type", "object_id"],
            condition=models.Q(status="open"), name="unique_open_alert")]
        indexes = [models.Index(fields=["person", "entry", "status"])]

    def __str__(self) -> str:
        return str(_("Alert %(id)s: %(entry)s") % {"id": self.pk, "entry": self.entry})

    def get_absolute_url(self) -> str:
        return reverse("watchlists:alert", args=[self.pk])
