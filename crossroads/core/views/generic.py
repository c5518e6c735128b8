"""Generic list, detail, edit and delete views, all authorized through ``restrict()``.

A domain app declares one :class:`ObjectViews` per model and gets its pages::

    class CountryViews(ObjectViews):
        model = Country
        filterset = CountryFilterSet
        table = CountryTable
        form = CountryForm

    urlpatterns = [*CountryViews.urls()]
"""

from __future__ import annotations

import csv
import json
from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from crossroads.core.audit import audit_access, audit_denied
from crossroads.core.filtersets import CrossroadsFilterSet
from crossroads.core.forms import CrossroadsModelForm
from crossroads.core.models import AuditEvent, ObjectChange
from crossroads.core.permissions import ADD, CHANGE, DELETE, VIEW, can, is_sensitive
from crossroads.core.querysets import RestrictedQuerySet
from crossroads.core.tables import CrossroadsTable


def restricted_or_404(queryset: RestrictedQuerySet[Any], user: Any, pk: Any,
                      action: str = VIEW) -> Any:
    """The record ``pk`` of ``queryset`` if ``restrict()`` lets ``user`` do ``action`` on it;
    otherwise the refusal is audited and the answer is 404, whether the record does not
    exist or is out of reach (so nothing leaks)."""
    found = queryset.restrict(user, action).filter(pk=pk).first()
    if found is None:
        audit_denied(queryset.model, pk)
        raise Http404(_("No such record, or you may not see it."))
    return found


def related_fields(model: type[models.Model]) -> list[str]:
    """Forward single-valued relations to join in list queries (stamps left out)."""
    return [
        f.name for f in model._meta.concrete_fields
        if f.is_relation and f.name not in ("created_by", "updated_by")
    ]


class ObjectViews:
    """The declaration of one model's pages."""

    model: ClassVar[type[models.Model]]
    filterset: ClassVar[type[CrossroadsFilterSet]]
    table: ClassVar[type[CrossroadsTable]]
    form: ClassVar[type[CrossroadsModelForm] | None] = None
    lookup_field: ClassVar[str] = "pk"
    #: Records without a generic form (made by a custom page) may still be deletable.
    deletable: ClassVar[bool] = False
    #: More buttons on the list page: (label, URL name, action the user needs).
    list_actions: ClassVar[tuple[tuple[Any, str, str], ...]] = ()
    detail_template: ClassVar[str] = "core/object_detail.html"
    list_template: ClassVar[str] = "core/object_list.html"
    #: Related lists shown on the detail page: (title, related_name or callable).
    detail_fields: ClassVar[tuple[str, ...] | None] = None

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        """More context for the detail page (override for related panels)."""
        return {}

    @classmethod
    def name(cls, suffix: str = "") -> str:
        base = cls.model._meta.model_name or ""
        return f"{base}_{suffix}" if suffix else base

    @classmethod
    def urls(cls) -> list[URLPattern]:
        """URL patterns for the list, add, detail, edit, delete and change-log pages."""
        with translation.override("en"):  # URLs are the same in every language
            plural = slugify(str(cls.model._meta.verbose_name_plural))
        lookup = "<int:lookup>" if cls.lookup_field == "pk" else "<str:lookup>"
        patterns = [path(f"{plural}/", ObjectListView.as_view(views=cls), name=cls.name("list"))]
        if cls.form is not None:
            patterns.append(
                path(f"{plural}/add/", ObjectEditView.as_view(views=cls), name=cls.name("add"))
            )
        patterns += [
            path(f"{plural}/{lookup}/", ObjectDetailView.as_view(views=cls), name=cls.name()),
            path(f"{plural}/{lookup}/changelog/", ObjectChangelogView.as_view(views=cls),
                 name=cls.name("changelog")),
        ]
        if cls.form is not None:
            patterns.append(path(f"{plural}/{lookup}/edit/", ObjectEditView.as_view(views=cls),
                                 name=cls.name("edit")))
        if cls.can_be_deleted():
            patterns.append(path(f"{plural}/{lookup}/delete/", ObjectDeleteView.as_view(views=cls),
                                 name=cls.name("delete")))
        return patterns

    @classmethod
    def can_be_deleted(cls) -> bool:
        return cls.form is not None or cls.deletable

    @classmethod
    def add_url(cls) -> str:
        """The page that creates a record (generic or custom), or "" if there is none."""
        try:
            return cls.url("add")
        except NoReverseMatch:
            return ""

    @classmethod
    def queryset(cls, user: Any, action: str) -> models.QuerySet[Any]:
        """The model's objects that ``user`` may act on: the only way views read records."""
        manager: Any = cls.model._default_manager
        return manager.restrict(user, action).select_related(*related_fields(cls.model))

    @classmethod
    def url(cls, suffix: str, obj: models.Model | None = None) -> str:
        app = cls.model._meta.app_label
        args = [getattr(obj, cls.lookup_field)] if obj is not None else []
        return reverse(f"{app}:{cls.name(suffix)}", args=args)


