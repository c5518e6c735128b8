"""Tables of the governance register."""

from __future__ import annotations

import django_tables2 as tables

from crossroads.core.tables import CrossroadsTable
from crossroads.governance import models as m


class PolicyTable(CrossroadsTable):
    title = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Policy
        fields = ("title", "country", "adopting_body", "period_start", "period_end", "status")


class LawTable(CrossroadsTable):
    title = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Law
        fields = ("title", "country", "kind", "status", "introduced_on", "adopted_on",
                  "in_force_on")


class LawReviewTable(CrossroadsTable):
    law = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.LawReview
        fields = ("law", "reviewer", "recommendation", "reviewed_on")


class InternationalInstrumentTable(CrossroadsTable):
    title = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.InternationalInstrument
        fields = ("title", "code", "adopted_year", "organisation")


class InstrumentStatusTable(CrossroadsTable):
    instrument = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.InstrumentStatus
        fields = ("instrument", "country", "status", "signed_on", "ratified_on")


class InstitutionTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Institution
        fields = ("name", "country", "kind", "website")


class CoordinationMechanismTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.CoordinationMechanism
        fields = ("name", "country", "established_on")


class MeetingTable(CrossroadsTable):
    mechanism = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Meeting
        fields = ("mechanism", "held_on")


class AssessmentIndicatorTable(CrossroadsTable):
    code = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.AssessmentIndicator
        fields = ("code", "domain", "position", "question")


class SelfAssessmentTable(CrossroadsTable):
    year = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.SelfAssessment
        fields = ("year", "country", "status")


class AssessmentScoreTable(CrossroadsTable):
    indicator = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.AssessmentScore
        fields = ("indicator", "assessment", "score")
