"""Forms of the governance register."""

from __future__ import annotations

from crossroads.core.forms import CrossroadsModelForm
from crossroads.governance import models as m


class PolicyForm(CrossroadsModelForm):
    class Meta:
        model = m.Policy
        fields = ["country", "title", "adopting_body", "period_start", "period_end", "status",
                  "thematic_areas", "document_url"]


class LawForm(CrossroadsModelForm):
    class Meta:
        model = m.Law
        fields = ["country", "title", "kind", "status", "subject", "introduced_on", "adopted_on",
                  "in_force_on"]


class LawReviewForm(CrossroadsModelForm):
    class Meta:
        model = m.LawReview
        fields = ["law", "reviewer", "comment", "recommendation", "reviewed_on"]


class InternationalInstrumentForm(CrossroadsModelForm):
    class Meta:
        model = m.InternationalInstrument
        fields = ["code", "title", "adopted_year", "organisation", "url"]


class InstrumentStatusForm(CrossroadsModelForm):
    class Meta:
        model = m.InstrumentStatus
        fields = ["instrument", "country", "status", "signed_on", "ratified_on", "notes"]


class InstitutionForm(CrossroadsModelForm):
    class Meta:
        model = m.Institution
        fields = ["country", "name", "kind", "mandate", "website"]


class CoordinationMechanismForm(CrossroadsModelForm):
    class Meta:
        model = m.CoordinationMechanism
        fields = ["country", "name", "mandate", "members", "established_on"]


class MeetingForm(CrossroadsModelForm):
    class Meta:
        model = m.Meeting
        fields = ["mechanism", "held_on", "decisions"]


class AssessmentIndicatorForm(CrossroadsModelForm):
    class Meta:
        model = m.AssessmentIndicator
        fields = ["domain", "code", "question", "position"]


class SelfAssessmentForm(CrossroadsModelForm):
    class Meta:
        model = m.SelfAssessment
        fields = ["country", "year", "status", "notes"]


class AssessmentScoreForm(CrossroadsModelForm):
    class Meta:
        model = m.AssessmentScore
        fields = ["assessment", "indicator", "score", "evidence", "source"]
