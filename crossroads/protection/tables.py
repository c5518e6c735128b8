"""Tables of cases and tasks."""

from __future__ import annotations

import django_tables2 as tables

from crossroads.core.tables import CrossroadsTable
from crossroads.protection import models as m


class CaseTable(CrossroadsTable):
    reference = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Case
        fields = ("reference", "case_type", "status", "priority", "organisation",
                  "case_worker", "opened_on")


class TaskTable(CrossroadsTable):
    title = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Task
        fields = ("title", "case", "due_on", "assignee", "done")
