"""Synthetic border traffic: the project's own generator, for demos, tests and benchmarks.

Travellers are persons of the identity layer's synthetic population
(:func:`crossroads.people.synthetic.population`: nationality, sex, year of birth)
moving along the region's corridors (:data:`CORRIDORS`): seasonal labour migration
from Central Asia to Russia and Kazakhstan, Ukraine–Russia, Georgia–Turkey, the
Western Balkans and Moldova–Romania. Labour migrants come back season after season
on a new work permit each time (a document renewal: the permit's end changes); visitors
come back at least one rule window later, so that every traveller respects the stay
rules of :func:`default_rules` except a known share of overstayers (``overstayers`` in
the travellers table), whose one long stay, or stay past their permit, any correct
pipeline must find. Some entries are missing (exits without entry, a data gap), and a
few travellers are refused entry or pass in transit.

Everything is drawn from one seeded ``numpy`` generator, vectorised per chunk of
travellers, and written to Parquet chunk by chunk: 10^8 events never sit in memory
at once. The same seed and sizes give the same events.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from crossroads.analytics.schema import EVENT_SCHEMA, RULE_SCHEMA

EPOCH = date(1970, 1, 1)
DAY_US = 86_400 * 1_000_000
#: The synthetic population is drawn once, at most this large; more travellers than
#: that reuse its persons' nationality, sex and year of birth under new person ids.
POOL_MAX = 200_000
TRAVELLERS_PER_CHUNK = 200_000
#: Events per traveller on average (measured on the default corridors): sizes the run.
EVENTS_PER_TRAVELLER = 3.45


@dataclass(frozen=True)
class Corridor:
    """A route travellers take: who, where to, why, when and for how long."""

    code: str
    share: float
    nationalities: tuple[tuple[str, float], ...]
    destinations: tuple[str, ...]
    labour: bool  # seasonal work on a work permit; otherwise visits, visa-free
    male_share: float
    #: Relative weight of each calendar month for first arrivals (visitors).
    season: tuple[float, ...]
    #: Median length of a visit in days (log-normal, at most the rule's days).
    median_days: float
    repeat: float  # chance of one more trip (geometric number of trips)
    #: Cross-border commuters and shuttle traders: a trip of one to three days every one
    #: to three weeks, for the whole period (hundreds of crossings each).
    commuter: bool = False


CORRIDORS: tuple[Corridor, ...] = (
    Corridor("central-asia-labour", 0.35, (("UZB", 0.6), ("TJK", 0.25), ("KGZ", 0.15)),
             ("RUS", "RUS", "RUS", "KAZ"), True, 0.8,
             (1, 1, 4, 6, 5, 2, 1, 1, 1, 1, 1, 1), 180, 0.7),
    Corridor("ukraine-russia", 0.15, (("UKR", 1.0),), ("RUS",), False, 0.45,
             (2, 1, 1, 1, 2, 3, 4, 4, 2, 1, 1, 3), 12, 0.5),
    Corridor("georgia-turkey", 0.15, (("GEO", 1.0),), ("TUR",), False, 0.55,
             (1, 1, 1, 2, 3, 4, 5, 5, 3, 2, 1, 1), 6, 0.6),
    Corridor("western-balkans", 0.2, (("ALB", 0.3), ("MKD", 0.2), ("SRB", 0.2), ("BIH", 0.15),
                                       ("XKX", 0.1), ("MNE", 0.05)),
             ("SRB", "MKD", "BIH", "MNE"), False, 0.55,
             (1, 1, 1, 2, 2, 3, 5, 5, 2, 1, 1, 2), 5, 0.55),
    Corridor("moldova-eu", 0.15, (("MDA", 1.0),), ("ROU",), False, 0.5,
             (1, 1, 2, 3, 3, 3, 3, 3, 2, 2, 1, 2), 30, 0.5),
    Corridor("moldova-romania-commuters", 0.0025, (("MDA", 1.0),), ("ROU",), False, 0.6,
             (1,) * 12, 1, 0.0, commuter=True),
    Corridor("sarpi-shuttle-traders", 0.0025, (("GEO", 1.0),), ("TUR",), False, 0.5,
             (1,) * 12, 1, 0.0, commuter=True),
)

#: Crossing points of the destinations (real crossings; codes are the country's and a
#: short name of the place).
POINTS: dict[str, tuple[str, ...]] = {
    "RUS": ("RUS-SVO", "RUS-DME", "RUS-VKO", "RUS-LED", "RUS-MASHTAKOVO", "RUS-KARAOZEK"),
    "KAZ": ("KAZ-ALA", "KAZ-ZHIBEK-ZHOLY", "KAZ-KORDAY"),
    "TUR": ("TUR-SARPI", "TUR-IST", "TUR-TZX"),
    "SRB": ("SRB-PRESEVO", "SRB-BEG", "SRB-HORGOS"),
    "MKD": ("MKD-TABANOVCE", "MKD-SKP", "MKD-BLACE"),
    "BIH": ("BIH-ZVORNIK", "BIH-SJJ", "BIH-RACA"),
    "MNE": ("MNE-DOBRAKOVO", "MNE-TGD", "MNE-SUKOBIN"),
    "ROU": ("ROU-SCULENI", "ROU-ALBITA", "ROU-OANCEA"),
}
VISIT_DAYS, VISIT_WINDOW = 90, 180


def default_rules() -> pa.Table:
    """The stay rules the generated travellers are meant to respect (apart from the
    overstayers): 90 days in any 180 for visitors (per entry in Türkiye for
    Georgians and in Montenegro), the work permit's validity for labour migrants."""
    rows = [(1, "RUS", None, None, "rolling", 90, 180), (2, "RUS", None, "work", "validity",
                                                          None, None),
            (3, "KAZ", None, None, "rolling", 90, 180), (4, "KAZ", None, "work", "validity",
                                                          None, None),
            (5, "TUR", None, None, "rolling", 90, 180), (6, "TUR", "GEO", None, "per_entry",
                                                          90, None),
            (7, "SRB", None, None, "rolling", 90, 180), (8, "MKD", None, None, "rolling", 90, 180),
            (9, "BIH", None, None, "rolling", 90, 180), (10, "MNE", None, None, "per_entry", 90,
                                                          None),
            (11, "ROU", None, None, "rolling", 90, 180), (12, "RUS", "BLR", None, "unlimited",
                                                           None, None)]
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays([pa.array(c, f.type) for c, f in zip(columns, RULE_SCHEMA,
                                                                       strict=True)],
                                schema=RULE_SCHEMA)


