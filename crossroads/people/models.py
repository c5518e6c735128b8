"""Persons: one person across border, case, health and displacement records.

A :class:`Person` has a stable identifier (``uid``) and carries names as given, in
their original script (:class:`PersonName`), nationalities, identity documents, and
links to the records of other apps that cite them (:class:`PersonLink`). Comparison
keys (:class:`NameKey`) are derived from the names for candidate search.

Merging never deletes: the merged person points to the survivor (``merged_into``),
its names, documents, nationalities and links move to the survivor, and the
:class:`Merge` remembers what moved so that an unmerge restores it exactly.
Every model here holds personal data: all are sensitive (deny-by-default, audited).
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.people import choices
from crossroads.people.codes import check_state_code
from crossroads.people.dates import PartialDate
from crossroads.reference.models import Country
from crossroads.users.models import Organisation


class Person(CrossroadsModel):
    """A person known to the system, whatever the records that mention them."""

    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("registered by"), on_delete=models.PROTECT,
        related_name="registered_persons")
    sex = models.CharField(_("sex"), max_length=1, choices=choices.Sex.choices,
                           default=choices.Sex.UNKNOWN)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True,
        validators=[MinValueValidator(1880), MaxValueValidator(2100)])
    birth_month = models.PositiveSmallIntegerField(
        _("month of birth"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)])
    birth_day = models.PositiveSmallIntegerField(
        _("day of birth"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)])
    birth_approximate = models.BooleanField(
        _("date of birth is approximate"), default=False,
        help_text=_("The person or the document gives an estimate (e.g. “about 1980”)."))
    place_of_birth = models.CharField(_("place of birth"), max_length=200, blank=True)
    country_of_birth = models.ForeignKey(
        Country, verbose_name=_("country of birth"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=choices.PersonStatus.choices,
                              default=choices.PersonStatus.ACTIVE, editable=False)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), on_delete=models.PROTECT, null=True, blank=True,
        editable=False, related_name="merged_persons")
    #: Normalisations applied on input, kept so that nobody mistakes them for the source.
    warnings = models.JSONField(_("warnings"), default=list, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    sensitive: ClassVar[bool] = True
    search_fields: ClassVar[tuple[str, ...]] = ("names__value",)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["birth_year", "sex"])]

    def __str__(self) -> str:
        names = getattr(self, "_prefetched_objects_cache", {}).get("names")
        parts = list(names) if names is not None else list(self.names.all()[:4])
        shown = " ".join(n.value for n in sorted(parts, key=name_order)
                         if n.part != choices.NamePart.ALIAS)
        return shown or str(_("Person %(uid)s") % {"uid": str(self.uid)[:8]})

    def get_absolute_url(self) -> str:
        return reverse("people:person", args=[self.pk])

    @property
    def birth_date(self) -> PartialDate:
        return PartialDate(self.birth_year, self.birth_month, self.birth_day,
                           self.birth_approximate)

    def clean(self) -> None:
        super().clean()
        problem = self.birth_date.problem()
        if problem:
            raise ValidationError({"birth_day": problem})

    def survivor(self) -> Person:
        """The person this one now is: itself, or the end of its chain of merges."""
        current, seen = self, set()
        while current.merged_into_id is not None and current.pk not in seen:
            seen.add(current.pk)
            current = current.merged_into  # type: ignore[assignment]
        return current


def name_order(name: PersonName) -> tuple[int, int]:
    order = {choices.NamePart.GIVEN: 0, choices.NamePart.PATRONYMIC: 1,
             choices.NamePart.FAMILY: 2, choices.NamePart.OTHER: 3, choices.NamePart.ALIAS: 4}
    return order.get(name.part, 5), name.position  # type: ignore[call-overload]


class PersonName(CrossroadsModel):
    """One name of a person as a source gives it, in its own script."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="names")
    part = models.CharField(_("part"), max_length=12, choices=choices.NamePart.choices)
    value = models.CharField(_("name"), max_length=200)
    script = models.CharField(_("script"), max_length=6, choices=choices.Script.choices,
                              editable=False)
    language = models.CharField(
        _("language"), max_length=3, blank=True,
        help_text=_("ISO 639-1 code of the name's language, when known (ru, uk, ka, …)."))
    scheme = models.CharField(
        _("transliteration scheme"), max_length=40, blank=True,
        help_text=_("For a romanised name: the scheme the document used, when known."))
    source = models.CharField(_("source"), max_length=200, blank=True,
                              help_text=_("The document or record this spelling comes from."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["person", "part", "position"]
        verbose_name = _("name")
        verbose_name_plural = _("names")

    def __str__(self) -> str:
        return f"{self.value} ({self.get_part_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        from crossroads.people.names.scripts import detect_script

        self.script = detect_script(self.value)
        super().save(*args, **kwargs)


class NameKey(models.Model):
    """A comparison key of a person's name part (derived; rebuilt whenever names change)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="keys")
    part = models.CharField(max_length=12, choices=choices.NamePart.choices)
    key = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["key", "part"])]
        constraints = [models.UniqueConstraint(fields=["person", "part", "key"],
                                               name="unique_name_key")]

    def __str__(self) -> str:
        return f"{self.part}:{self.key}"


class Nationality(CrossroadsModel):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="nationalities")
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT,
                                related_name="+")

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["person", "country"]
        verbose_name = _("nationality")
        verbose_name_plural = _("nationalities")
        constraints = [models.UniqueConstraint(fields=["person", "country"],
                                               name="unique_nationality")]

    def __str__(self) -> str:
        return str(self.country)


class IdentityDocument(CrossroadsModel):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="documents")
    kind = models.CharField(_("type"), max_length=30, choices=choices.DocumentKind.choices)
    number = models.CharField(_("number"), max_length=40)
    #: The number without spaces, dashes or fillers, upper case (for matching).
    number_key = models.CharField(max_length=40, editable=False, db_index=True)
    issuing_state = models.CharField(
        _("issuing state"), max_length=3,
        help_text=_("ISO 3166 alpha-3 code, or an ICAO code such as XXA (stateless), XXB "
                    "(refugee), UNO (United Nations)."))
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    expires_on = models.DateField(_("date of expiry"), null=True, blank=True)

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["person", "-issued_on"]
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.issuing_state} {self.number}"

    def clean(self) -> None:
        super().clean()
        problems: dict[str, Any] = {}
        state = check_state_code(self.issuing_state)
        if state is not None:
            problems["issuing_state"] = state
        if not number_key(self.number):
            problems["number"] = _("A document number needs letters or digits.")
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            problems["expires_on"] = _("A document cannot expire before it was issued.")
        if problems:
            raise ValidationError(problems)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.issuing_state = (self.issuing_state or "").upper()
        self.number_key = number_key(self.number)
        super().save(*args, **kwargs)


def number_key(number: str) -> str:
    """A document number for matching: letters and digits only, upper case."""
    return "".join(ch for ch in (number or "").upper() if ch.isalnum())


class PersonLink(CrossroadsModel):
    """A record of another app that cites the person (a crossing, a case, a registration)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="links")
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"),
                                     on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("record"), max_length=64)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation of the record"), on_delete=models.PROTECT,
        related_name="person_links")
    role = models.CharField(_("role"), max_length=60, blank=True,
                            help_text=_("What the person is in the record (traveller, …)."))

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["person", "-created"]
        verbose_name = _("record citing a person")
        verbose_name_plural = _("records citing persons")
        constraints = [models.UniqueConstraint(fields=["person", "content_type", "object_id"],
                                               name="unique_person_link")]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} → {self.person_id}"


