"""What the watchlist tests share: a list, entries and registered persons."""

from __future__ import annotations

from typing import Any

from crossroads.people.dates import PartialDate
from crossroads.people.models import Person
from crossroads.people.services import DocumentInput, NameInput, PersonInput, register
from crossroads.reference.models import Country
from crossroads.users.models import Organisation
from crossroads.watchlists.models import Watchlist, WatchlistEntry


def make_list(organisation: Organisation, country: Country | None, name: str = "National alerts",
              **extra: Any) -> Watchlist:
    kind = "national" if country is not None else "regional"
    return Watchlist.objects.create(name=name, kind=extra.pop("kind", kind),
                                    organisation=organisation, country=country, **extra)


def make_entry(watchlist: Watchlist, **fields: Any) -> WatchlistEntry:
    values = {"action": "refuse_entry", **fields}
    return WatchlistEntry.objects.create(watchlist=watchlist, **values)


def make_person(organisation: Organisation, family: str, given: str, *, language: str = "",
                birth: PartialDate | None = None, document: str = "", sex: str = "U",
                cited_by: Any = None) -> Person:
    documents = [DocumentInput("passport", document, "MDA")] if document else []
    return register(PersonInput(
        names=[NameInput("family", family, language), NameInput("given", given, language)],
        sex=sex, birth=birth or PartialDate(), documents=documents), organisation,
        cited_by=cited_by)
