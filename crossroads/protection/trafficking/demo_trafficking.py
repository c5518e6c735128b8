"""Counter-trafficking data for the demo: profiles a data manager can publish and release.

The demo's presumed victim (case ``NGO-MDA-2026-001``) gets her profile, and 60 closed
cases of victims assisted by the Migrant Support NGO in 2021–2025 are added, with
distributions like those of the region's assistance data: mostly Moldovan and Ukrainian
women trafficked for sexual exploitation or forced labour to Russia, Türkiye, Israel and
the European Union; men mostly for forced labour in construction and agriculture. Most
gave consent to data sharing for statistics, so a release with k = 11 has rows. The
persons are invented and have no names.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from crossroads.people.models import Nationality, Person
from crossroads.protection import choices as c
from crossroads.protection.models import Case, CasePerson, Consent, TraffickingProfile
from crossroads.reference.models import Country
from crossroads.users.models import Organisation, User

ORGANISATION = "NGO-MDA"
#: The organisation that identifies victims (the demo's IOM country office), if loaded.
IDENTIFIER = "CO-MDA"
PRESUMED_CASE = "NGO-MDA-2026-001"
PREFIX = "NGO-MDA-CT-"
SYNTHETIC = 60
#: Nationality → weight; country of exploitation → weight.
NATIONALITIES = {"MDA": 34, "UKR": 14, "UZB": 6, "TJK": 3, "KGZ": 3}
DESTINATIONS = {"RUS": 22, "TUR": 14, "ISR": 6, "DEU": 6, "ITA": 4, "POL": 4, "ARE": 4}
#: Share of victims consenting to data sharing for statistics.
CONSENT_SHARE = 0.9


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def experience(rng: random.Random, sex: str) -> dict[str, Any]:
    """The HTCDS codes of one invented victim, by sex (as the region's data suggest)."""
    if sex == "F":
        kind = rng.choices(["sexual", "forced_labour", "domestic_servitude"], [55, 30, 15])[0]
    else:
        kind = rng.choices(["forced_labour", "forced_criminality", "forced_begging"],
                           [80, 12, 8])[0]
    industries = {"sexual": ["sex_industry"], "domestic_servitude": ["domestic_work"],
                  "forced_begging": ["begging"], "forced_criminality": []}.get(
        kind, [rng.choice(["construction", "agriculture", "hospitality", "manufacturing"])])
    return {
        "exploitation": [kind], "industries": industries,
        "recruitment": sorted({rng.choice(["job_offer", "job_offer", "online", "marriage",
                                           "agency"])}),
        "recruiter_relationship": rng.choice(["friend", "stranger", "employer", "partner"]),
        "means_of_control": sorted(set(rng.sample(
            ["documents_withheld", "wages_withheld", "threats", "debt_bondage",
             "restricted_movement", "psychological_abuse", "physical_abuse"], 3))),
        "perpetrator_roles": sorted(set(rng.sample(
            ["recruiter", "transporter", "exploiter", "controller"], 2))),
    }


def make_victim(index: int, rng: random.Random, organisation: Organisation,
                identifier: Organisation, countries: dict[str, Country],
                worker: User | None) -> None:
    """One closed case of an invented victim, with profile and (usually) consent."""
    sex = "F" if rng.random() < 0.72 else "M"
    decided = date(2021, 1, 1) + timedelta(days=rng.randrange(5 * 365))
    case = Case.objects.create(
        reference=f"{PREFIX}{index:03d}", organisation=organisation, case_worker=worker,
        case_type=c.CaseType.IDENTIFIED_VOT if rng.random() < 0.6 else c.CaseType.PRESUMED_VOT,
        opened_on=decided - timedelta(days=rng.randrange(10, 60)), status=c.CaseStatus.CLOSED,
        closed_on=decided + timedelta(days=rng.randrange(90, 300)),
        closure_reason=c.ClosureReason.GOALS_MET, summary="Invented demo case.")
    person = Person.objects.create(organisation=organisation, sex=sex,
                                   birth_year=decided.year - rng.randrange(16, 48))
    home = countries[pick(rng, NATIONALITIES)]
    Nationality.objects.create(person=person, country=home)
    link = CasePerson.objects.create(case=case, person=person, role=c.CasePersonRole.PRINCIPAL)
    identified = case.case_type == c.CaseType.IDENTIFIED_VOT
    profile = TraffickingProfile(
        case=case, case_person=link,
        status=c.TraffickingStatus.IDENTIFIED if identified else c.TraffickingStatus.PRESUMED,
        status_decided_by=identifier if identified else None, status_decided_on=decided,
        recruitment_country=home,
        exploitation_country=countries[pick(rng, DESTINATIONS)], **experience(rng, sex))
    profile.full_clean()
    profile.save()
    if worker is not None and rng.random() < CONSENT_SHARE:
        Consent.objects.create(case=case, case_person=link, purpose=c.ConsentPurpose.STATISTICS,
                               given_on=case.opened_on, taken_by=worker)


def profile_presumed_victim(countries: dict[str, Country]) -> int:
    """The profile of the demo's presumed victim (her passport kept by her employer)."""
    link = CasePerson.objects.filter(case__reference=PRESUMED_CASE,
                                     role=c.CasePersonRole.PRINCIPAL).first()
    if link is None or TraffickingProfile.objects.filter(case_person=link).exists():
        return 0
    profile = TraffickingProfile(
        case=link.case, case_person=link, status=c.TraffickingStatus.PRESUMED,
        recruitment=["job_offer"], recruiter_relationship="friend",
        means_of_control=["documents_withheld", "wages_withheld", "excessive_hours"],
        exploitation=["forced_labour"], industries=["hospitality"],
        perpetrator_roles=["recruiter", "exploiter"], recruitment_country=countries["MDA"],
        exploitation_country=countries["TUR"], exploitation_place="Antalya")
    profile.full_clean()
    profile.save()
    return 1


@transaction.atomic
def load_demo_trafficking() -> int:
    """Create the demo's counter-trafficking data once; how many profiles were created."""
    organisation = Organisation.objects.filter(acronym=ORGANISATION).first()
    wanted = {*NATIONALITIES, *DESTINATIONS}
    countries = {country.iso3: country for country in Country.objects.filter(iso3__in=wanted)}
    if organisation is None or len(countries) < len(wanted):
        return 0
    created = profile_presumed_victim(countries)
    if Case.objects.filter(reference__startswith=PREFIX).exists():
        return created
    identifier = Organisation.objects.filter(acronym=IDENTIFIER).first() or organisation
    worker = User.objects.filter(username="case.worker").first()
    rng = random.Random(2026)  # the same invented victims on every demo
    for index in range(1, SYNTHETIC + 1):
        make_victim(index, rng, organisation, identifier, countries, worker)
    return created + SYNTHETIC

