"""Made-up evidence and users for the migration profile tests.

:class:`ProfileTestCase` loads the reference data and indicator definitions (as
``EvidenceTestCase`` does), writes the figures below once per test class, and sets
up who may do what. The figures of Moldova (MDA) for the reference year 2020 cover
each rule of a profile:

============================  =========================================================
MIG_STOCK                     2015 and 2020 from UN DESA (the 2020 value is used), a
                              later 2022 value (never used by a 2020 profile), and a
                              KNOMAD 2020 value 5.8 % higher (a disagreement)
MIG_STOCK, women              2020 (so MIG_FEMALE_PCT can be computed)
POP                           2020, reported in millions (unit multiplier 6)
REMIT_IN, GDP                 2018 and 2021, in billions: a 2020 profile uses 2018
REFUGEES                      2012 only: eight years old, listed as old data
ASYLUM_SEEKERS, STATELESS...  nothing: "no data", listed as missing
============================  =========================================================

Ukraine (UKR) has migrants and population in 2020; with Moldova it forms the region
``PAIR`` ("Test pair"). Iceland (ISL) has no data at all (nor memberships of regional processes).

Users (from ``CrossroadsTestCase``): ``owner`` and ``colleague`` work for the Moldovan
government organisation, ``outsider`` for a Ukrainian NGO; :attr:`regional` works for
a regional organisation without a country; :attr:`admin` is a superuser. See
:meth:`ProfileTestCase.grant_roles` for their permissions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from crossroads.evidence.choices import AreaKind, KosovoConvention, Producer
from crossroads.evidence.models import Area, Observation, Release
from crossroads.evidence.tests.figures import EvidenceTestCase, finish, put, release
from crossroads.governance import models as gm
from crossroads.profiles.models import Profile, ProfileReview
from crossroads.reference.choices import RegionKind
from crossroads.reference.models import Country, Membership, Region
from crossroads.users.models import Organisation, User

YEAR = 2020
#: Moldova's figures in base units (what a 2020 profile must show).
MDA_MIGRANTS = 104000.0
MDA_MIGRANTS_LATER = 999999.0  # 2022: after the reference year
MDA_MIGRANTS_KNOMAD = 110000.0
MDA_WOMEN = 60000.0
MDA_POPULATION = 2.6e6
MDA_REMITTANCES_2018 = 1.9e9
MDA_REFUGEES_2012 = 300.0
UKR_MIGRANTS = 5000000.0
UKR_POPULATION = 44e6
#: The two-member region.
REGION = "PAIR"
KEY_FINDINGS = "Immigration grew slowly."
RECOMMENDATIONS = "Improve the registration of arrivals."
#: The constraint of the demo role that writes profiles (see profiles/demo.py).
OWN_ORGANISATION = {"organisation": "$user.organisation"}


def make_releases() -> dict[str, Release]:
    """The releases cited by the figures, by short name."""
    return {
        "undesa": release("undesa-2020", "undesa-ims", published=date(2021, 1, 15),
                          title="International Migrant Stock 2020"),
        "knomad": release("knomad-2021", "wb-knomad-bilateral", producer=Producer.WORLD_BANK,
                          published=date(2021, 6, 1), title="Bilateral migration matrix 2021"),
        "wdi": release("wb-wdi", "wb-wdi", producer=Producer.WORLD_BANK,
                       kosovo=KosovoConvention.SEPARATE, published=date(2023, 7, 1),
                       title="World Development Indicators, July 2023"),
        "unhcr": release("unhcr-2021", "unhcr-refugee-statistics", producer=Producer.UNHCR,
                         published=date(2021, 6, 18), title="UNHCR refugee statistics"),
    }


def make_figures() -> dict[str, Release]:
    """Write the figures described in the module docstring; return the releases."""
    rel = make_releases()
    put(rel["undesa"], "MIG_STOCK", "MDA", 2015, 100000)
    put(rel["undesa"], "MIG_STOCK", "MDA", 2020, 104, multiplier=3)  # 104 000
    put(rel["undesa"], "MIG_STOCK", "MDA", 2020, MDA_WOMEN, sex="F")
    put(rel["undesa"], "MIG_STOCK", "MDA", 2022, MDA_MIGRANTS_LATER)
    put(rel["knomad"], "MIG_STOCK", "MDA", 2020, MDA_MIGRANTS_KNOMAD)
    put(rel["wdi"], "POP", "MDA", 2020, 2.6, multiplier=6)
    put(rel["wdi"], "REMIT_IN", "MDA", 2018, 1.9, multiplier=9)
    put(rel["wdi"], "GDP", "MDA", 2018, 11.4, multiplier=9)
    put(rel["wdi"], "REMIT_IN", "MDA", 2021, 2.5, multiplier=9)
    put(rel["unhcr"], "REFUGEES", "MDA", 2012, MDA_REFUGEES_2012)
    put(rel["undesa"], "MIG_STOCK", "UKR", 2020, UKR_MIGRANTS)
    put(rel["wdi"], "POP", "UKR", 2020, 44, multiplier=6)
    finish()
    return rel


def make_region() -> Area:
    """A region of two members, Moldova and Ukraine, with its statistical area."""
    region = Region.objects.create(code="pair", name="Test pair", name_ru="Тестовая пара",
                                   kind=RegionKind.GROUPING)
    region.countries.set(Country.objects.filter(iso3__in=["MDA", "UKR"]))
    return Area.objects.create(code=REGION, name="Test pair", name_ru="Тестовая пара",
                               kind=AreaKind.REGION, region=region)


def make_instruments() -> list[gm.InternationalInstrument]:
    """Two instruments: Moldova ratified the first (2002); Ukraine only signed the second."""
    refugees = gm.InternationalInstrument.objects.create(
        code="test-refugees", title="Test refugee convention", adopted_year=1951,
        organisation="United Nations")
    workers = gm.InternationalInstrument.objects.create(
        code="test-workers", title="Test migrant workers convention", adopted_year=1990,
        organisation="United Nations")
    moldova, ukraine = Country.objects.get(iso3="MDA"), Country.objects.get(iso3="UKR")
    gm.InstrumentStatus.objects.create(instrument=refugees, country=moldova, status="ratified",
                                       ratified_on=date(2002, 1, 31))
    gm.InstrumentStatus.objects.create(instrument=refugees, country=ukraine, status="acceded",
                                       ratified_on=date(2002, 6, 10))
    gm.InstrumentStatus.objects.create(instrument=workers, country=ukraine, status="signed",
                                       signed_on=date(2015, 3, 1))
    return [refugees, workers]


class ProfileTestCase(EvidenceTestCase):
    """The figures, the region and the instruments above, and users with their roles."""

    releases: dict[str, Release]
    region: Area
    regional_organisation: Organisation
    regional: User
    admin: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.releases = make_figures()
        cls.region = make_region()
        make_instruments()
        cls.regional_organisation = Organisation.objects.create(
            name="Regional Office", acronym="RO", kind="iom", country=None)
        cls.regional = cls.make_user("regional", cls.regional_organisation)
        cls.admin = cls.make_user("admin", None)
        cls.admin.is_superuser = True
        cls.admin.save()
        cls.grant_roles()

    @classmethod
    def grant_roles(cls) -> None:
        """Everyone reads figures and the register; ``owner``, ``outsider`` and ``regional``
        write their own organisation's profiles (as the demo's analysts do); ``colleague``
        and ``owner`` review and approve (``owner`` so that the rule "the submitter cannot
        approve" is what refuses him); ``outsider`` and ``regional`` cannot approve."""
        readers = (cls.owner, cls.colleague, cls.outsider, cls.regional)
        register = (gm.InternationalInstrument, gm.InstrumentStatus, gm.Policy, gm.Law,
                    gm.Institution, gm.CoordinationMechanism, gm.Meeting, gm.SelfAssessment,
                    gm.AssessmentScore, Membership)
        for user in readers:
            cls.grant(user, Observation, "view")
            cls.grant(user, Profile, "view")
            cls.grant(user, ProfileReview, "view")
            for model in register:
                cls.grant(user, model, "view")
        for user in (cls.owner, cls.outsider, cls.regional):
            cls.grant(user, Profile, ["add", "change", "delete"], OWN_ORGANISATION)
        for user in (cls.owner, cls.colleague):
            cls.grant(user, Profile, "approve")

    @classmethod
    def draft(cls, area: str = "MDA", *, organisation: Organisation | None = None,
              year: int = YEAR, **fields: Any) -> Profile:
        """A draft profile with a narrative, owned by ``organisation`` (default: owner's)."""
        values: dict[str, Any] = {"key_findings": KEY_FINDINGS,
                                  "recommendations": RECOMMENDATIONS, **fields}
        profile = Profile(area=Area.objects.get(code=area), year=year,
                          organisation=organisation or cls.organisation, **values)
        profile.full_clean()
        profile.save()
        return profile
