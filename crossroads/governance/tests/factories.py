"""Small, made-up governance records for the generic suites (no real data needed)."""

from __future__ import annotations

from datetime import date

from crossroads.governance import models as m
from crossroads.reference.models import Country
from crossroads.users.models import User


def make_policies(country: Country, suffix: str = "") -> list[m.Policy]:
    return [m.Policy.objects.create(country=country, title=f"Strategy {suffix} {i}",
                                    period_start=2020 + i, period_end=2025 + i,
                                    status="adopted") for i in range(3)]


def make_laws(country: Country, suffix: str = "") -> list[m.Law]:
    return [m.Law.objects.create(country=country, title=f"Law {suffix} {i}", kind="draft_law",
                                 status="under_review", introduced_on=date(2024, 1, i + 1))
            for i in range(3)]


def make_reviews(country: Country, reviewer: User, suffix: str = "") -> list[m.LawReview]:
    law = make_laws(country, f"r{suffix}")[0]
    return [m.LawReview.objects.create(law=law, reviewer=reviewer, comment=f"Comment {i}",
                                       recommendation=rec, reviewed_on=date(2024, 2, i + 1))
            for i, rec in enumerate(("approve", "revise", "reject"))]


def make_instruments(suffix: str = "") -> list[m.InternationalInstrument]:
    return [m.InternationalInstrument.objects.create(
        code=f"test{suffix}-{i}", title=f"Convention {suffix} {i}", adopted_year=1950 + i,
        organisation="United Nations") for i in range(3)]


def make_statuses(country: Country, suffix: str = "") -> list[m.InstrumentStatus]:
    return [m.InstrumentStatus.objects.create(instrument=instrument, country=country,
                                              status="ratified", ratified_on=date(2000, 1, 1))
            for instrument in make_instruments(f"s{suffix}")]


def make_institutions(country: Country, suffix: str = "") -> list[m.Institution]:
    return [m.Institution.objects.create(country=country, name=f"Ministry {suffix} {i}",
                                         kind="ministry") for i in range(3)]


def make_mechanisms(country: Country, suffix: str = "") -> list[m.CoordinationMechanism]:
    members = make_institutions(country, f"c{suffix}")
    made = []
    for i in range(3):
        mechanism = m.CoordinationMechanism.objects.create(
            country=country, name=f"Commission {suffix} {i}", established_on=date(2015, 1, 1))
        mechanism.members.set(members)
        made.append(mechanism)
    return made


def make_meetings(country: Country, suffix: str = "") -> list[m.Meeting]:
    mechanism = make_mechanisms(country, f"m{suffix}")[0]
    return [m.Meeting.objects.create(mechanism=mechanism, held_on=date(2024, 3, i + 1),
                                     decisions=f"Decision {i}") for i in range(3)]


def make_indicators(suffix: str = "", count: int = 3,
                    domain: str = "migrant_rights") -> list[m.AssessmentIndicator]:
    return [m.AssessmentIndicator.objects.create(
        domain=domain, code=f"ind{suffix}-{i}", question=f"Question {suffix} {i}?", position=i)
        for i in range(count)]


def make_assessments(country: Country, suffix: str = "") -> list[m.SelfAssessment]:
    base = 2000 + 10 * len(suffix)
    return [m.SelfAssessment.objects.create(country=country, year=base + i, notes=f"Notes {i}")
            for i in range(3)]


def make_scores(country: Country, suffix: str = "") -> list[m.AssessmentScore]:
    assessment = make_assessments(country, f"sc{suffix}")[0]
    indicators = make_indicators(f"s{suffix}", count=4)
    return [m.AssessmentScore.objects.create(assessment=assessment, indicator=indicator,
                                             score=score, evidence=f"Evidence {i}")
            for i, (indicator, score) in enumerate(zip(indicators, (2, 1, 0), strict=False))]
