"""FilterSets of protection records (used by the API and the list views)."""

from __future__ import annotations

from crossroads.core.filtersets import CrossroadsFilterSet, filter_fields
from crossroads.protection import models as m


class CaseFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Case
        fields = filter_fields(m.Case)


class ApprovalFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Approval
        fields = filter_fields(m.Approval)


class TaskFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Task
        fields = filter_fields(m.Task)


class CaseNoteFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.CaseNote
        fields = filter_fields(m.CaseNote)


class ConsentFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.Consent
        fields = filter_fields(m.Consent)


class CaseDocumentFilterSet(CrossroadsFilterSet):
    class Meta:
        model = m.CaseDocument
        fields = filter_fields(m.CaseDocument, exclude=("file",))
