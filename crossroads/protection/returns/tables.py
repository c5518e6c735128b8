"""The table of return applications."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import A

from crossroads.core.tables import CrossroadsTable
from crossroads.protection import models as m


class ReturnApplicationTable(CrossroadsTable):
    application = tables.Column(accessor="pk", verbose_name=_("Application"),
                                linkify=("protection:returnapplication", [A("pk")]))
    case = tables.Column(linkify=True)
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = m.ReturnApplication
        fields = ("application", "case", "country_of_return", "destination", "applied_on",
                  "status", "decided_on")
