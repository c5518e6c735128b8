"""The governance register: policies, laws and their review, international instruments
and each country's status, institutions and coordination mechanisms."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import CrossroadsModel
from crossroads.governance import choices
from crossroads.reference.models import Country, ThematicArea


def country_field(related_name: str) -> models.ForeignKey:
    """The country a governance record belongs to (protected from deletion)."""
    return models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT,
                             related_name=related_name)


class Policy(CrossroadsModel):
    """A national migration policy or strategy, adopted for a period of years."""

    country = country_field("migration_policies")
    title = models.CharField(_("title"), max_length=300)
    adopting_body = models.CharField(_("adopting body"), max_length=200, blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=choices.PolicyStatus.choices,
                              default=choices.PolicyStatus.DRAFT)
    thematic_areas = models.ManyToManyField(ThematicArea, verbose_name=_("thematic areas"),
                                            blank=True, related_name="policies")
    document_url = models.URLField(_("document link"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("title", "adopting_body")

    class Meta:
        ordering = ["country__name", "-period_start", "title"]
        verbose_name = _("policy or strategy")
        verbose_name_plural = _("policies and strategies")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class Law(CrossroadsModel):
    """A law, draft law or regulation on migration; a draft under review collects reviews."""

    country = country_field("migration_laws")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=choices.LawKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=choices.LawStatus.choices,
                              default=choices.LawStatus.DRAFT)
    subject = models.TextField(_("subject"), blank=True)
    introduced_on = models.DateField(_("date introduced"), null=True, blank=True)
    adopted_on = models.DateField(_("date adopted"), null=True, blank=True)
    in_force_on = models.DateField(_("date in force"), null=True, blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("title", "subject")

    class Meta:
        ordering = ["country__name", "title"]
        verbose_name = _("law or draft law")
        verbose_name_plural = _("laws and draft laws")

    def __str__(self) -> str:
        return self.title


class LawReview(CrossroadsModel):
    """One reviewer's comments on a law (usually a draft under review) and recommendation."""

    law = models.ForeignKey(Law, verbose_name=_("law"), on_delete=models.CASCADE,
                            related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"),
                                 on_delete=models.PROTECT, related_name="law_reviews")
    comment = models.TextField(_("comment"))
    recommendation = models.CharField(_("recommendation"), max_length=20,
                                      choices=choices.Recommendation.choices)
    reviewed_on = models.DateField(_("date of review"))

    search_fields: ClassVar[tuple[str, ...]] = ("comment",)

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("law review")
        verbose_name_plural = _("law reviews")

    def __str__(self) -> str:
        return f"{self.law} · {self.get_recommendation_display()} · {self.reviewed_on}"

    def clean(self) -> None:
        check_open_for_review(self.law if self.law_id else None, is_new=self.pk is None)


def check_open_for_review(law: Law | None, is_new: bool) -> None:
    """Refuse a new review of a law that is not under review (old reviews stay editable)."""
    if is_new and law is not None and law.status != choices.LawStatus.UNDER_REVIEW:
        raise ValidationError({"law": _("Only a law under review can receive new reviews.")})


