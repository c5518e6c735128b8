"""Tables of migration profiles."""

from __future__ import annotations

import django_tables2 as tables

from crossroads.core.tables import CrossroadsTable
from crossroads.profiles import models as m


class ProfileTable(CrossroadsTable):
    title = tables.Column(accessor="display_title", linkify=True, orderable=False)

    class Meta(CrossroadsTable.Meta):
        model = m.Profile
        fields = ("title", "area", "year", "language", "version", "status", "organisation",
                  "published_at")


class ProfileReviewTable(CrossroadsTable):
    profile = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.ProfileReview
        fields = ("profile", "reviewer", "kind", "created")
