"""Part C, migration governance: the governance register and regional process memberships.

Everything is read through ``restrict(user, "view")``; the register's records as they
stood on the last day of the reference year (policies adopted, laws introduced,
ratifications made and meetings held by then). A region's profile counts its members.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from crossroads.core.permissions import VIEW
from crossroads.governance import assessments
from crossroads.governance import models as gm
from crossroads.governance.choices import InstrumentStatusKind
from crossroads.profiles.content.reader import Item, Reader
from crossroads.reference.models import Country, Membership


def visible(model: Any, user: Any) -> QuerySet[Any]:
    return model.objects.restrict(user, VIEW)


def when(day: date | None) -> str:
    return date_format(day, "DATE_FORMAT") if day else "–"


def table(key: str, title: str, columns: list[str], rows: list[list[str]],
          empty: str) -> Item:
    return {"type": "table", "key": key, "title": title, "columns": columns, "rows": rows,
            "empty": empty}


def countries_of(reader: Reader) -> list[Country]:
    """The countries the profile covers: the area's own, or a region's members'."""
    codes = [reader.ref.areas[m].code for m in reader.ref.members.get(reader.area.pk, ())] \
        or [reader.area.code]
    return list(Country.objects.filter(iso3__in=codes).order_by("name"))


def part_c(reader: Reader) -> Item:
    countries = countries_of(reader)
    end = date(reader.year, 12, 31)
    regional = reader.area.pk in reader.ref.members
    sections = [
        {"key": "instruments", "title": _("International instruments"),
         "items": [instruments(reader, countries, end, regional)]},
        {"key": "policy", "title": _("Policies, strategies and laws"),
         "items": [policies(reader, countries, regional), laws(reader, countries, end)]},
        {"key": "institutions", "title": _("Institutions and coordination"),
         "items": [institutions(reader, countries), mechanisms(reader, countries, end)]},
        {"key": "assessment", "title": _("Governance self-assessment"),
         "items": [assessment(reader, countries)]},
        {"key": "regional", "title": _("Regional processes"),
         "items": [memberships(reader, countries, regional)]},
    ]
    return {"key": "C", "title": _("Migration governance"), "sections": sections}


def instruments(reader: Reader, countries: list[Country], end: date, regional: bool) -> Item:
    """Each instrument and the country's status (a region: how many members are parties)."""
    statuses = visible(gm.InstrumentStatus, reader.user).filter(country__in=countries) \
        .filter(Q(ratified_on__isnull=True) | Q(ratified_on__lte=end)) \
        .filter(Q(signed_on__isnull=True) | Q(signed_on__lte=end))
    by_instrument: dict[int, list[gm.InstrumentStatus]] = {}
    for status in statuses.select_related("country"):
        by_instrument.setdefault(status.instrument_id, []).append(status)
    rows = []
    for instrument in visible(gm.InternationalInstrument, reader.user).order_by("adopted_year"):
        found = by_instrument.get(instrument.pk, [])
        if regional:
            rows.append([instrument.title, str(instrument.adopted_year),
                         parties_text(found, len(countries))])
        elif found:
            s = found[0]
            rows.append([instrument.title, str(instrument.adopted_year),
                         str(s.get_status_display()), when(s.signed_on), when(s.ratified_on)])
        else:
            rows.append([instrument.title, str(instrument.adopted_year),
                         _("not recorded"), "–", "–"])
    columns = [_("Instrument"), _("Adopted")] + (
        [_("Members that are parties")] if regional
        else [_("Status"), _("Signed"), _("Ratified, acceded or succeeded")])
    return table("instruments", _("International instruments"), columns, rows,
                 _("No international instruments are loaded."))


def parties_text(found: list[gm.InstrumentStatus], members: int) -> str:
    """"12 of 20 (recorded for 15)": members that are parties, among those with a status."""
    if not found:
        return _("not recorded")
    parties = sum(1 for s in found if s.ratified_on or s.status != InstrumentStatusKind.SIGNED)
    return _("%(parties)s of %(members)s (recorded for %(recorded)s)") % {
        "parties": parties, "members": members, "recorded": len(found)}


