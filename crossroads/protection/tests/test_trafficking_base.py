"""The base of the counter-trafficking tests (no tests here): a little geography, victims.

Reference data is made by hand (a few countries, two sub-regions of one region), not
loaded, to keep the tests fast.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from crossroads.evidence.tests.figures import make_areas
from crossroads.people.models import Nationality, Person
from crossroads.protection.choices import CasePersonRole, CaseType, ConsentPurpose
from crossroads.protection.models import Case, CasePerson, Consent, TraffickingProfile
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.reference.choices import RegionKind
from crossroads.reference.models import Country, Region
from crossroads.users.models import User

#: iso3, iso2, numeric, name, sub-region (None: outside the region).
GEOGRAPHY = (("RUS", "RU", "643", "Russia", "eastern_europe"),
             ("UZB", "UZ", "860", "Uzbekistan", "central_asia"),
             ("TJK", "TJ", "762", "Tajikistan", "central_asia"),
             ("TUR", "TR", "792", "Türkiye", "turkey"),
             ("DEU", "DE", "276", "Germany", None))


def make_geography() -> dict[str, Country]:
    """Moldova, Ukraine and the countries above; sub-regions of the region SEEECA."""
    region = Region.objects.create(code="seeeca", name="SEEECA", kind=RegionKind.REGION)
    subs: dict[str, Region] = {}
    for code in ("eastern_europe", "central_asia", "turkey"):
        subs[code] = Region.objects.create(code=code, name=code.replace("_", " ").title(),
                                           kind=RegionKind.SUBREGION, parent=region)
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=["MDA", "UKR"])}
    subs["eastern_europe"].countries.add(*countries.values())
    for iso3, iso2, numeric, name, sub in GEOGRAPHY:
        countries[iso3] = Country.objects.create(iso3=iso3, iso2=iso2, numeric=numeric,
                                                 name=name)
        if sub:
            subs[sub].countries.add(countries[iso3])
    make_areas()
    return countries


class TraffickingTestCase(ProtectionTestCase):
    """Protection's owner (case worker), colleague (supervisor) and outsider, rights on
    trafficking profiles like the demo roles, and ``manager``, a data manager holding
    ``release`` on the cases of the organisation."""

    countries: dict[str, Country]
    manager: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.countries = make_geography()
        from crossroads.protection import demo

        cls.grant(cls.owner, TraffickingProfile, list(demo.WORK), demo.OWN_ASSIGNED_CHILD)
        cls.grant(cls.colleague, TraffickingProfile, list(demo.WORK),
                  demo.OWN_ORGANISATION_CHILD)
        cls.grant(cls.outsider, TraffickingProfile, list(demo.WORK),
                  demo.OWN_ORGANISATION_CHILD)
        cls.manager = cls.make_user("manager", cls.organisation)
        cls.grant(cls.manager, Case, [demo.AGGREGATE, demo.EXPORT, demo.RELEASE],
                  demo.OWN_ORGANISATION)

    @classmethod
    def victim(cls, reference: str, *, sex: str = "F", born: int | None = 1995,
               nationality: str | None = "MDA", status: str = "identified",
               decided: date | None = date(2024, 3, 1), exploited_in: str | None = "RUS",
               exploitation: tuple[str, ...] = ("sexual",), consent: bool = True,
               organisation: Any = None, **codes: Any) -> TraffickingProfile:
        """A VoT case with its principal, profile and (if ``consent``) statistics consent."""
        case = cls.make_case(reference, worker=cls.owner, organisation=organisation,
                             case_type=CaseType.IDENTIFIED_VOT)
        person = Person.objects.create(organisation=case.organisation, sex=sex,
                                       birth_year=born)
        if nationality:
            Nationality.objects.create(person=person, country=cls.countries[nationality])
        link = CasePerson.objects.create(case=case, person=person,
                                         role=CasePersonRole.PRINCIPAL)
        if consent:
            Consent.objects.create(case=case, case_person=link,
                                   purpose=ConsentPurpose.STATISTICS, taken_by=cls.owner)
        return TraffickingProfile.objects.create(
            case=case, case_person=link, status=status,
            status_decided_by=case.organisation if status == "identified" else None,
            status_decided_on=decided, exploitation=list(exploitation),
            exploitation_country=cls.countries[exploited_in] if exploited_in else None,
            **codes)
