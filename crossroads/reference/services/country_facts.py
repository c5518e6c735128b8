"""What the system knows about a country, as the user may see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from crossroads.core.permissions import VIEW, can
from crossroads.reference.models import Country, Membership, Office, Region


@dataclass
class RecordCount:
    """How many records of one kind refer to the country."""

    model: type[models.Model]
    field: str
    count: int
    country_pk: int

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def list_url(self) -> str:
        from django.urls import NoReverseMatch, reverse

        meta = self.model._meta
        try:
            url = reverse(f"{meta.app_label}:{meta.model_name}_list")
        except NoReverseMatch:
            return ""
        return f"{url}?{self.field}={self.country_pk}"


def country_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field) in the system that points at a country."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Country:
                found.append((model, field.name))
    return found


def record_counts(user: Any, country: Country) -> list[RecordCount]:
    """Counts of the records about the country that the user may see, by kind."""
    counts = []
    for model, field in country_fields():
        if not can(user, model, VIEW):
            continue
        manager: Any = model._default_manager
        count = manager.restrict(user, VIEW).filter(**{field: country}).count()
        if count:
            counts.append(RecordCount(model, field, count, country.pk))
    return counts


def country_facts(user: Any, country: Country) -> dict[str, Any]:
    """Context for the country page: offices, regions, memberships, related records."""
    return {
        "offices": Office.objects.restrict(user, VIEW).filter(country=country),
        "regions": Region.objects.restrict(user, VIEW).filter(countries=country)
        .select_related("parent"),
        "memberships": Membership.objects.restrict(user, VIEW).filter(country=country)
        .select_related("body"),
        "record_counts": record_counts(user, country),
    }
