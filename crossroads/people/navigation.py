"""The people register in the navigation (thematic area 5, identity management)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossroads.core.navigation import MenuItem, register_items
from crossroads.people import models as m

register_items(
    "borders",
    MenuItem(pgettext_lazy("people register", "Persons"), "people:person_list", m.Person),
    MenuItem(_("Find a person"), "people:search", m.Person),
    MenuItem(_("Possible duplicates"), "people:matchpair_list", m.MatchPair),
    MenuItem(_("Merges"), "people:merge_list", m.Merge),
)
