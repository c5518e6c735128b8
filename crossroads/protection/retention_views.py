"""Pages of the retention rules: ``/protection/retention-rules/`` (kept by data managers)."""

from __future__ import annotations

import django_tables2 as tables

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.core.forms import CrossroadsModelForm
from crossroads.core.tables import CrossroadsTable
from crossroads.core.views.generic import ObjectViews
from crossroads.protection.models import RetentionRule


class RetentionRuleFilterSet(CrossroadsFilterSet):
    class Meta:
        model = RetentionRule
        fields = filter_fields(RetentionRule)


class RetentionRuleTable(CrossroadsTable):
    case_type = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = RetentionRule
        fields = ("case_type", "archive_after_years", "anonymise_after_years")


class RetentionRuleForm(CrossroadsModelForm):
    class Meta:
        model = RetentionRule
        fields = ["case_type", "archive_after_years", "anonymise_after_years"]


class RetentionRuleViews(ObjectViews):
    """List, add, edit and delete retention rules (``crossroads.protection.retention``)."""

    model = RetentionRule
    filterset = RetentionRuleFilterSet
    table = RetentionRuleTable
    form = RetentionRuleForm
