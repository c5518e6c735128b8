"""Where numbers come from: data sources and their releases (vintages)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.evidence.choices import KosovoConvention, Producer, SourceKind


class DataSource(CrossroadsModel):
    """A producer's statistical product: a database, census, survey or register."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    producer = models.CharField(_("producer"), max_length=20, choices=Producer.choices)
    producer_name = models.CharField(_("producer (name)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    coverage = models.TextField(_("coverage"), blank=True)
    periodicity = models.CharField(_("periodicity"), max_length=100, blank=True)
    access_conditions = models.TextField(_("access conditions"), blank=True)
    quality_notes = models.TextField(_("quality notes"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    kosovo_convention = models.CharField(
        _("Kosovo convention"), max_length=20, choices=KosovoConvention.choices,
        default=KosovoConvention.NOT_APPLICABLE,
        help_text=_("Whether the source reports Kosovo separately or within Serbia."),
    )

    search_fields: ClassVar[tuple[str, ...]] = ("code", "name", "producer_name")

    class Meta:
        ordering = ["name"]
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")

    def __str__(self) -> str:
        return self.name


class Release(CrossroadsModel):
    """One vintage of a source (e.g. International Migrant Stock, revision 2013).

    Releases are ordered by ``published``: for the same figure, the latest release
    is current unless a query pins a vintage.
    """

    source = models.ForeignKey(
        DataSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="releases"
    )
    code = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=250)
    vintage = models.CharField(_("vintage"), max_length=40, help_text=_("e.g. 2013 revision"))
    published = models.DateField(_("published"))
    importer = models.CharField(_("importer"), max_length=60, blank=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("code", "title", "vintage")

    class Meta:
        ordering = ["source", "-published"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self) -> str:
        return self.title

    @property
    def rank(self) -> int:
        """Order of vintages: the publication date as a number (later is larger)."""
        return int(self.published.strftime("%Y%m%d"))


class ReleaseFile(CrossroadsModel):
    """A file a release was imported from, with its checksum."""

    release = models.ForeignKey(
        Release, verbose_name=_("release"), on_delete=models.CASCADE, related_name="files"
    )
    name = models.CharField(_("file name"), max_length=250)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    rows = models.PositiveIntegerField(_("observations"), default=0)

    class Meta:
        ordering = ["release", "name"]
        verbose_name = _("release file")
        verbose_name_plural = _("release files")
        constraints = [
            models.UniqueConstraint(fields=["release", "name"], name="unique_release_file")
        ]

    def __str__(self) -> str:
        return self.name