@dataclass(frozen=True)
class TrafficSpec:
    """What to generate: about ``events`` crossings between ``start`` and ``end``."""

    events: int
    seed: int = 0
    start: date = date(2022, 1, 1)
    end: date = date(2024, 12, 31)
    overstayer_share: float = 0.02
    missing_entry_share: float = 0.01
    refused_share: float = 0.005
    transit_share: float = 0.01

    def check(self) -> None:
        if self.events < 1:
            raise ValueError("events must be at least 1")
        if (self.end - self.start).days < 400:
            raise ValueError("the period must be longer than 400 days (a season and a window)")
        for name in ("overstayer_share", "missing_entry_share", "refused_share",
                     "transit_share"):
            if not 0 <= getattr(self, name) < 1:
                raise ValueError(f"{name} must be between 0 and 1")


@dataclass(frozen=True)
class Chunk:
    """The events of one chunk of travellers, and the travellers (the ground truth)."""

    events: pa.Table
    travellers: pa.Table


class Pool:
    """The synthetic population, indexed by nationality, sex and adulthood."""

    def __init__(self, size: int, seed: int) -> None:
        from crossroads.people.synthetic import population

        persons = population(size, seed)
        self.true_id = persons["true_id"].to_numpy()
        self.birth_year = persons["birth_year"].to_numpy().astype(np.int16)
        self.sex = persons["sex"].to_numpy()
        nationality = persons["nationality"].to_numpy()
        adult = (self.birth_year >= 1960) & (self.birth_year <= 2004)
        self.groups: dict[tuple[str, str, bool], np.ndarray] = {}
        for iso3 in np.unique(nationality):
            for sex in ("F", "M"):
                of = (nationality == iso3) & (self.sex == sex)
                self.groups[(iso3, sex, False)] = np.flatnonzero(of)
                self.groups[(iso3, sex, True)] = np.flatnonzero(of & adult)

    def draw(self, rng: np.random.Generator, nationality: str, sex: str, adult: bool,
             size: int) -> np.ndarray:
        """Indices of ``size`` persons of the group (any sex if the group is empty)."""
        members = self.groups.get((nationality, sex, adult))
        if members is None or not members.size:
            members = np.concatenate([self.groups.get((nationality, s, False), np.empty(0, int))
                                      for s in ("F", "M")]).astype(np.int64)
        if not members.size:
            members = np.arange(len(self.true_id))
        return members[rng.integers(0, members.size, size)]


