"""FilterSets of the people register (used by the API and the list views).

Relations to persons are filtered by id: a choice list of every person would render
(and read the names of) the whole register on each list page.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from crossroads.core.filtersets import MAX_ID, CrossroadsFilterSet, filter_fields
from crossroads.people import models as m


def person_filter(field: str, label: Any) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(field_name=f"{field}_id", label=label, min_value=0,
                                       max_value=MAX_ID)


class PersonFilterSet(CrossroadsFilterSet):
    merged_into = person_filter("merged_into", _("Merged into (person ID)"))

    class Meta:
        model = m.Person
        fields = filter_fields(m.Person, exclude=("warnings", "merged_into"))


class PersonNameFilterSet(CrossroadsFilterSet):
    person = person_filter("person", _("Person ID"))

    class Meta:
        model = m.PersonName
        fields = filter_fields(m.PersonName, exclude=("person",))


class NationalityFilterSet(CrossroadsFilterSet):
    person = person_filter("person", _("Person ID"))

    class Meta:
        model = m.Nationality
        fields = filter_fields(m.Nationality, exclude=("person",))


class IdentityDocumentFilterSet(CrossroadsFilterSet):
    person = person_filter("person", _("Person ID"))

    class Meta:
        model = m.IdentityDocument
        fields = filter_fields(m.IdentityDocument, exclude=("number_key", "person"))


class PersonLinkFilterSet(CrossroadsFilterSet):
    person = person_filter("person", _("Person ID"))

    class Meta:
        model = m.PersonLink
        fields = filter_fields(m.PersonLink, exclude=("person",))


class MatchPairFilterSet(CrossroadsFilterSet):
    left = person_filter("left", _("First person ID"))
    right = person_filter("right", _("Second person ID"))

    class Meta:
        model = m.MatchPair
        fields = filter_fields(m.MatchPair, exclude=("explanation", "left", "right"))


class MergeFilterSet(CrossroadsFilterSet):
    survivor = person_filter("survivor", _("Survivor ID"))
    merged = person_filter("merged", _("Merged person ID"))

    class Meta:
        model = m.Merge
        fields = filter_fields(m.Merge, exclude=("moved", "survivor", "merged"))
