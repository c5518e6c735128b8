"""Navigation: one section per thematic area, plus reference data and administration.

Apps add their pages with :func:`register_items`. A thematic area whose apps are
not built yet says so, naming what is planned, rather than showing fake content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crossroads.core.permissions import VIEW, can


@dataclass(frozen=True)
class MenuItem:
    """A link to a page, shown to users who may do ``action`` on ``model`` (all, without one)."""

    label: str | Promise
    url_name: str
    model: type[models.Model] | None = None
    url_args: tuple[Any, ...] = ()
    action: str = VIEW

    @property
    def url(self) -> str:
        return reverse(self.url_name, args=self.url_args)

    def visible_to(self, user: Any) -> bool:
        return self.model is None or can(user, self.model, self.action)


@dataclass
class MenuSection:
    """A section of the navigation; thematic sections carry their area code."""

    key: str
    label: str | Promise
    area: str = ""
    planned: tuple[str | Promise, ...] = ()
    items: list[MenuItem] = field(default_factory=list)

    def visible_items(self, user: Any) -> list[MenuItem]:
        return [item for item in self.items if item.visible_to(user)]

    @property
    def is_built(self) -> bool:
        return bool(self.items)


SECTIONS: list[MenuSection] = [
    MenuSection("policy", _("Migration policy and legislation"), "TA1"),
    MenuSection("protection", _("Migrant assistance and protection"), "TA2"),
    MenuSection("labour", _("Labour migration and development"), "TA3", planned=(
        _("Ethical recruitment"), _("Remittances"), _("Diaspora mapping"),
    )),
    MenuSection("health", _("Migration health"), "TA4", planned=(
        _("Health assessments before departure, after arrival and on return"),
    )),
    MenuSection("borders", _("Immigration and border management"), "TA5"),
    MenuSection("emergencies", _("Emergency preparedness and response"), "TA6", planned=(
        _("Displacement tracking"), _("Crisis analysis"),
    )),
    MenuSection("reference", _("Reference data")),
    MenuSection("admin", _("Administration")),
]


def section(key: str) -> MenuSection:
    """The section called ``key``."""
    for candidate in SECTIONS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def register_items(key: str, *items: MenuItem) -> None:
    """Add pages to a section (once; re-registering the same URL is ignored)."""
    target = section(key)
    known = {item.url_name for item in target.items}
    target.items.extend(item for item in items if item.url_name not in known)
