"""The generic suites for watchlists, entries and alerts: pages, API and filters."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from crossroads.people.models import Person
from crossroads.reference.models import Country
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases
from crossroads.users.models import Organisation
from crossroads.watchlists import filtersets, views
from crossroads.watchlists import models as m

API = "/api/v1/watchlists"


def make_lists(organisation: Organisation, country: Country, suffix: str = ""
               ) -> list[models.Model]:
    return [m.Watchlist.objects.create(name=f"List {suffix} {i}", kind="national",
                                       organisation=organisation, country=country)
            for i in range(3)]


def make_entries(organisation: Organisation, country: Country, suffix: str = ""
                 ) -> list[models.Model]:
    watchlist = make_lists(organisation, country, suffix)[0]
    return [m.WatchlistEntry.objects.create(
        watchlist=watchlist, family=name, given="Иван", language="ru", birth_year=1970 + i,
        action="refuse_entry") for i, name in enumerate(("Петров", "Сидоров", "Кузнецов"))]


def make_alerts(organisation: Organisation, country: Country, suffix: str = ""
                ) -> list[models.Model]:
    entries = make_entries(organisation, country, suffix)
    person_type = ContentType.objects.get_for_model(Person)
    alerts = []
    for entry in entries:
        person = Person.objects.create(organisation=organisation)
        alerts.append(m.Alert.objects.create(
            entry=entry, person=person, content_type=person_type, object_id=str(person.pk),
            organisation=organisation, score=0.9,
            explanation=[{"field": "family", "level": "variant", "weight": 3.2}]))
    return alerts


class WatchlistViewTests(ViewTestCases.ObjectViews):
    views = views.WatchlistViews
    related = (Country, Organisation)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_lists(cls.organisation, cls.home_country, suffix)

    def form_data(self) -> dict[str, Any]:
        return {"name": "Moldova national alerts", "kind": "national",
                "organisation": self.organisation.pk, "country": self.home_country.pk,
                "active": "on"}


class WatchlistAPITests(APITestCases.API):
    endpoint = f"{API}/watchlists/"
    model = m.Watchlist
    related = (Country, Organisation)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_lists(cls.organisation, cls.home_country, suffix)

    def api_data(self) -> dict[str, Any]:
        return {"name": "Regional alerts", "kind": "regional",
                "organisation": self.organisation.pk, "active": True}


class WatchlistEntryViewTests(ViewTestCases.ObjectViews):
    views = views.WatchlistEntryViews
    related = (m.Watchlist,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_entries(cls.organisation, cls.home_country, suffix)

    def form_data(self) -> dict[str, Any]:
        watchlist = m.Watchlist.objects.first()
        assert watchlist is not None
        return {"watchlist": watchlist.pk, "family": "Щербакова", "given": "Юлия",
                "language": "ru", "birth_year": 1985, "sex": "F", "nationality": "MDA",
                "action": "refuse_entry", "active": "on"}


class WatchlistEntryAPITests(APITestCases.API):
    endpoint = f"{API}/entries/"
    model = m.WatchlistEntry
    related = (m.Watchlist,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_entries(cls.organisation, cls.home_country, suffix)

    def api_data(self) -> dict[str, Any]:
        watchlist = m.Watchlist.objects.first()
        assert watchlist is not None
        return {"watchlist": watchlist.pk, "document_number": "AB 123 456",
                "document_state": "MDA", "action": "seize_document"}


class AlertViewTests(ViewTestCases.ObjectViews):
    views = views.AlertViews
    editable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_alerts(cls.organisation, cls.home_country, suffix)


class AlertAPITests(APITestCases.API):
    endpoint = f"{API}/alerts/"
    model = m.Alert
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_alerts(cls.organisation, cls.home_country, suffix)


class WatchlistFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.WatchlistFilterSet


class WatchlistEntryFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.WatchlistEntryFilterSet


class AlertFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.AlertFilterSet