def generate(spec: TrafficSpec) -> Iterator[Chunk]:
    """The traffic of ``spec``, chunk by chunk (about ``spec.events`` events in all)."""
    spec.check()
    rng = np.random.default_rng(spec.seed)
    travellers = max(1, int(spec.events / EVENTS_PER_TRAVELLER))
    pool = Pool(min(POOL_MAX, max(1000, travellers)), spec.seed)
    made, first_person = 0, 1
    while made < spec.events:
        size = min(TRAVELLERS_PER_CHUNK, max(100, int((spec.events - made)
                                                        / EVENTS_PER_TRAVELLER) + 1))
        chunk = _chunk(spec, rng, pool, first_person, size, event_offset=made)
        made += chunk.events.num_rows
        first_person += size
        yield chunk


def write_parquet(spec: TrafficSpec, path: Path | str) -> tuple[Path, Path, int]:
    """Write the events to ``path`` and the travellers next to it
    (``NAME.travellers.parquet``), chunk by chunk. Returns both paths and the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    truth = path.with_name(path.stem + ".travellers.parquet")
    count = 0
    with pq.ParquetWriter(path, EVENT_SCHEMA, compression="zstd") as events, \
            pq.ParquetWriter(truth, TRAVELLER_SCHEMA, compression="zstd") as travellers:
        for chunk in generate(spec):
            events.write_table(chunk.events, row_group_size=1_000_000)
            travellers.write_table(chunk.travellers)
            count += chunk.events.num_rows
    return path, truth, count


TRAVELLER_SCHEMA = pa.schema([("person_id", pa.int64()), ("population_id", pa.int64()),
                              ("corridor", pa.string()), ("nationality", pa.string()),
                              ("country", pa.string()), ("overstayer", pa.bool_())])


def _chunk(spec: TrafficSpec, rng: np.random.Generator, pool: Pool, first_person: int,
           size: int, event_offset: int) -> Chunk:
    """Travellers ``first_person`` … ``first_person + size - 1`` and their crossings."""
    people = _travellers(rng, pool, size)
    overstayer = rng.random(size) < spec.overstayer_share
    trips = _trips(spec, rng, people, overstayer)
    events = _events(spec, rng, people, trips, first_person, event_offset)
    travellers = pa.table({
        "person_id": np.arange(first_person, first_person + size, dtype=np.int64),
        "population_id": pool.true_id[people["pool"]],
        "corridor": np.array([c.code for c in CORRIDORS])[people["corridor"]],
        "nationality": people["nationality"], "country": people["country"],
        "overstayer": overstayer}, schema=TRAVELLER_SCHEMA)
    return Chunk(events, travellers)


def _travellers(rng: np.random.Generator, pool: Pool, size: int) -> dict[str, np.ndarray]:
    """Corridor, nationality, destination, sex and year of birth of each traveller."""
    shares = np.array([c.share for c in CORRIDORS])
    corridor = rng.choice(len(CORRIDORS), size, p=shares / shares.sum())
    nationality = np.empty(size, dtype=object)
    country = np.empty(size, dtype=object)
    chosen = np.zeros(size, dtype=np.int64)
    for index, route in enumerate(CORRIDORS):
        members = np.flatnonzero(corridor == index)
        codes = np.array([n for n, _w in route.nationalities], dtype=object)
        weights = np.array([w for _n, w in route.nationalities])
        nats = codes[rng.choice(len(codes), members.size, p=weights / weights.sum())]
        dests = np.array(route.destinations, dtype=object)
        pick = rng.integers(0, len(dests), members.size)
        # Nobody crosses into their own country as a foreigner: take the next destination.
        same = dests[pick] == nats
        pick[same] = (pick[same] + 1) % len(dests)
        nationality[members], country[members] = nats, dests[pick]
        male = rng.random(members.size) < route.male_share
        for iso3 in np.unique(nats):
            for is_male in (False, True):
                group = members[(nats == iso3) & (male == is_male)]
                chosen[group] = pool.draw(rng, str(iso3), "M" if is_male else "F",
                                          route.labour, group.size)
    return {"corridor": corridor, "nationality": nationality.astype(str),
            "country": country.astype(str), "pool": chosen,
            "sex": pool.sex[chosen].astype(str), "birth_year": pool.birth_year[chosen]}


def _trips(spec: TrafficSpec, rng: np.random.Generator, people: dict[str, np.ndarray],
           overstayer: np.ndarray) -> dict[str, np.ndarray]:
    """Each trip: traveller, entry day, length in days, permit end (days since 1970)."""
    start = (spec.start - EPOCH).days
    end = (spec.end - EPOCH).days
    labour = np.array([c.labour for c in CORRIDORS])[people["corridor"]]
    commuter = np.array([c.commuter for c in CORRIDORS])[people["corridor"]]
    repeat = np.array([c.repeat for c in CORRIDORS])[people["corridor"]]
    years = spec.end.year - spec.start.year + 1
    count = np.minimum(rng.geometric(1 - repeat), np.where(labour, years, 12))
    count = np.where(commuter, (end - start) // 9 + 1, count)
    traveller = np.repeat(np.arange(count.size), count)
    number = np.arange(traveller.size) - np.repeat(np.cumsum(count) - count, count)
    first = number == 0
    is_labour = labour[traveller]
    over = overstayer[traveller] & first  # the overstayer's first trip is the long one
    median = np.array([c.median_days for c in CORRIDORS])[people["corridor"]][traveller]
    visit = np.clip(np.rint(rng.lognormal(np.log(median), 0.8)), 1, VISIT_DAYS).astype(np.int64)
    visit = np.where(commuter[traveller], rng.integers(1, 4, traveller.size), visit)
    work = rng.integers(120, 271, traveller.size)
    length = np.where(is_labour, work, visit)
    extra = 1 + rng.geometric(0.05, traveller.size).clip(max=59)
    # An overstaying visitor stays past the rule's days; a labour migrant past the permit.
    length = np.where(over & ~is_labour, VISIT_DAYS + extra, length)
    entry = np.where(is_labour, _labour_entries(spec, rng, traveller, number, over, years),
                     _visit_entries(rng, people, traveller, number, over, start, end,
                                    np.where(commuter[traveller], np.r_[0, length[:-1]], -1)))
    slack = rng.integers(0, 31, traveller.size)
    permit_end = np.where(over, entry + length - 1 - extra, entry + length - 1 + slack)
    keep = entry <= end
    return {"traveller": traveller[keep], "entry": entry[keep], "length": length[keep],
            "labour": is_labour[keep], "permit_end": permit_end[keep], "over": over[keep]}


def _labour_entries(spec: TrafficSpec, rng: np.random.Generator, traveller: np.ndarray,
                    number: np.ndarray, over: np.ndarray, years: int) -> np.ndarray:
    """Spring arrivals (1 March plus up to three months), one season a year."""
    first_year = rng.integers(0, years, traveller.max(initial=0) + 1)
    year = spec.start.year + first_year[traveller] + number
    # The overstayer's season starts early enough for the stay to end in the period.
    year = np.where(over, np.minimum(year, spec.end.year - 1), year)
    # Seasons after the period get a day after its end (those trips are dropped).
    march = np.array([(date(y, 3, 1) - EPOCH).days for y in range(spec.start.year,
                                                                  spec.end.year + 1)]
                     + [(spec.end - EPOCH).days + 1000])
    index = np.minimum(year - spec.start.year, march.size - 1)
    return march[index] + rng.integers(0, 92, traveller.size)


def _visit_entries(rng: np.random.Generator, people: dict[str, np.ndarray],
                   traveller: np.ndarray, number: np.ndarray, over: np.ndarray,
                   start: int, end: int, commuting_after: np.ndarray) -> np.ndarray:
    """First arrival in a season's month, later ones a rule window or more apart; a
    commuter's (``commuting_after`` the length of the trip before, -1 for others) a
    week to three weeks after the last one ended."""
    seasons = np.array([c.season for c in CORRIDORS], dtype=float)
    seasons /= seasons.sum(axis=1, keepdims=True)
    corridor = people["corridor"][traveller]
    month = (rng.random(traveller.size)[:, None] > np.cumsum(seasons[corridor], axis=1)).sum(1)
    span_years = max(1, (end - start) // 365)
    first = start + 365 * rng.integers(0, span_years, traveller.size) + 30.4 * month \
        + rng.integers(0, 30, traveller.size)
    # The overstayer's long visit starts early enough to be seen over.
    first = np.where(over, start + rng.integers(0, max(1, end - start - 300), traveller.size),
                     first).astype(np.int64)
    gaps = VISIT_WINDOW + rng.exponential(120, traveller.size).astype(np.int64)
    commuting = commuting_after >= 0
    gaps[commuting] = commuting_after[commuting] + rng.integers(6, 21, int(commuting.sum()))
    gaps[number == 0] = 0
    return _cumulative_entries(first, gaps, number)


def _cumulative_entries(first: np.ndarray, gaps: np.ndarray, number: np.ndarray) -> np.ndarray:
    """Entry days: each traveller's first entry plus the running sum of the gaps."""
    head = np.maximum.accumulate(np.where(number == 0, np.arange(number.size), 0))
    running = np.cumsum(gaps)
    return first[head] + running - running[head]