class MatchPair(CrossroadsModel):
    """Two persons who may be one: scored by candidate search or batch linkage, then
    confirmed or rejected by a reviewer. Decisions are remembered: a rejected pair is
    never proposed again."""

    left = models.ForeignKey(Person, verbose_name=_("first person"), on_delete=models.CASCADE,
                             related_name="+")
    right = models.ForeignKey(Person, verbose_name=_("second person"),
                              on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField(_("match probability"))
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=choices.PairStatus.choices,
                              default=choices.PairStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    run = models.CharField(_("linkage run"), max_length=60, blank=True)

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["status", "-probability"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="unique_match_pair"),
            models.CheckConstraint(condition=models.Q(left__lt=models.F("right")),
                                   name="match_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id} ({self.probability:.2f})"


class Merge(CrossroadsModel):
    """A merge of one person into another, with what moved (for an exact unmerge)."""

    survivor = models.ForeignKey(Person, verbose_name=_("survivor"),
                                 on_delete=models.PROTECT, related_name="merges_received")
    merged = models.ForeignKey(Person, verbose_name=_("merged person"),
                               on_delete=models.PROTECT, related_name="merges_made")
    reason = models.TextField(_("reason"), blank=True)
    #: {"names": [ids], "nationalities": [ids], "documents": [ids], "links": [ids],
    #:  "keys": [ids], "person": {fields of the merged person before the merge}}
    moved = models.JSONField(_("what moved"), default=dict, editable=False)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True, editable=False)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("undone by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+")

    sensitive: ClassVar[bool] = True

    class Meta:
        ordering = ["-created"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id}"