class ObjectViewMixin(View):
    """Shared plumbing: the declaration, entry checks and object lookup."""

    views: type[ObjectViews] = ObjectViews
    action: str = VIEW

    def require(self, request: HttpRequest, action: str, lookup: Any = "") -> None:
        """Refuse with 403 a user who holds no permission at all for the action (audited)."""
        if not can(request.user, self.views.model, action):
            audit_denied(self.views.model, lookup)
            raise PermissionDenied(_("You do not have permission to do this."))

    def get_object(self, request: HttpRequest, lookup: Any, action: str) -> Any:
        """The object, if ``restrict()`` lets the user act on it; else 404 (and audit)."""
        self.require(request, action, lookup)
        queryset = self.views.queryset(request.user, action)
        try:
            obj = queryset.get(**{self.views.lookup_field: lookup})
        except (ObjectDoesNotExist, ValueError):
            audit_denied(self.views.model, lookup)
            raise Http404(_("No such record, or you may not see it.")) from None
        # Edit forms, delete confirmations and change logs show the record too.
        audit_access(self.views.model, [obj], AuditEvent.Action.VIEW)
        return obj

    def base_context(self) -> dict[str, Any]:
        model = self.views.model
        return {
            "views": self.views,
            "model": model,
            "verbose_name": model._meta.verbose_name,
            "verbose_name_plural": model._meta.verbose_name_plural,
            "list_url": self.views.url("list"),
            "add_url": self.views.add_url(),
            "can_add": can(self.request.user, model, ADD),
            "list_actions": [
                (label, reverse(url_name)) for label, url_name, action in self.views.list_actions
                if can(self.request.user, model, action)
            ],
            "sensitive": is_sensitive(model),
        }


class ObjectListView(ObjectViewMixin):
    """A filtered, sortable, paginated table, exportable as CSV or HTML."""

    def get(self, request: HttpRequest) -> HttpResponse:
        self.require(request, VIEW)
        queryset = self.views.queryset(request.user, VIEW)
        filterset = self.views.filterset(request.GET or None, queryset=queryset, request=request)
        objects = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
        if filterset.is_bound and not filterset.is_valid():
            objects = queryset.none()  # an invalid filter shows nothing rather than everything
        table = self.views.table(objects, request=request)
        export = request.GET.get("export")
        if export in ("csv", "html"):
            RequestConfig(request, paginate=False).configure(table)
            audit_access(self.views.model, objects, AuditEvent.Action.EXPORT)
            return self.export(table, export)
        RequestConfig(request, paginate={"per_page": self.per_page(request)}).configure(table)
        audit_access(self.views.model, table.page.object_list.data if table.page else [],
                     AuditEvent.Action.LIST)
        context = {**self.base_context(), "table": table, "filterset": filterset}
        template = "core/inc/table_block.html" if request.htmx else self.views.list_template  # type: ignore[attr-defined]
        return render(request, template, context)

    def per_page(self, request: HttpRequest) -> int:
        from django.conf import settings

        try:
            return max(1, min(500, int(request.GET.get("per_page", settings.PAGINATE_BY))))
        except ValueError:
            return int(settings.PAGINATE_BY)

    def export(self, table: CrossroadsTable, kind: str) -> HttpResponse:
        filename = slugify(str(self.views.model._meta.verbose_name_plural))
        rows = table.export_rows()
        if kind == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            response.write("\ufeff")  # so spreadsheet programs read UTF-8 (Cyrillic names)
            csv.writer(response).writerows(rows)
            return response
        html = render_to_string("core/export.html", {
            "title": self.views.model._meta.verbose_name_plural, "header": rows[0] if rows else [],
            "rows": rows[1:],
        }, request=self.request)
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.html"'
        return response


class ObjectDetailView(ObjectViewMixin):
    """One record, its fields and its recent changes."""

    def get(self, request: HttpRequest, lookup: Any) -> HttpResponse:
        obj = self.get_object(request, lookup, VIEW)
        context = {
            **self.base_context(),
            "object": obj,
            "fields": self.field_rows(obj),
            "can_change": self.views.form is not None
            and self.views.queryset(request.user, CHANGE).filter(pk=obj.pk).exists(),
            "can_delete": self.views.can_be_deleted()
            and self.views.queryset(request.user, DELETE).filter(pk=obj.pk).exists(),
            "edit_url": self.views.url("edit", obj) if self.views.form else "",
            "delete_url": self.views.url("delete", obj) if self.views.can_be_deleted() else "",
            "changelog_url": self.views.url("changelog", obj),
            **self.views.extra_context(request, obj),
        }
        return render(request, self.views.detail_template, context)

    def field_rows(self, obj: models.Model) -> list[tuple[str, Any, list[Any] | None]]:
        """(label, display value) for each field shown on the detail page.

        The record's own fields and its many-to-many relations come first, the
        created/updated stamps last.
        """
        names = self.views.detail_fields or default_detail_fields(obj)
        rows: list[tuple[str, Any, list[Any] | None]] = []
        for name in names:
            field = obj._meta.get_field(name)
            label = str(getattr(field, "verbose_name", name))
            if field.many_to_many:
                rows.append((label, None, list(getattr(obj, name).all())))
            else:
                rows.append((label, display_value(obj, name), None))
        return rows


