"""Benchmark: candidate search ("is this person already known?") in a registry of 1M persons.

Run from the repository root:

    .venv/bin/python benchmarks/people_search.py                      # 1,000,000 persons
    .venv/bin/python benchmarks/people_search.py --registry 50000     # quick
    .venv/bin/python benchmarks/people_search.py --keep               # keep the database
    .venv/bin/python benchmarks/people_search.py --var-dir DIR        # reuse a kept one

A fresh SQLite database (migrations, reference data; like ``evidence_query.py``) is
filled with ``--registry`` records of the synthetic population, each registered as a
person (``crossroads.people.synthetic.load.load_into_db``: names, nationalities,
documents and comparison keys), as a registry before deduplication. Then ``--queries``
searches, each made from *another* record of a person in the registry (another
spelling, script or scheme, with its typos and missing fields, as an officer would
type it from the document in front of them):

* **Crossroads**: ``crossroads.people.matching.search.candidates(user, Query(...))``
  (key lookup in the database, then field-by-field scoring); latency p50/p95/max and
  how often a record of the true person is among the 10 candidates. Target: p95 under
  50 ms;
* **peer**: brute-force rapidfuzz, ``process.extract`` of the typed full name over
  the full names of all the registry's records (JaroWinkler, top 10), on fewer
  queries (``--peer-queries``), with the same hit measure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from common import fresh_database, machine, pin_cores, setup_django

TARGET_P95_SECONDS = 0.050
RECORDS_PER_PERSON = 2.5


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def build_registry(size: int, seed: int) -> tuple[Any, float]:
    """Generate ``size`` records, load them as persons; the records and the load time."""
    from crossroads.people.synthetic import generate
    from crossroads.people.synthetic.load import load_into_db
    from crossroads.users.models import Organisation

    persons = max(1, round(size / RECORDS_PER_PERSON))
    start = time.perf_counter()
    records = generate(persons, seed=seed)
    generated = time.perf_counter() - start
    organisation, _created = Organisation.objects.get_or_create(
        acronym="BENCH", defaults={"name": "Benchmark registry", "kind": "government"})
    start = time.perf_counter()
    counts = load_into_db(records, organisation)
    loaded = time.perf_counter() - start
    print(f"  {len(records):,} records of {persons:,} persons generated in {generated:.1f} s, "
          f"loaded in {loaded:.1f} s: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    return records, loaded


def make_queries(records: Any, count: int, seed: int) -> list[tuple[dict[str, Any], int, int]]:
    """(typed record, its unique_id, true_id) for records of persons with several records."""
    several = records.groupby("true_id")["unique_id"].transform("size") > 1
    pool = records[several & (records["family"] != "")]
    rng = random.Random(seed)
    picked = rng.sample(range(len(pool)), min(count, len(pool)))
    return [(pool.iloc[i].to_dict(), int(pool.iloc[i]["unique_id"]),
             int(pool.iloc[i]["true_id"])) for i in picked]


def query_of(record: dict[str, Any]) -> Any:
    from crossroads.people.dates import PartialDate
    from crossroads.people.matching.search import Query

    def number(value: Any) -> int | None:
        try:
            return None if value is None or value != value else int(value)
        except (TypeError, ValueError):
            return None

    documents = list(record.get("document_numbers") or [])
    nationalities = list(record.get("nationalities") or [])
    return Query(given=record["given"] or "", family=record["family"] or "",
                 patronymic=record["patronymic"] or "",
                 birth=PartialDate(number(record["birth_year"]), number(record["birth_month"]),
                                   number(record["birth_day"])),
                 sex=record["sex"] or "", nationality=nationalities[0] if nationalities else "",
                 document_number=documents[0] if documents else "",
                 language=record["language"] or "")


def run_crossroads(queries: list[tuple[dict[str, Any], int, int]],
                   truth: dict[int, tuple[int, int]], user: Any) -> tuple[list[float], int, int]:
    """Latencies, hits (true person among the candidates, the query's own record left
    out) and how many queries could have hit."""
    from crossroads.people.matching.search import candidates

    latencies, hits = [], 0
    for record, own_record, true_id in queries:
        query = query_of(record)
        start = time.perf_counter()
        found = candidates(user, query)
        latencies.append(time.perf_counter() - start)
        found_records = [truth[c.person.pk] for c in found if c.person.pk in truth]
        if any(t == true_id and uid != own_record for uid, t in found_records):
            hits += 1
    return latencies, hits, len(queries)


def run_peer(queries: list[tuple[dict[str, Any], int, int]], names: list[str],
             owners: list[tuple[int, int]]) -> tuple[list[float], int]:
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler

    latencies, hits = [], 0
    for record, own_record, true_id in queries:
        typed = f"{record['given'] or ''} {record['family'] or ''}".strip()
        start = time.perf_counter()
        found = process.extract(typed, names, scorer=JaroWinkler.normalized_similarity,
                                limit=11)
        latencies.append(time.perf_counter() - start)
        others = [owners[i] for _name, _score, i in found if owners[i][0] != own_record][:10]
        hits += any(t == true_id for _uid, t in others)
    return latencies, hits


def officer(organisation: Any) -> Any:
    """A user of the registry's organisation allowed to view its persons (as the demo's
    operational roles are: those registered by, or cited by records of, the organisation)."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from crossroads.people.demo import OWN_OR_CITED, THEIRS
    from crossroads.people.models import IdentityDocument, Nationality, Person, PersonName
    from crossroads.users.models import ObjectPermission

    user, created = get_user_model().objects.get_or_create(
        username="bench-officer", defaults={"organisation": organisation})
    if created:
        for models, constraints in (((Person,), OWN_OR_CITED),
                                    ((PersonName, Nationality, IdentityDocument), THEIRS)):
            permission = ObjectPermission.objects.create(
                name=f"bench: view {models[0].__name__}", actions=["view"],
                constraints=constraints)
            permission.object_types.set([ContentType.objects.get_for_model(m) for m in models])
            permission.users.add(user)
    return user


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", type=int, default=1_000_000,
                        help="records in the registry, each a person (default 1,000,000)")
    parser.add_argument("--queries", type=int, default=300, help="searches (default 300)")
    parser.add_argument("--peer-queries", type=int, default=30,
                        help="searches of the brute-force peer (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the population")
    parser.add_argument("--cores", type=int, default=2, help="CPUs to run on (0: all)")
    parser.add_argument("--keep", action="store_true", help="keep the database (folder printed)")
    parser.add_argument("--var-dir", type=Path, help="reuse a database kept with --keep "
                                                     "(with the same --registry and --seed)")
    args = parser.parse_args()
    print("Crossroads people candidate-search benchmark")
    print("\n".join("  " + line for line in machine()), f"\n  pinned to {pin_cores(args.cores)}")
    from crossroads.people.synthetic import generate

    if args.var_dir:
        setup_django(args.var_dir)
        records = generate(max(1, round(args.registry / RECORDS_PER_PERSON)), seed=args.seed)
        print(f"  reusing {args.var_dir}")
    else:
        var_dir, timings = fresh_database(args.keep)
        print(f"  database {var_dir}: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
        records, _loaded = build_registry(args.registry, args.seed)
    from crossroads.people.models import Person

    # person pk → (unique_id of the record it was loaded from, true person)
    by_note = dict(zip(records["unique_id"], records["true_id"], strict=True))
    truth: dict[int, tuple[int, int]] = {}
    for pk, note in Person.objects.values_list("pk", "notes").iterator(chunk_size=50000):
        uid = int(note.rsplit(" ", 1)[-1])
        truth[pk] = (uid, int(by_note[uid]))
    print(f"  registry: {len(truth):,} persons")
    queries = make_queries(records, args.queries, args.seed)
    from crossroads.users.models import Organisation

    user = officer(Organisation.objects.get(acronym="BENCH"))
    run_crossroads(queries[:5], truth, user)  # warm the caches and the connection
    latencies, hits, total = run_crossroads(queries, truth, user)
    p95 = percentile(latencies, 0.95)
    print(f"\nCrossroads candidates(user, Query(...)), {total} searches, top 10")
    print(f"  p50 {statistics.median(latencies) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
          f"max {max(latencies) * 1000:7.1f} ms   true person found: {hits / total:.1%}")
    print(f"  Target: p95 under {TARGET_P95_SECONDS * 1000:.0f} ms: "
          f"{'PASS' if p95 < TARGET_P95_SECONDS else 'MISS'}")
    names = [f"{g} {f}".strip() for g, f in zip(records["given"], records["family"],
                                                 strict=True)]
    owners = list(zip(records["unique_id"].astype(int), records["true_id"].astype(int),
                      strict=True))
    peer_queries = queries[: args.peer_queries]
    peer_latencies, peer_hits = run_peer(peer_queries, names, owners)
    ours_same = latencies[: len(peer_queries)]
    print(f"\nPeer: rapidfuzz process.extract (JaroWinkler) over {len(names):,} full names, "
          f"{len(peer_queries)} searches")
    print(f"  p50 {statistics.median(peer_latencies) * 1000:7.1f} ms   p95 "
          f"{percentile(peer_latencies, 0.95) * 1000:7.1f} ms   true person found: "
          f"{peer_hits / len(peer_queries):.1%} (Crossroads on the same searches: p50 "
          f"{statistics.median(ours_same) * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
