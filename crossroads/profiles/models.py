"""Migration profiles: a country's or a region's migration situation for a reference year.

A profile is one *edition*: an area, a reference year, a language and a version. Its
figures are drawn from ``evidence`` (live while it is a draft), its narrative (part D)
is written by authors of the organisation that owns it, and publishing freezes the
figures, charts, narrative and PDF together in the row (``snapshot`` and ``pdf``).
A published edition is never changed again; a new version starts as a draft copy.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.evidence.choices import AreaKind
from crossroads.evidence.models import Area
from crossroads.profiles.choices import Language, ProfileStatus, ReviewKind
from crossroads.users.choices import OrganisationKind
from crossroads.users.models import Organisation

#: Fields that a published edition keeps as they were when it was approved.
FROZEN_FIELDS = ("area_id", "year", "language", "version", "organisation_id", "title",
                 "key_findings", "recommendations", "stale_after", "snapshot")
#: Default: data more than this many years older than the reference year is "old".
STALE_AFTER = 5


class Profile(CrossroadsModel):
    """One edition of a migration profile (area, reference year, language, version)."""

    area = models.ForeignKey(Area, verbose_name=_("country or region"),
                             on_delete=models.PROTECT, related_name="profiles")
    year = models.PositiveSmallIntegerField(
        _("reference year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    language = models.CharField(_("language"), max_length=5, choices=Language.choices,
                                default=Language.ENGLISH)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("authoring organisation"), on_delete=models.PROTECT,
        related_name="profiles")
    title = models.CharField(_("title"), max_length=300, blank=True,
                             help_text=_("Leave empty for “Migration profile: <area>, <year>”."))
    status = models.CharField(_("status"), max_length=20, choices=ProfileStatus.choices,
                              default=ProfileStatus.DRAFT, editable=False)
    key_findings = models.TextField(_("key findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    stale_after = models.PositiveSmallIntegerField(
        _("data older than (years)"), default=STALE_AFTER,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Figures older than this many years before the reference year are "
                    "listed in the data gaps annex."))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.SET_NULL,
        null=True, blank=True, editable=False, related_name="+")
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    previous = models.ForeignKey(
        "self", verbose_name=_("previous version"), on_delete=models.PROTECT, null=True,
        blank=True, editable=False, related_name="next_versions")
    #: The frozen document of a published edition: figures, footnotes, charts (SVG), gaps.
    snapshot = models.JSONField(_("frozen content"), null=True, blank=True, editable=False)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)

    changelog_exclude: ClassVar[tuple[str, ...]] = ("snapshot", "pdf")
    public_view: ClassVar[dict[str, Any] | None] = {"status": ProfileStatus.PUBLISHED}
    search_fields: ClassVar[tuple[str, ...]] = ("title", "area__name", "area__code")

    class Meta:
        ordering = ["area__name", "-year", "language", "-version"]
        verbose_name = _("migration profile")
        verbose_name_plural = _("migration profiles")
        constraints = [
            models.UniqueConstraint(fields=["area", "year", "language", "version"],
                                    name="unique_profile_edition"),
        ]
        indexes = [models.Index(fields=["status", "area", "year"])]

    def __str__(self) -> str:
        return f"{self.display_title} (v{self.version}, {self.language})"

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.area_id is None:
            return str(_("Migration profile"))
        return str(_("Migration profile: %(area)s, %(year)s") % {
            "area": area_name(self.area, self.language), "year": self.year})

    @property
    def is_published(self) -> bool:
        return self.status == ProfileStatus.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == ProfileStatus.DRAFT

    def get_absolute_url(self) -> str:
        return reverse("profiles:profile", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        check_editable(self)
        check_author(self)

    def save(self, *args: Any, **kwargs: Any) -> None:
        check_not_frozen(self)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.status != ProfileStatus.DRAFT:
            raise ProtectedError(str(_("Only draft profiles can be deleted; a profile in "
                                       "review or published is kept.")), {self})
        return super().delete(*args, **kwargs)


def area_name(area: Area, language: str) -> str:
    """An area's name in the profile's language (English when there is no other)."""
    return area.name_ru if language == Language.RUSSIAN and area.name_ru else area.name


def check_editable(profile: Profile) -> None:
    """Authors edit a draft only: in review and published editions are locked."""
    if profile.pk and Profile.objects.filter(pk=profile.pk).exclude(
            status=ProfileStatus.DRAFT).exists():
        raise ValidationError(_("Only a draft can be edited. Return the profile to draft, or "
                                "start a new version of a published profile."))


def is_national(organisation: Organisation) -> bool:
    """A government body, NGO or other organisation of one country (not IOM or the UN)."""
    international = (OrganisationKind.IOM, OrganisationKind.UN_AGENCY)
    return organisation.country_id is not None and organisation.kind not in international


def check_author(profile: Profile) -> None:
    """A national organisation writes its own country's profile only; an international
    one (IOM, UN agencies) or one without a country may write any country's or region's."""
    if profile.area_id is None or profile.organisation_id is None:
        return
    area, organisation = profile.area, profile.organisation
    if not is_national(organisation):
        return
    if area.kind == AreaKind.REGION:
        raise ValidationError({"organisation": _(
            "A regional profile is written by an international or regional organisation, "
            "not by %(organisation)s.") % {"organisation": organisation}})
    if organisation.country_id != area.country_id:
        raise ValidationError({"organisation": _(
            "%(organisation)s cannot author the profile of %(area)s: it works in another "
            "country.") % {"organisation": organisation, "area": area}})


def check_not_frozen(profile: Profile) -> None:
    """Refuse to change what a published edition froze (whatever path saves it)."""
    if profile._state.adding or profile.pk is None:
        return
    stored = Profile.objects.filter(pk=profile.pk, status=ProfileStatus.PUBLISHED) \
        .values(*FROZEN_FIELDS, "status").first()
    if stored is None:
        return
    changed = [name for name in (*FROZEN_FIELDS, "status")
               if getattr(profile, name) != stored[name]]
    if changed:
        raise ValidationError(_("A published profile cannot be changed (%(fields)s); start a "
                                "new version instead.") % {"fields": ", ".join(changed)})


class ProfileReview(CrossroadsModel):
    """A reviewer's comment on a profile edition, a request for changes, or its approval."""

    profile = models.ForeignKey(Profile, verbose_name=_("profile"), on_delete=models.CASCADE,
                                related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"),
                                 on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices,
                            default=ReviewKind.COMMENT)
    comment = models.TextField(_("comment"))

    class Meta:
        ordering = ["profile", "created"]
        verbose_name = _("profile review")
        verbose_name_plural = _("profile reviews")

    def __str__(self) -> str:
        return f"{self.profile} – {self.get_kind_display()} ({self.reviewer})"

    def clean(self) -> None:
        super().clean()
        if self.profile_id is not None and self._state.adding \
                and self.profile.status == ProfileStatus.PUBLISHED:
            raise ValidationError({"profile": _(
                "A published profile takes no more comments; comment on a new version.")})
