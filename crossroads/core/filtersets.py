"""The base FilterSet: one per model, serving both the API and the list views."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

import django_filters
from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from crossroads.core.models import AuditEvent, Job, ObjectChange
from crossroads.core.permissions import VIEW

TEXT_LOOKUPS = ["exact", "icontains"]
RANGE_LOOKUPS = ["exact", "gte", "lte"]
STAMP_USERS = ("created_by", "updated_by")
#: Field types that are not filtered (a test lists the fields left out and why).
UNFILTERABLE = (models.JSONField, models.FileField, models.BinaryField)
RELATED_FILTERS = (django_filters.ModelChoiceFilter, django_filters.ModelMultipleChoiceFilter)


def lookups_for(field: models.Field[Any, Any]) -> list[str]:
    """The lookups a filter offers for one model field."""
    if isinstance(field, models.BooleanField) or field.choices:
        return ["exact"]
    if isinstance(field, models.CharField | models.TextField | models.EmailField):
        return TEXT_LOOKUPS
    if isinstance(field, models.DateField | models.DateTimeField | models.IntegerField
                  | models.DecimalField | models.FloatField):
        return RANGE_LOOKUPS
    return ["exact"]


def filter_fields(
    model: type[models.Model], exclude: tuple[str, ...] = ()
) -> dict[str, list[str]]:
    """FilterSet ``Meta.fields`` for every filterable field of a model.

    Many-to-many fields and foreign keys filter by primary key; text by exact value
    or substring; numbers and dates by value or range.
    """
    fields: dict[str, list[str]] = {}
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in exclude:
            continue
        if isinstance(field, UNFILTERABLE) or field.name in STAMP_USERS \
                or getattr(field, "primary_key", False):
            continue
        fields[field.name] = lookups_for(field)  # type: ignore[arg-type]
    return fields


#: The largest primary key a database stores; larger numbers in a filter are a form error.
MAX_ID = 2**63 - 1


def is_oversized(text: str) -> bool:
    """Whether ``text`` is a number beyond the range of a 64-bit database integer."""
    try:
        return abs(float(text.strip())) > MAX_ID
    except ValueError:
        return False


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """Comma-separated whole numbers, each validated (``?id=abc`` is a form error, not a 500)."""

    field_class = forms.IntegerField


class UUIDInFilter(django_filters.BaseInFilter, django_filters.UUIDFilter):
    """Comma-separated UUIDs, each validated."""


class CrossroadsFilterSet(django_filters.FilterSet):
    """Base FilterSet: a free-text ``q``, ``id`` filters, stamp filters, restricted choices."""

    data: Any

    q = django_filters.CharFilter(method="search", label=_("Search"))
    id = NumberInFilter(field_name="id", label=_("ID"), min_value=0, max_value=MAX_ID)
    created_by = django_filters.NumberFilter(field_name="created_by_id", label=_("Created by"),
                                             min_value=0, max_value=MAX_ID)
    updated_by = django_filters.NumberFilter(field_name="updated_by_id", label=_("Updated by"),
                                             min_value=0, max_value=MAX_ID)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for filter_ in self.filters.values():
            # Related choices are limited to what the user may see, like any other read.
            if isinstance(filter_, RELATED_FILTERS):
                related = filter_.queryset.model if filter_.queryset is not None else None
                if related is not None and hasattr(related.objects, "restrict"):
                    filter_.queryset = related.objects.restrict(user, VIEW)
        if not hasattr(self.queryset.model, "created_by"):
            self.filters.pop("created_by", None)
            self.filters.pop("updated_by", None)
        self.set_aside_oversized_numbers()

    def set_aside_oversized_numbers(self) -> None:
        """Take numbers larger than any id out of the data before the form checks them.

        Checking a related choice queries the database, and SQLite cannot even bind
        such a number; they are reported as form errors by ``is_valid`` instead.
        """
        self.oversized: list[str] = self.oversized_numbers()
        if self.oversized:
            kept = self.data.copy()
            for name in self.oversized:
                kept.pop(name, None)
            self.data = kept

    def is_valid(self) -> bool:
        """Valid, and no number beyond what a database column holds."""
        valid: bool = super().is_valid()
        for name in self.oversized:
            self.form.add_error(name, _("This number is too large."))
        return valid and not self.oversized

    def oversized_numbers(self) -> list[str]:
        """Names of numeric and related filters given a number larger than any id."""
        if not self.is_bound:
            return []
        names = []
        for name, filter_ in self.filters.items():
            if not isinstance(filter_, (*RELATED_FILTERS, django_filters.NumberFilter)):
                continue
            data = self.data
            values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
            if any(is_oversized(part) for value in values for part in str(value or "").split(",")):
                names.append(name)
        return names

    def search(self, queryset: models.QuerySet[Any], name: str, value: str) -> models.QuerySet[Any]:
        """Match ``value`` against the model's ``search_fields``."""
        value = value.strip()
        search_fields = getattr(queryset.model, "search_fields", ())
        if not value or not search_fields:
            return queryset
        return queryset.filter(
            reduce(or_, (Q(**{f"{name}__icontains": value}) for name in search_fields))
        )


class LogFilterSet(CrossroadsFilterSet):
    """Filters shared by the logs: a time window."""

    time__gte = django_filters.IsoDateTimeFilter(field_name="time", lookup_expr="gte")
    time__lte = django_filters.IsoDateTimeFilter(field_name="time", lookup_expr="lte")


class ObjectChangeFilterSet(LogFilterSet):
    """Filters of the change log."""

    class Meta:
        model = ObjectChange
        fields = {
            "time": ["exact"], "user": ["exact"], "user_name": TEXT_LOOKUPS,
            "channel": ["exact"], "address": ["exact"], "request_id": ["exact"],
            "action": ["exact"], "object_type": ["exact"], "object_id": ["exact"],
            "object_repr": TEXT_LOOKUPS,
        }


class AuditEventFilterSet(LogFilterSet):
    """Filters of the audit log."""

    class Meta:
        model = AuditEvent
        fields = {
            "time": ["exact"], "user": ["exact"], "user_name": TEXT_LOOKUPS,
            "action": ["exact"], "object_type": ["exact"], "object_id": ["exact"],
            "object_repr": TEXT_LOOKUPS, "channel": ["exact"], "address": ["exact"],
            "path": TEXT_LOOKUPS,
        }


class JobFilterSet(CrossroadsFilterSet):
    """Filters of the job list."""

    id = UUIDInFilter(field_name="id", label=_("ID"))

    class Meta:
        model = Job
        fields = {
            "name": TEXT_LOOKUPS, "user": ["exact"], "status": ["exact"],
            "progress_done": RANGE_LOOKUPS, "progress_total": RANGE_LOOKUPS,
            "message": TEXT_LOOKUPS, "error": TEXT_LOOKUPS, "created": RANGE_LOOKUPS,
            "started": RANGE_LOOKUPS, "finished": RANGE_LOOKUPS,
        }
