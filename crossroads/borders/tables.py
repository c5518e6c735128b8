"""Tables of border management."""

from __future__ import annotations

import django_tables2 as tables

from crossroads.borders import models as m
from crossroads.core.tables import CrossroadsTable


class BorderCrossingPointTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.BorderCrossingPoint
        fields = ("name", "code", "country", "kind", "neighbour", "lanes", "status")
