"""Forms of the evidence base."""

from __future__ import annotations

from crossroads.core.forms import CrossroadsModelForm
from crossroads.evidence import models as m


class DataSourceForm(CrossroadsModelForm):
    class Meta:
        model = m.DataSource
        fields = ["code", "name", "producer", "producer_name", "kind", "coverage", "periodicity",
                  "access_conditions", "quality_notes", "contact", "website", "kosovo_convention"]


class IndicatorForm(CrossroadsModelForm):
    class Meta:
        model = m.Indicator
        fields = ["code", "name", "name_ru", "definition", "unit", "disaggregations", "formula",
                  "numerator", "numerator_filter", "denominator", "denominator_filter", "factor",
                  "suppression_threshold"]


class AreaForm(CrossroadsModelForm):
    class Meta:
        model = m.Area
        fields = ["code", "name", "name_ru", "kind", "country", "region", "m49"]


class AreaAliasForm(CrossroadsModelForm):
    class Meta:
        model = m.AreaAlias
        fields = ["label", "area", "note"]
