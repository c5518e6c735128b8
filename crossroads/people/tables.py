"""Tables of the people register."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from crossroads.core.tables import CrossroadsTable
from crossroads.people import models as m


class PersonTable(CrossroadsTable):
    uid = tables.Column(verbose_name=_("Person"), linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Person
        fields = ("uid", "sex", "birth_year", "status", "organisation", "created")

    def render_uid(self, record: m.Person) -> str:
        return f"{record} · {str(record.uid)[:8]}"


class PersonNameTable(CrossroadsTable):
    value = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.PersonName
        fields = ("value", "part", "script", "language", "scheme", "person")


class NationalityTable(CrossroadsTable):
    country = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Nationality
        fields = ("person", "country")


class IdentityDocumentTable(CrossroadsTable):
    number = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.IdentityDocument
        fields = ("number", "kind", "issuing_state", "issued_on", "expires_on", "person")


class PersonLinkTable(CrossroadsTable):
    object_id = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.PersonLink
        fields = ("object_id", "content_type", "organisation", "role", "person")


class MatchPairTable(CrossroadsTable):
    probability = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.MatchPair
        fields = ("probability", "left", "right", "status", "run", "decided_by", "decided_at")


class MergeTable(CrossroadsTable):
    created = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.Merge
        fields = ("created", "survivor", "merged", "reason", "undone_at")
