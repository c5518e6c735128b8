"""Border traffic for the demo: a year of crossings at Moldova's points, a watchlist and
a few of today's crossings that raise alerts.

The demo persons (``load_demo_people``, registered by the demo border police) travel:
foreign travellers enter and leave again after a short, medium or long stay, a few stay
longer than the 90-in-180 rule allows or are still in the country, and some first
appear leaving (they entered before the records began). This history is written in
bulk and marked ``source="demo history"``; it was not screened (``not_screened``).
Then some of the travellers are put on a national watchlist under another spelling of
their names, and their crossings today go through the recording service as an
officer's would: screened, with the alerts raised for the officer to decide.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from crossroads.borders import choices
from crossroads.borders.crossings.services import CrossingInput, record_crossing
from crossroads.borders.models import BorderCrossingPoint, Crossing
from crossroads.people.choices import NamePart, PersonStatus
from crossroads.people.dates import PartialDate
from crossroads.people.models import Person, PersonLink
from crossroads.people.names.icao import to_icao
from crossroads.users.models import Organisation, User
from crossroads.watchlists.choices import EntryAction, WatchlistKind
from crossroads.watchlists.models import Watchlist, WatchlistEntry

ORGANISATION = "BP-MDA"
OFFICER = "border.officer"
COUNTRY = "MDA"
TRAVELLERS = 400
ON_THE_LIST = 4
#: Stay lengths in days, by how often they occur (short visits dominate).
STAY_LENGTHS = (range(1, 8), range(8, 31), range(31, 90), range(95, 170), range(170, 260))
STAY_WEIGHTS = (50, 25, 17, 6, 2)
PURPOSES = (choices.Purpose.TOURISM, choices.Purpose.FAMILY, choices.Purpose.WORK,
            choices.Purpose.BUSINESS, choices.Purpose.STUDY)


@dataclass
class DemoTraffic:
    crossings: int = 0
    alerts: int = 0


def load_demo_traffic(seed: int = 2026) -> DemoTraffic:
    """Create the demo's border traffic once (nothing when crossings exist)."""
    organisation = Organisation.objects.filter(acronym=ORGANISATION).first()
    officer = User.objects.filter(username=OFFICER).first()
    points = list(BorderCrossingPoint.objects.filter(
        country__iso3=COUNTRY, status=choices.CrossingStatus.OPEN).order_by("code"))
    if organisation is None or officer is None or not points or Crossing.objects.exists():
        return DemoTraffic()
    travellers = foreign_travellers(organisation)
    if not travellers:
        return DemoTraffic()
    rng = random.Random(seed)
    history = write_history(travellers, points, organisation, rng)
    alerts = todays_alerts(travellers[:ON_THE_LIST], points[0], organisation, officer)
    return DemoTraffic(history + len(alerts), len(alerts))


def foreign_travellers(organisation: Organisation) -> list[Person]:
    """Persons of the demo register who are not nationals of the country, with a
    document (the ones a border officer of the country sees entering and leaving)."""
    persons = Person.objects.filter(
        organisation=organisation, status=PersonStatus.ACTIVE, documents__isnull=False,
        nationalities__isnull=False).exclude(nationalities__country__iso3=COUNTRY) \
        .distinct().order_by("pk").prefetch_related("names", "documents",
                                                    "nationalities__country")
    return list(persons[:TRAVELLERS])


@transaction.atomic
def write_history(travellers: Sequence[Person], points: Sequence[BorderCrossingPoint],
                  organisation: Organisation, rng: random.Random) -> int:
    today = timezone.localdate()
    rows = [crossing for person in travellers[ON_THE_LIST:]
            for crossing in trips(person, points, organisation, today, rng)]
    created = Crossing.objects.bulk_create(rows, batch_size=2000)
    kind = ContentType.objects.get_for_model(Crossing)
    PersonLink.objects.bulk_create(
        [PersonLink(person_id=c.person_id, content_type=kind, object_id=str(c.pk),
                    organisation=organisation, role="traveller") for c in created],
        batch_size=2000, ignore_conflicts=True)
    return len(created)


