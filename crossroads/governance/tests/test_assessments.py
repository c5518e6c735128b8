"""Self-assessment summaries, comparisons, the compare page and the indicator loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from crossroads.governance import assessments
from crossroads.governance import models as m
from crossroads.governance.loaders import load_assessment_indicators
from crossroads.reference.loaders.errors import ReferenceDataError
from crossroads.testing.base import CrossroadsTestCase


def score(assessment: m.SelfAssessment, indicator: m.AssessmentIndicator, value: int) -> None:
    m.AssessmentScore.objects.create(assessment=assessment, indicator=indicator, score=value)


class AssessmentSummaryTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.rights = [m.AssessmentIndicator.objects.create(
            domain="migrant_rights", code=f"r{i}", question=f"R{i}?", position=i)
            for i in range(4)]
        cls.crises = m.AssessmentIndicator.objects.create(
            domain="crises", code="c0", question="C0?")
        cls.y2023 = m.SelfAssessment.objects.create(country=cls.home_country, year=2023)
        cls.y2024 = m.SelfAssessment.objects.create(country=cls.home_country, year=2024)
        cls.ukr = m.SelfAssessment.objects.create(country=cls.other_country, year=2024)
        for indicator, value in zip(cls.rights, (2, 1, 0), strict=False):
            score(cls.y2024, indicator, value)  # the fourth indicator stays unscored
        score(cls.y2024, cls.crises, 2)
        score(cls.y2023, cls.rights[0], 0)
        score(cls.y2023, cls.rights[1], 1)
        score(cls.ukr, cls.rights[0], 2)

    def test_a_domain_counts_only_scored_indicators(self) -> None:
        summary = assessments.summarise(self.y2024)
        rights = summary.domains["migrant_rights"]
        assert (rights.total, rights.scored, rights.maximum, rights.percent) == (3, 3, 6, 50.0)
        assert summary.domains["crises"].percent == 100.0
        assert summary.domains["partnerships"].percent is None
        assert summary.domains["partnerships"].scored == 0
        assert (summary.overall.total, summary.overall.scored) == (5, 4)
        assert summary.overall.percent == 62.5

    def test_the_scores_are_grouped_by_domain_in_domain_order(self) -> None:
        groups = assessments.grouped_scores(self.y2024)
        assert len(groups) == 6
        assert [s.indicator.code for s in groups[0]["scores"]] == ["r0", "r1", "r2"]
        assert groups[0]["summary"].percent == 50.0

    def test_comparing_years_gives_the_change_per_domain(self) -> None:
        comparison = assessments.compare_years(m.SelfAssessment.objects.all(), "mda")
        assert [a.year for a in comparison.columns] == [2023, 2024]
        rows = {label: (values, change) for label, values, change in comparison.rows}
        assert rows["Migrant rights"] == ([25.0, 50.0], 25.0)
        assert rows["Mobility dimensions of crises"] == ([None, 100.0], None)
        assert rows["Overall"] == ([25.0, 62.5], 37.5)

    def test_comparing_countries_gives_a_domain_by_country_table(self) -> None:
        comparison = assessments.compare_countries(m.SelfAssessment.objects.all(), 2024)
        assert [a.country.iso3 for a in comparison.columns] == ["MDA", "UKR"]
        assert len(comparison.rows) == 7
        label, values, _change = comparison.rows[0]
        assert (label, values) == ("Migrant rights", [50.0, 100.0])

    def test_the_detail_page_shows_the_domain_summaries(self) -> None:
        self.grant(self.owner, m.SelfAssessment, "view")
        self.grant(self.owner, m.AssessmentScore, "view")
        self.client.force_login(self.owner)
        response = self.client.get(f"/governance/governance-self-assessments/{self.y2024.pk}/")
        assert response.status_code == 200
        assert response.context["overall"].percent == 62.5
        assert b"50.0 %" in response.content

    def test_the_compare_page_needs_view_permission_and_shows_the_table(self) -> None:
        self.client.force_login(self.owner)
        url = "/governance/assessments/compare/"
        assert self.client.get(url, {"country": "MDA"}).status_code == 403
        self.grant(self.owner, m.SelfAssessment, "view")
        self.grant(self.owner, m.AssessmentScore, "view")
        response = self.client.get(url, {"country": "MDA"})
        assert response.status_code == 200
        assert response.context["mode"] == "years"
        assert len(response.context["comparison"].columns) == 2
        response = self.client.get(url, {"year": "2024"})
        assert response.context["mode"] == "countries"
        assert b"Ukraine" in response.content

    def test_the_compare_page_is_offered_on_the_list(self) -> None:
        self.grant(self.owner, m.SelfAssessment, "view")
        self.client.force_login(self.owner)
        response = self.client.get("/governance/governance-self-assessments/")
        assert b"/governance/assessments/compare/" in response.content


@pytest.mark.django_db
def test_the_shipped_indicators_load_once_and_cover_every_domain() -> None:
    first = load_assessment_indicators()
    assert first.created >= 12
    domains = set(m.AssessmentIndicator.objects.values_list("domain", flat=True))
    assert len(domains) == 6
    again = load_assessment_indicators()
    assert (again.created, again.updated, again.unchanged) == (0, 0, first.created)


@pytest.mark.django_db
def test_a_wrong_indicator_file_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "indicators.yaml"
    path.write_text("indicators:\n  - code: good\n    domain: partnerships\n"
                    "    question: Fine?\n  - code: bad\n    domain: nowhere\n"
                    "    question: Wrong?\n")
    with pytest.raises(ReferenceDataError, match="unknown domain 'nowhere'"):
        load_assessment_indicators(path)
    assert not m.AssessmentIndicator.objects.exists()