def policies(reader: Reader, countries: list[Country], regional: bool) -> Item:
    found = visible(gm.Policy, reader.user).filter(country__in=countries) \
        .filter(Q(period_start__isnull=True) | Q(period_start__lte=reader.year)) \
        .select_related("country").order_by("country__name", "-period_start", "title")
    rows = [([str(p.country)] if regional else []) + [
        p.title, p.adopting_body or "–", period(p.period_start, p.period_end),
        str(p.get_status_display())] for p in found]
    columns = ([_("Country")] if regional else []) + [
        _("Policy or strategy"), _("Adopted by"), _("Period"), _("Status")]
    return table("policies", _("Policies and strategies"), columns, rows,
                 _("No migration policy or strategy is recorded."))


def period(start: int | None, end: int | None) -> str:
    if start and end:
        return f"{start}–{end}"
    return str(start or end or "–")


def laws(reader: Reader, countries: list[Country], end: date) -> Item:
    found = visible(gm.Law, reader.user).filter(country__in=countries) \
        .filter(Q(introduced_on__isnull=True) | Q(introduced_on__lte=end)) \
        .select_related("country").order_by("country__name", "title")
    rows = [[str(law.country), law.title, str(law.get_kind_display()),
             str(law.get_status_display()), when(law.adopted_on)] for law in found]
    return table("laws", _("Laws and draft laws"),
                 [_("Country"), _("Title"), _("Kind"), _("Status"), _("Adopted")], rows,
                 _("No migration law is recorded."))


def institutions(reader: Reader, countries: list[Country]) -> Item:
    found = visible(gm.Institution, reader.user).filter(country__in=countries) \
        .select_related("country").order_by("country__name", "name")
    rows = [[str(i.country), i.name, str(i.get_kind_display())] for i in found]
    return table("institutions", _("Institutions with a migration mandate"),
                 [_("Country"), _("Institution"), _("Kind")], rows,
                 _("No institution with a migration mandate is recorded."))


def mechanisms(reader: Reader, countries: list[Country], end: date) -> Item:
    found = visible(gm.CoordinationMechanism, reader.user).filter(country__in=countries) \
        .select_related("country").order_by("country__name", "name")
    meetings = visible(gm.Meeting, reader.user).filter(held_on__lte=end)
    rows = []
    for mechanism in found:
        held = meetings.filter(mechanism=mechanism).order_by("-held_on")
        last = held.first()
        rows.append([str(mechanism.country), mechanism.name,
                     str(mechanism.members.count()), str(held.count()),
                     when(last.held_on) if last else "–"])
    return table("mechanisms", _("Coordination mechanisms"),
                 [_("Country"), _("Mechanism"), _("Member institutions"),
                  _("Meetings held"), _("Last meeting")], rows,
                 _("No coordination mechanism is recorded."))


def assessment(reader: Reader, countries: list[Country]) -> Item:
    """Each country's latest self-assessment up to the reference year, by domain."""
    scores = visible(gm.AssessmentScore, reader.user)
    latest: dict[int, gm.SelfAssessment] = {}
    for found in visible(gm.SelfAssessment, reader.user).filter(
            country__in=countries, year__lte=reader.year).select_related("country") \
            .order_by("country__name", "-year"):
        latest.setdefault(found.country_id, found)
    domains = list(assessments.choices.AssessmentDomain)
    rows = []
    for found in latest.values():
        summary = assessments.summarise(found, scores)
        rows.append([str(found.country), str(found.year),
                     *[percent(summary.domains[d.value].percent) for d in domains],
                     percent(summary.overall.percent)])
    return table("assessment", _("Governance self-assessment (share of the maximum score)"),
                 [_("Country"), _("Year"), *[str(d.label) for d in domains], _("Overall")],
                 rows, _("No governance self-assessment is recorded."))


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} %"


def memberships(reader: Reader, countries: list[Country], regional: bool) -> Item:
    found = visible(Membership, reader.user).filter(country__in=countries) \
        .select_related("body", "country").order_by("body__name", "country__name")
    if regional:
        bodies: dict[str, list[str]] = {}
        for m in found:
            bodies.setdefault(m.body.name, []).append(str(m.country))
        rows = [[name, str(len(members)), ", ".join(members)] for name, members in bodies.items()]
        columns = [_("Regional process or organisation"), _("Members here"), _("Countries")]
    else:
        rows = [[m.body.name, str(m.get_status_display()), str(m.since or "–")] for m in found]
        columns = [_("Regional process or organisation"), _("Status"), _("Since")]
    return table("memberships", _("Regional consultative processes and organisations"),
                 columns, rows, _("No membership of a regional process is recorded."))
