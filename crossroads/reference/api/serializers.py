"""Serializers of reference data."""

from __future__ import annotations

from crossroads.core.api.serializers import CrossroadsModelSerializer
from crossroads.reference import forms
from crossroads.reference import models as m

STAMPS = ["created", "last_updated"]


class CountrySerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Country
        fields = ["id", "display", *forms.CountryForm.Meta.fields, *STAMPS]


class RegionSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Region
        fields = ["id", "display", *forms.RegionForm.Meta.fields, *STAMPS]


class AdminAreaSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.AdminArea
        fields = ["id", "display", *forms.AdminAreaForm.Meta.fields, *STAMPS]


class OfficeSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Office
        fields = ["id", "display", *forms.OfficeForm.Meta.fields, *STAMPS]


class PartnerSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Partner
        fields = ["id", "display", *forms.PartnerForm.Meta.fields, *STAMPS]


class RegionalBodySerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.RegionalBody
        fields = ["id", "display", *forms.RegionalBodyForm.Meta.fields, *STAMPS]


class MembershipSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Membership
        fields = ["id", "display", *forms.MembershipForm.Meta.fields, *STAMPS]


class StrategicFrameworkSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.StrategicFramework
        fields = ["id", "display", *forms.StrategicFrameworkForm.Meta.fields, *STAMPS]


class StrategicObjectiveSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.StrategicObjective
        fields = ["id", "display", *forms.StrategicObjectiveForm.Meta.fields, *STAMPS]


class ThematicAreaSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.ThematicArea
        fields = ["id", "display", *forms.ThematicAreaForm.Meta.fields, *STAMPS]


class ThematicObjectiveSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.ThematicObjective
        fields = ["id", "display", *forms.ThematicObjectiveForm.Meta.fields, *STAMPS]


class OperationalPrincipleSerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.OperationalPrinciple
        fields = ["id", "display", *forms.OperationalPrincipleForm.Meta.fields, *STAMPS]


class ActivitySerializer(CrossroadsModelSerializer):
    class Meta:
        model = m.Activity
        fields = ["id", "display", *forms.ActivityForm.Meta.fields, *STAMPS]
