"""Pages of the people register: persons, finding and registering, duplicates, merges.

Finding comes before registering: the officer types what is known, candidates appear
as they type (htmx), and only when nobody fits is a new person registered.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core import jobs
from crossroads.core.permissions import ADD, CHANGE, VIEW, can
from crossroads.core.views.generic import ObjectViews
from crossroads.people import filtersets, forms, merges, services, tables
from crossroads.people import models as m
from crossroads.people.dates import PartialDate
from crossroads.people.matching.search import Query, candidates, field_label


class PersonViews(ObjectViews):
    model = m.Person
    filterset = filtersets.PersonFilterSet
    table = tables.PersonTable
    form = forms.PersonForm
    detail_template = "people/person.html"
    list_actions = ((_("Find or register a person"), "people:search", VIEW),)

    @classmethod
    def queryset(cls, user: Any, action: str) -> QuerySet[Any]:
        return super().queryset(user, action).prefetch_related(
            Prefetch("names", queryset=m.PersonName.objects.restrict(user, VIEW)))

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        """The person's names, documents, nationalities, citing records and history."""
        user = request.user

        def mine(model: Any, **where: Any) -> Any:
            return model.objects.restrict(user, VIEW).filter(**where)

        return {
            "names": mine(m.PersonName, person=obj),
            "documents": mine(m.IdentityDocument, person=obj),
            "nationalities": mine(m.Nationality, person=obj).select_related("country"),
            "links": mine(m.PersonLink, person=obj).select_related("content_type",
                                                                   "organisation"),
            "merges": mine(m.Merge, survivor=obj) | mine(m.Merge, merged=obj),
            "pairs": mine(m.MatchPair, left=obj) | mine(m.MatchPair, right=obj),
            "survivor": obj.survivor() if obj.merged_into_id else None,
        }


class OfPersonViews(ObjectViews):
    """Views of records that point at persons. A person is shown by their names: these are
    read once per page, and only those the user may view (else the person shows as an
    identifier), so a pair or a merge does not reveal the names of a person out of reach."""

    persons: tuple[str, ...] = ("person",)

    @classmethod
    def queryset(cls, user: Any, action: str) -> QuerySet[Any]:
        visible = m.PersonName.objects.restrict(user, VIEW)
        return super().queryset(user, action).prefetch_related(
            *(Prefetch(f"{field}__names", queryset=visible) for field in cls.persons))


class PersonNameViews(OfPersonViews):
    model = m.PersonName
    filterset = filtersets.PersonNameFilterSet
    table = tables.PersonNameTable
    form = forms.PersonNameForm


class NationalityViews(OfPersonViews):
    model = m.Nationality
    filterset = filtersets.NationalityFilterSet
    table = tables.NationalityTable
    form = forms.NationalityForm


class IdentityDocumentViews(OfPersonViews):
    model = m.IdentityDocument
    filterset = filtersets.IdentityDocumentFilterSet
    table = tables.IdentityDocumentTable
    form = forms.IdentityDocumentForm


class PersonLinkViews(OfPersonViews):
    model = m.PersonLink
    filterset = filtersets.PersonLinkFilterSet
    table = tables.PersonLinkTable


class MatchPairViews(OfPersonViews):
    model = m.MatchPair
    persons = ("left", "right")
    filterset = filtersets.MatchPairFilterSet
    table = tables.MatchPairTable
    detail_template = "people/matchpair.html"

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        visible = m.Person.objects.restrict(request.user, VIEW)
        return {"left": visible.filter(pk=obj.left_id).first(),
                "right": visible.filter(pk=obj.right_id).first(),
                "can_decide": obj.status == "pending" and can(request.user, m.MatchPair, CHANGE)}


class MergeViews(OfPersonViews):
    model = m.Merge
    persons = ("survivor", "merged")
    filterset = filtersets.MergeFilterSet
    table = tables.MergeTable
    detail_template = "people/merge.html"


