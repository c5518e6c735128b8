"""Pages of border management: crossing points, and reading a travel document's MRZ."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from crossroads.borders import filtersets, forms, tables
from crossroads.borders import models as m
from crossroads.core.permissions import VIEW, can
from crossroads.core.views.generic import ObjectViews


class BorderCrossingPointViews(ObjectViews):
    model = m.BorderCrossingPoint
    filterset = filtersets.BorderCrossingPointFilterSet
    table = tables.BorderCrossingPointTable
    form = forms.BorderCrossingPointForm


ALL_VIEWS: tuple[type[ObjectViews], ...] = (BorderCrossingPointViews,)


def read_mrz(request: HttpRequest) -> HttpResponse:
    """Paste or scan a machine-readable zone: the document's fields, or the exact field
    and reason it is refused. Nothing is stored (the crossing screen stores documents)."""
    from crossroads.borders.mrz import MRZError, parse

    if not can(request.user, m.BorderCrossingPoint, VIEW):
        raise PermissionDenied
    form = forms.MRZForm(request.POST or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            document = parse(form.cleaned_data["mrz"])
        except MRZError as error:
            context["error"] = error
        else:
            context.update(document=document, fields=document.fields())
    status = 400 if "error" in context else 200
    return render(request, "borders/mrz.html", context, status=status)
