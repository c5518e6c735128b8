"""Summaries of governance self-assessments: per domain and overall, and comparisons.

A summary is the sum of the scores over the maximum possible (2 per scored
indicator), as a percentage; indicators without a score are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from crossroads.governance import choices
from crossroads.governance import models as m

MAX_SCORE = int(choices.Score.PRESENT)


@dataclass(frozen=True)
class Summary:
    """Scores of one domain (or of all domains) of an assessment."""

    total: int
    scored: int

    @property
    def maximum(self) -> int:
        return self.scored * MAX_SCORE

    @property
    def percent(self) -> float | None:
        """Sum of scores over the maximum possible, in per cent (None if nothing scored)."""
        return round(100 * self.total / self.maximum, 1) if self.scored else None


@dataclass(frozen=True)
class AssessmentSummary:
    domains: dict[str, Summary]
    overall: Summary


def summarise_scores(scores: Iterable[tuple[str, int]]) -> AssessmentSummary:
    """Summaries of (domain, score) pairs, with every domain listed in its order."""
    totals = {domain: [0, 0] for domain in choices.AssessmentDomain.values}
    for domain, score in scores:
        totals[domain][0] += int(score)
        totals[domain][1] += 1
    domains = {domain: Summary(total, scored) for domain, (total, scored) in totals.items()}
    overall = Summary(sum(s.total for s in domains.values()),
                      sum(s.scored for s in domains.values()))
    return AssessmentSummary(domains, overall)


def assessment_scores(assessment: m.SelfAssessment, scores: Any = None) -> Any:
    """The scores of an assessment, taken from ``scores`` (e.g. those a user may view)."""
    base = scores if scores is not None else m.AssessmentScore.objects.all()
    return base.filter(assessment=assessment)


def summarise(assessment: m.SelfAssessment, scores: Any = None) -> AssessmentSummary:
    """The domain and overall summaries of one assessment (of ``scores``, default all)."""
    return summarise_scores(assessment_scores(assessment, scores)
                            .values_list("indicator__domain", "score"))


def domain_label(domain: str) -> str:
    return str(choices.AssessmentDomain(domain).label)


def grouped_scores(assessment: m.SelfAssessment, scores: Any = None) -> list[dict[str, Any]]:
    """The scores of an assessment grouped by domain, each group with its summary."""
    summary = summarise(assessment, scores)
    rows = list(assessment_scores(assessment, scores).select_related("indicator").order_by(
        "indicator__position", "indicator__code"))
    groups = []
    for domain in choices.AssessmentDomain.values:
        groups.append({
            "domain": domain_label(domain),
            "summary": summary.domains[domain],
            "scores": [s for s in rows if s.indicator.domain == domain],
        })
    return groups


@dataclass(frozen=True)
class Comparison:
    """A table: one row per domain (and one overall), one column per assessment."""

    columns: list[m.SelfAssessment]
    rows: list[tuple[str, list[float | None], float | None]]


def compare(assessments: Iterable[m.SelfAssessment], scores: Any = None) -> Comparison:
    """Domain × assessment percentages; the change is last column minus first column."""
    columns = list(assessments)
    summaries = [summarise(a, scores) for a in columns]
    rows: list[tuple[str, list[float | None], float | None]] = []
    keys: list[tuple[str, str | None]] = [
        (domain_label(d), d) for d in choices.AssessmentDomain.values]
    keys.append((str(_("Overall")), None))
    for label, domain in keys:
        values = [(s.domains[domain] if domain else s.overall).percent for s in summaries]
        first, last = (values[0], values[-1]) if values else (None, None)
        change = (round(last - first, 1)
                  if len(values) > 1 and first is not None and last is not None else None)
        rows.append((label, values, change))
    return Comparison(columns, rows)


def compare_years(assessments: Any, country_iso3: str, scores: Any = None) -> Comparison:
    """One country's assessments from the earliest year to the latest, with the change."""
    return compare(assessments.filter(country__iso3__iexact=country_iso3)
                   .select_related("country").order_by("year"), scores)


def compare_countries(assessments: Any, year: int, scores: Any = None) -> Comparison:
    """Every country's assessment for one year, by country name."""
    return compare(assessments.filter(year=year).select_related("country")
                   .order_by("country__name"), scores)
