"""API endpoints of the governance register."""

from __future__ import annotations

from crossroads.core.api.viewsets import CrossroadsModelViewSet
from crossroads.governance import filtersets
from crossroads.governance import models as m
from crossroads.governance.api import serializers


class PolicyViewSet(CrossroadsModelViewSet):
    queryset = m.Policy.objects.all().prefetch_related("thematic_areas")
    serializer_class = serializers.PolicySerializer
    filterset_class = filtersets.PolicyFilterSet


class LawViewSet(CrossroadsModelViewSet):
    queryset = m.Law.objects.all()
    serializer_class = serializers.LawSerializer
    filterset_class = filtersets.LawFilterSet


class LawReviewViewSet(CrossroadsModelViewSet):
    queryset = m.LawReview.objects.all()
    serializer_class = serializers.LawReviewSerializer
    filterset_class = filtersets.LawReviewFilterSet


class InternationalInstrumentViewSet(CrossroadsModelViewSet):
    queryset = m.InternationalInstrument.objects.all()
    serializer_class = serializers.InternationalInstrumentSerializer
    filterset_class = filtersets.InternationalInstrumentFilterSet


class InstrumentStatusViewSet(CrossroadsModelViewSet):
    queryset = m.InstrumentStatus.objects.all()
    serializer_class = serializers.InstrumentStatusSerializer
    filterset_class = filtersets.InstrumentStatusFilterSet


class InstitutionViewSet(CrossroadsModelViewSet):
    queryset = m.Institution.objects.all()
    serializer_class = serializers.InstitutionSerializer
    filterset_class = filtersets.InstitutionFilterSet


class CoordinationMechanismViewSet(CrossroadsModelViewSet):
    queryset = m.CoordinationMechanism.objects.all().prefetch_related("members")
    serializer_class = serializers.CoordinationMechanismSerializer
    filterset_class = filtersets.CoordinationMechanismFilterSet


class MeetingViewSet(CrossroadsModelViewSet):
    queryset = m.Meeting.objects.all()
    serializer_class = serializers.MeetingSerializer
    filterset_class = filtersets.MeetingFilterSet


class AssessmentIndicatorViewSet(CrossroadsModelViewSet):
    queryset = m.AssessmentIndicator.objects.all()
    serializer_class = serializers.AssessmentIndicatorSerializer
    filterset_class = filtersets.AssessmentIndicatorFilterSet


class SelfAssessmentViewSet(CrossroadsModelViewSet):
    queryset = m.SelfAssessment.objects.all()
    serializer_class = serializers.SelfAssessmentSerializer
    filterset_class = filtersets.SelfAssessmentFilterSet


class AssessmentScoreViewSet(CrossroadsModelViewSet):
    queryset = m.AssessmentScore.objects.select_related("assessment__country", "indicator")
    serializer_class = serializers.AssessmentScoreSerializer
    filterset_class = filtersets.AssessmentScoreFilterSet
