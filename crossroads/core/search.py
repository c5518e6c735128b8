"""Global search across every model that declares ``search_fields``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from crossroads.core.audit import audit_access
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import VIEW, can

MIN_QUERY_LENGTH = 2


@dataclass
class SearchHit:
    """Matches of one model."""

    model: type[models.Model]
    objects: list[models.Model]
    more: bool

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)


def searchable_models() -> list[type[models.Model]]:
    """Models that declare the fields a search looks in."""
    return [m for m in apps.get_models() if getattr(m, "search_fields", None)]


def search(user: Any, query: str, per_model: int = 10) -> list[SearchHit]:
    """Records matching ``query`` that ``user`` may see, grouped by model."""
    query = query.strip()
    if len(query) < MIN_QUERY_LENGTH:
        return []
    hits = []
    for model in searchable_models():
        if not can(user, model, VIEW):
            continue
        condition = reduce(or_, (Q(**{f"{f}__icontains": query}) for f in model.search_fields))  # type: ignore[attr-defined]
        found = list(model._default_manager.restrict(user, VIEW).filter(condition)[: per_model + 1])  # type: ignore[attr-defined]
        if found:
            audit_access(model, found[:per_model], AuditEvent.Action.SEARCH)
            hits.append(SearchHit(model, found[:per_model], len(found) > per_model))
    return hits