def default_detail_fields(obj: models.Model) -> list[str]:
    """Fields of a record worth showing: own fields, relations, then stamps."""
    stamps = ("created", "last_updated", "created_by", "updated_by")
    own = [f.name for f in obj._meta.concrete_fields if not f.primary_key and f.name not in stamps]
    relations = [f.name for f in obj._meta.many_to_many]
    present = [name for name in stamps if hasattr(obj, name)]
    return [*own, *relations, *present]


def display_value(obj: models.Model, name: str) -> Any:
    """A field's value as people read it: choice labels, yes/no, JSON as text."""
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if callable(display) else getattr(obj, name)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


class ObjectChangelogView(ObjectViewMixin):
    """The change log of one record."""

    def get(self, request: HttpRequest, lookup: Any) -> HttpResponse:
        from django.contrib.contenttypes.models import ContentType

        obj = self.get_object(request, lookup, VIEW)
        changes = ObjectChange.objects.filter(
            object_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).select_related("user")[:200]
        context = {**self.base_context(), "object": obj, "changes": changes}
        return render(request, "core/object_changelog.html", context)


class ObjectEditView(ObjectViewMixin):
    """Create or edit a record; the result must still be within the user's permission."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.lookup = kwargs.get("lookup")
        self.action = CHANGE if self.lookup is not None else ADD
        return super().dispatch(request, *args, **kwargs)

    def instance(self, request: HttpRequest) -> Any:
        if self.lookup is None:
            self.require(request, ADD)
            return self.views.model()
        return self.get_object(request, self.lookup, CHANGE)

    def get(self, request: HttpRequest, lookup: Any = None) -> HttpResponse:
        obj = self.instance(request)
        form = self.make_form(request, obj, initial=request.GET.dict() if not obj.pk else None)
        return self.render_form(request, obj, form)

    def post(self, request: HttpRequest, lookup: Any = None) -> HttpResponse:
        obj = self.instance(request)
        form = self.make_form(request, obj, data=request.POST, files=request.FILES)
        if not form.is_valid():
            return self.render_form(request, obj, form, status=400)
        try:
            with transaction.atomic():
                saved = form.save()
                # The saved record must be one the user may create/change (e.g. in
                # their own organisation); otherwise nothing is written.
                if not self.views.queryset(request.user, self.action).filter(pk=saved.pk).exists():
                    raise PermissionDenied
        except PermissionDenied:
            form.add_error(None, _("You may not save a record with these values."))
            return self.render_form(request, obj, form, status=403)
        messages.success(request, _("Saved %(object)s.") % {"object": saved})
        return redirect(saved.get_absolute_url() or self.views.url("list"))

    def make_form(self, request: HttpRequest, obj: Any, **kwargs: Any) -> CrossroadsModelForm:
        assert self.views.form is not None
        return self.views.form(instance=obj, user=request.user, **kwargs)

    def render_form(
        self, request: HttpRequest, obj: Any, form: CrossroadsModelForm, status: int = 200
    ) -> HttpResponse:
        context = {**self.base_context(), "object": obj, "form": form}
        return render(request, "core/object_edit.html", context, status=status)


class ObjectDeleteView(ObjectViewMixin):
    """Confirm and delete a record (refused while other records depend on it)."""

    def get(self, request: HttpRequest, lookup: Any) -> HttpResponse:
        obj = self.get_object(request, lookup, DELETE)
        return render(request, "core/object_delete.html", {**self.base_context(), "object": obj})

    def post(self, request: HttpRequest, lookup: Any) -> HttpResponse:
        obj = self.get_object(request, lookup, DELETE)
        try:
            with transaction.atomic():
                obj.delete()
        except (ProtectedError, RestrictedError) as error:
            related = getattr(error, "protected_objects", None) or error.restricted_objects  # type: ignore[union-attr]
            blockers = ", ".join(str(o) for o in list(related)[:5])
            text = _("Cannot delete %(object)s: other records use it (%(blockers)s).")
            messages.error(request, text % {"object": obj, "blockers": blockers})
            return redirect(obj.get_absolute_url())
        messages.success(request, _("Deleted %(object)s.") % {"object": obj})
        return redirect(self.views.url("list"))