class InternationalInstrument(CrossroadsModel):
    """An international treaty on migration, refugees, statelessness or trafficking."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    adopted_year = models.PositiveSmallIntegerField(_("year adopted"))
    organisation = models.CharField(_("organisation or depositary"), max_length=200)
    url = models.URLField(_("link"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("code", "title")

    class Meta:
        ordering = ["adopted_year", "code"]
        verbose_name = _("international instrument")
        verbose_name_plural = _("international instruments")

    def __str__(self) -> str:
        return self.title


class InstrumentStatus(CrossroadsModel):
    """A country's status under an international instrument (signed, ratified, ...)."""

    instrument = models.ForeignKey(InternationalInstrument, verbose_name=_("instrument"),
                                   on_delete=models.PROTECT, related_name="statuses")
    country = country_field("instrument_statuses")
    status = models.CharField(_("status"), max_length=20,
                              choices=choices.InstrumentStatusKind.choices)
    signed_on = models.DateField(_("date signed"), null=True, blank=True)
    ratified_on = models.DateField(_("date ratified, acceded or succeeded"), null=True,
                                   blank=True)
    notes = models.TextField(_("notes"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("notes",)

    class Meta:
        ordering = ["instrument__adopted_year", "country__name"]
        verbose_name = _("ratification")
        verbose_name_plural = _("ratifications")
        constraints = [models.UniqueConstraint(fields=["instrument", "country"],
                                               name="unique_instrument_status")]

    def __str__(self) -> str:
        return f"{self.instrument.code} · {self.country} · {self.get_status_display()}"


class Institution(CrossroadsModel):
    """A national institution with a migration mandate."""

    country = country_field("migration_institutions")
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=choices.InstitutionKind.choices)
    mandate = models.TextField(_("migration mandate"), blank=True)
    website = models.URLField(_("website"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("name", "mandate")

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name


class CoordinationMechanism(CrossroadsModel):
    """An inter-ministerial body that coordinates migration policy in a country."""

    country = country_field("coordination_mechanisms")
    name = models.CharField(_("name"), max_length=300)
    mandate = models.TextField(_("mandate"), blank=True)
    members = models.ManyToManyField(Institution, verbose_name=_("members"), blank=True,
                                     related_name="mechanisms")
    established_on = models.DateField(_("date established"), null=True, blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("name", "mandate")

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("coordination mechanism")
        verbose_name_plural = _("coordination mechanisms")

    def __str__(self) -> str:
        return self.name


class Meeting(CrossroadsModel):
    """A meeting of a coordination mechanism and the decisions it took."""

    mechanism = models.ForeignKey(CoordinationMechanism, verbose_name=_("mechanism"),
                                  on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    decisions = models.TextField(_("decisions"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("decisions",)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.mechanism} · {self.held_on}"


class AssessmentIndicator(CrossroadsModel):
    """A question of the governance self-assessment, in one of six domains."""

    domain = models.CharField(_("domain"), max_length=30,
                              choices=choices.AssessmentDomain.choices)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    question = models.TextField(_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    search_fields: ClassVar[tuple[str, ...]] = ("code", "question")

    class Meta:
        ordering = ["domain", "position", "code"]
        verbose_name = _("assessment indicator")
        verbose_name_plural = _("assessment indicators")

    def __str__(self) -> str:
        return f"{self.code} · {self.question}"


class SelfAssessment(CrossroadsModel):
    """A country's governance self-assessment for one year."""

    country = country_field("governance_assessments")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20,
                              choices=choices.AssessmentStatus.choices,
                              default=choices.AssessmentStatus.DRAFT)
    notes = models.TextField(_("notes"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("notes",)

    class Meta:
        ordering = ["country__name", "-year"]
        verbose_name = _("governance self-assessment")
        verbose_name_plural = _("governance self-assessments")
        constraints = [models.UniqueConstraint(fields=["country", "year"],
                                               name="unique_self_assessment")]

    def __str__(self) -> str:
        return f"{self.country} · {self.year}"


class AssessmentScore(CrossroadsModel):
    """The score of one indicator in a self-assessment, with its evidence and source."""

    assessment = models.ForeignKey(SelfAssessment, verbose_name=_("self-assessment"),
                                   on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(AssessmentIndicator, verbose_name=_("indicator"),
                                  on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"), choices=choices.Score.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    source = models.TextField(_("source"), blank=True)

    search_fields: ClassVar[tuple[str, ...]] = ("evidence", "source")

    class Meta:
        ordering = ["assessment", "indicator__domain", "indicator__position"]
        verbose_name = _("assessment score")
        verbose_name_plural = _("assessment scores")
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"],
                                               name="unique_assessment_score")]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.indicator.code} · {self.get_score_display()}"
