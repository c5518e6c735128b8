"""The base table of every list view (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import AuditEvent, Job, ObjectChange


class CrossroadsTable(tables.Table):
    """Sortable, paginated table; the first column links to the record."""

    actions = tables.TemplateColumn(
        template_name="core/inc/row_actions.html", verbose_name="", orderable=False,
        exclude_from_export=True, attrs={"td": {"class": "row-actions"}},
    )

    class Meta:
        attrs = {"class": "table"}
        empty_text = _("Nothing found.")

    def export_rows(self) -> list[list[Any]]:
        """Header and rows of the whole (unpaginated) table, for CSV and HTML exports."""
        return [list(row) for row in self.as_values()]


class ObjectChangeTable(CrossroadsTable):
    time = tables.DateTimeColumn(linkify=lambda record: record.get_absolute_url() or None)
    object_repr = tables.Column(verbose_name=_("Object"))
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = ObjectChange
        fields = ("time", "user_name", "action", "object_type", "object_repr", "changed_fields",
                  "channel", "address")


class AuditEventTable(CrossroadsTable):
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = AuditEvent
        fields = ("time", "user_name", "action", "object_type", "object_id", "object_repr",
                  "channel", "address", "path")


class JobTable(CrossroadsTable):
    name = tables.Column(linkify=True)
    percent = tables.Column(verbose_name=_("Progress"), orderable=False)
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = Job
        fields = ("name", "status", "percent", "message", "user", "created", "finished")
