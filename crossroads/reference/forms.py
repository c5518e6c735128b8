"""Forms of reference data."""

from __future__ import annotations

from crossroads.core.forms import CrossroadsModelForm
from crossroads.reference import models as m


class CountryForm(CrossroadsModelForm):
    class Meta:
        model = m.Country
        fields = ["iso3", "iso2", "numeric", "name", "name_ru", "official_name", "note"]


class RegionForm(CrossroadsModelForm):
    class Meta:
        model = m.Region
        fields = ["code", "name", "name_ru", "kind", "parent", "countries", "description"]


class AdminAreaForm(CrossroadsModelForm):
    class Meta:
        model = m.AdminArea
        fields = ["country", "level", "pcode", "name", "name_local", "name_ru", "parent"]


class OfficeForm(CrossroadsModelForm):
    class Meta:
        model = m.Office
        fields = ["code", "kind", "country", "name", "street", "city", "postcode", "telephone",
                  "fax", "email"]


class PartnerForm(CrossroadsModelForm):
    class Meta:
        model = m.Partner
        fields = ["name", "acronym", "kind", "country", "website", "notes"]


class RegionalBodyForm(CrossroadsModelForm):
    class Meta:
        model = m.RegionalBody
        fields = ["code", "name", "kind", "launched", "website", "description"]


class MembershipForm(CrossroadsModelForm):
    class Meta:
        model = m.Membership
        fields = ["body", "country", "status", "since"]


class StrategicFrameworkForm(CrossroadsModelForm):
    class Meta:
        model = m.StrategicFramework
        fields = ["code", "name", "region", "period_start", "period_end", "goal"]


class StrategicObjectiveForm(CrossroadsModelForm):
    class Meta:
        model = m.StrategicObjective
        fields = ["framework", "code", "title"]


class ThematicAreaForm(CrossroadsModelForm):
    class Meta:
        model = m.ThematicArea
        fields = ["framework", "code", "title"]


class ThematicObjectiveForm(CrossroadsModelForm):
    class Meta:
        model = m.ThematicObjective
        fields = ["framework", "code", "area", "title"]


class OperationalPrincipleForm(CrossroadsModelForm):
    class Meta:
        model = m.OperationalPrinciple
        fields = ["framework", "code", "title"]


class ActivityForm(CrossroadsModelForm):
    class Meta:
        model = m.Activity
        fields = ["objective", "position", "description"]