def _events(spec: TrafficSpec, rng: np.random.Generator, people: dict[str, np.ndarray],
            trips: dict[str, np.ndarray], first_person: int, event_offset: int) -> pa.Table:
    """Entries, exits, refusals and transits of the trips, as one Arrow table."""
    start, end = (spec.start - EPOCH).days, (spec.end - EPOCH).days
    n = trips["entry"].size
    who = trips["traveller"]
    exit_day = trips["entry"] + trips["length"] - 1
    has_exit = exit_day <= end
    has_entry = trips["over"] | (rng.random(n) >= spec.missing_entry_share)
    entry_time = trips["entry"] * DAY_US + rng.integers(0, 12 * 3600, n) * 1_000_000
    exit_time = exit_day * DAY_US + rng.integers(12 * 3600, 24 * 3600, n) * 1_000_000
    # Refusals (two days before an entry) and transits (three days after an exit) stay
    # inside the period, so that its last day is the last entry or exit.
    refused = (rng.random(n) < spec.refused_share) & (trips["entry"] - 2 >= start)
    transit = (rng.random(n) < spec.transit_share) & (exit_day + 3 <= end)
    parts = [(has_entry, entry_time, 0), (has_exit, exit_time, 1),
             (refused & has_entry, entry_time - 2 * DAY_US, 2),
             (transit & has_exit, exit_time + 3 * DAY_US, 3)]
    index = np.concatenate([np.flatnonzero(mask) for mask, _t, _m in parts])
    movement = np.concatenate([np.full(int(mask.sum()), m, np.int8) for mask, _t, m in parts])
    when = np.concatenate([t[mask] for mask, t, _m in parts])
    traveller = who[index]
    country = people["country"][traveller]
    point = _points(rng, country)
    labour = trips["labour"][index]
    permit_end = np.where(labour, trips["permit_end"][index], 0).astype(np.int32)
    order = np.argsort(when, kind="stable")
    columns = {
        "event_id": event_offset + np.arange(1, index.size + 1, dtype=np.int64),
        "person_id": (first_person + traveller[order]).astype(np.int64),
        "crossed_at": pa.array(when[order], pa.int64()).cast(pa.timestamp("us")),
        "movement": _strings(("entry", "exit", "refused", "transit"), movement[order]),
        "point": pa.array(point[order], pa.string()),
        "country": pa.array(country[order], pa.string()),
        "nationality": pa.array(people["nationality"][traveller][order], pa.string()),
        "sex": pa.array(people["sex"][traveller][order], pa.string()),
        "birth_year": pa.array(people["birth_year"][traveller][order], pa.int16()),
        "permit_kind": _strings(("none", "work"), labour[order].astype(np.int8)),
        "permit_valid_until": pa.array(permit_end[order], pa.int32(),
                                       mask=~labour[order]).cast(pa.date32()),
    }
    return pa.table(columns, schema=EVENT_SCHEMA)


def _points(rng: np.random.Generator, country: np.ndarray) -> np.ndarray:
    point = np.empty(country.size, dtype=object)
    for iso3, codes in POINTS.items():
        at = np.flatnonzero(country == iso3)
        point[at] = np.array(codes, dtype=object)[rng.integers(0, len(codes), at.size)]
    return point.astype(str)


def _strings(labels: tuple[str, ...], codes: np.ndarray) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int8()),
                                          pa.array(labels)).cast(pa.string())
