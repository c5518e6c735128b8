"""The table of crossings."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from crossroads.borders.models import Crossing
from crossroads.core.tables import CrossroadsTable


class CrossingTable(CrossroadsTable):
    crossed_at = tables.DateTimeColumn(linkify=True, format="Y-m-d H:i")
    person = tables.Column(verbose_name=_("Traveller"), linkify=False)
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = Crossing
        fields = ("crossed_at", "movement", "point", "person", "nationality", "document_number",
                  "document_state", "screening", "refusal_reason", "source")