ALL_VIEWS: tuple[type[ObjectViews], ...] = (
    PersonViews, PersonNameViews, NationalityViews, IdentityDocumentViews, PersonLinkViews,
    MatchPairViews, MergeViews)


def query_from(data: dict[str, Any]) -> Query:
    birth = PartialDate(data.get("birth_year"), data.get("birth_month"), data.get("birth_day"),
                        bool(data.get("birth_approximate")))
    return Query(given=data.get("given") or "", family=data.get("family") or "",
                 patronymic=data.get("patronymic") or "", birth=birth, sex=data.get("sex") or "",
                 nationality=data.get("nationality") or "",
                 document_number=data.get("document_number") or "",
                 language=data.get("language") or "")


def search(request: HttpRequest) -> HttpResponse:
    """Find a person; the results part alone answers htmx requests as the officer types."""
    if not can(request.user, m.Person, VIEW):
        raise PermissionDenied
    form = forms.RegisterForm(request.GET or None)
    found = []
    if form.is_bound and form.is_valid():
        found = candidates(request.user, query_from(form.cleaned_data))
    context = {"form": form, "found": found, "field_label": field_label,
               "can_register": can(request.user, m.Person, ADD)
               and getattr(request.user, "organisation", None) is not None}
    template = "people/search_results.html" if request.htmx else "people/search.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_POST
def register(request: HttpRequest) -> HttpResponse:
    """Register a new person from the search form (after the officer saw the candidates)."""
    organisation = getattr(request.user, "organisation", None)
    if not can(request.user, m.Person, ADD) or organisation is None:
        raise PermissionDenied
    form = forms.RegisterForm(request.POST)
    if not form.is_valid():
        return render(request, "people/search.html", {"form": form, "found": []}, status=400)
    try:
        person = services.register(services_input(form.cleaned_data), organisation)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return render(request, "people/search.html", {"form": form, "found": [],
                                                      "can_register": True}, status=400)
    if not m.Person.objects.restrict(request.user, VIEW).filter(pk=person.pk).exists():
        raise PermissionDenied
    for warning in person.warnings:
        messages.warning(request, warning)
    messages.success(request, _("Registered %(person)s.") % {"person": person})
    return redirect(person.get_absolute_url())


def services_input(data: dict[str, Any]) -> services.PersonInput:
    language = data.get("language") or ""
    names = [services.NameInput(part, data[part], language)
             for part in ("given", "family", "patronymic") if data.get(part)]
    documents = []
    if data.get("document_number"):
        documents.append(services.DocumentInput(data.get("document_kind") or "other",
                                                data["document_number"],
                                                data.get("document_state") or ""))
    return services.PersonInput(
        names=names, sex=data.get("sex") or "U", birth=query_from(data).birth,
        place_of_birth=data.get("place_of_birth") or "",
        nationalities=[data["nationality"]] if data.get("nationality") else [],
        documents=documents)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (merge) or reject a possible duplicate."""
    pair = get_object_or_404(m.MatchPair.objects.restrict(request.user, CHANGE), pk=pk)
    confirmed = request.POST.get("decision") == "confirm"
    try:
        merges.decide(pair, request.user, confirmed, request.POST.get("reason", ""))
    except merges.MergeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Merged.") if confirmed
                         else _("Rejected: they will not be proposed again."))
    return redirect("people:matchpair", pair.pk)


def linkage(request: HttpRequest) -> HttpResponse:
    """Start a linkage run over the persons the user may change (a background job)."""
    if not (can(request.user, m.MatchPair, CHANGE) and can(request.user, m.Person, CHANGE)):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "people/linkage.html", {})
    job = jobs.enqueue("people.linkage", request.user)
    return redirect(job.get_absolute_url())


@require_POST
def unmerge(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(m.Merge.objects.restrict(request.user, CHANGE), pk=pk)
    try:
        merges.unmerge(record, request.user)
    except merges.MergeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The merge was undone."))
    return redirect("people:merge", record.pk)