def trips(person: Person, points: Sequence[BorderCrossingPoint], organisation: Organisation,
          today: date, rng: random.Random) -> list[Crossing]:
    """One to four trips in the last fourteen months; some start with an exit."""
    day = today - timedelta(days=rng.randint(30, 420))
    found = []
    if rng.random() < 0.05:  # entered before the records began
        found.append(crossing(person, rng.choice(points), choices.Movement.EXIT, day, rng,
                              organisation))
        day += timedelta(days=rng.randint(20, 90))
    for _trip in range(rng.choice((1, 1, 2, 2, 3, 4))):
        if day >= today:
            break
        found.append(crossing(person, rng.choice(points), choices.Movement.ENTRY, day, rng,
                              organisation))
        day += timedelta(days=stay_length(rng) - 1)
        if day >= today:
            break  # still in the country
        found.append(crossing(person, rng.choice(points), choices.Movement.EXIT, day, rng,
                              organisation))
        day += timedelta(days=rng.randint(15, 150))
    return found


def stay_length(rng: random.Random) -> int:
    return rng.choice(rng.choices(STAY_LENGTHS, weights=STAY_WEIGHTS)[0])


def crossing(person: Person, point: BorderCrossingPoint, movement: str, day: date,
             rng: random.Random, organisation: Organisation) -> Crossing:
    document = person.documents.all()[0]
    nationality = person.nationalities.all()[0].country.iso3
    at = datetime.combine(day, time(rng.randint(5, 22), rng.randint(0, 59)),
                          tzinfo=timezone.get_current_timezone())
    return Crossing(
        point=point, movement=movement, crossed_at=at, person=person,
        organisation=organisation, document=document, document_kind=document.kind,
        document_number=document.number, document_state=document.issuing_state,
        document_expiry=document.expires_on, nationality=nationality, sex=person.sex,
        birth_year=person.birth_year, purpose=rng.choice(PURPOSES),
        permit_kind=choices.PermitKind.NONE,
        transport=choices.Transport.PLANE if point.kind == "air" else rng.choice(
            (choices.Transport.CAR, choices.Transport.BUS, choices.Transport.TRUCK)),
        source="demo history")


def todays_alerts(persons: Sequence[Person], point: BorderCrossingPoint,
                  organisation: Organisation, officer: User) -> list[object]:
    """Put ``persons`` on a national list, spelt as ICAO writes them, then record their
    entry today through the recording service: screened, with alerts raised."""
    watchlist = Watchlist.objects.create(
        name="National alerts (demo)", kind=WatchlistKind.NATIONAL, organisation=organisation,
        country=point.country, description="Demo entries: travellers of the demo register.")
    alerts: list[object] = []
    for person in persons:
        names = {n.part: n for n in person.names.all()}
        family, given = names.get(NamePart.FAMILY), names.get(NamePart.GIVEN)
        WatchlistEntry.objects.create(
            watchlist=watchlist, family=to_icao(family.value) if family else "",
            given=to_icao(given.value) if given else "", birth_year=person.birth_year,
            birth_month=person.birth_month, birth_day=person.birth_day, sex=person.sex,
            action=EntryAction.CHECK, reference=f"DEMO-{person.pk}")
        document = person.documents.all()[0]
        result = record_crossing(officer, CrossingInput(
            point=point, movement=choices.Movement.ENTRY,
            crossed_at=timezone.now() - timedelta(minutes=10 * len(alerts) + 5),
            family=family.value if family else "", given=given.value if given else "",
            language=family.language if family else "",
            birth=PartialDate(person.birth_year, person.birth_month, person.birth_day),
            sex=person.sex, nationality=person.nationalities.all()[0].country.iso3,
            document_kind=document.kind, document_number=document.number,
            document_state=document.issuing_state, document_expiry=document.expires_on,
            purpose=choices.Purpose.TOURISM, permit_kind=choices.PermitKind.NONE,
            person_id=person.pk, source="demo"))
        alerts += result.alerts
    return alerts
