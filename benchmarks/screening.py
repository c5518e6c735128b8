"""Benchmark: screening travellers against watchlists (batch and single, with a peer).

Run from the repository root:

    .venv/bin/python benchmarks/screening.py                         # full size
    .venv/bin/python benchmarks/screening.py --entries 20000 --travellers 2000 \\
        --db-entries 100000                                          # quick
    .venv/bin/python benchmarks/screening.py --skip-db               # batch part only

Data: the synthetic population (``crossroads.people.synthetic.generate``), two records
per person, each a rendering as real documents give it (native script, national
passport schemes, ICAO, MRZ, German, French and English-language registers) with the
default noise (typing slips, swapped parts, partial dates, missing fields). One record
of each person becomes a watchlist entry; a traveller is the person's *other* record,
so finding the entry means meeting another spelling, script or scheme.

1. **Batch**: ``--travellers`` travellers against ``--entries`` entries.
   * Crossroads: ``ScreeningIndex`` (in-memory key → entries index, then the field-by-
     field scoring of ``screen()``); recall = the traveller's own entry among the hits.
     Timed in one process (the peer uses every pinned core).
   * Peer: brute-force rapidfuzz ``process.cdist`` of the full names ("given family")
     over all pairs (JaroWinkler, both cores), an entry counted found when it is among
     the traveller's 10 best; run in the same process on the same data.
   Targets: recall >= 0.99; at least 10x faster than the peer.
2. **Single (database)**: one traveller at a time against ``--db-entries`` entries in
   SQLite (``screen()``: indexed key lookup, then scoring). Target: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from typing import Any

from common import fresh_database, machine, peak_memory_mib, pin_cores

TARGET_RECALL = 0.99
TARGET_SPEEDUP = 10.0
TARGET_P95_SECONDS = 0.050
PEER_TOP = 10
PEER_CHUNK = 250


def number(value: Any) -> int | None:
    try:
        return None if value is None or value != value else int(value)
    except (TypeError, ValueError):
        return None


def first(values: Any) -> str:
    values = list(values) if values is not None else []
    return str(values[0]) if values else ""


def split(records: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(entry record, traveller record) per person: the first and the second record."""
    rows = records.to_dict("records")
    entries: list[dict[str, Any]] = []
    travellers: list[dict[str, Any]] = []
    seen: set[int] = set()
    for row in rows:
        (travellers if row["true_id"] in seen else entries).append(row)
        seen.add(row["true_id"])
    return entries, travellers


def entry_of(row: dict[str, Any], pk: int) -> Any:
    from crossroads.watchlists.models import WatchlistEntry

    return WatchlistEntry(
        pk=pk, watchlist_id=1, family=row["family"] or "", given=row["given"] or "",
        patronymic=row["patronymic"] or "", language=row["language"] or "",
        birth_year=number(row["birth_year"]), birth_month=number(row["birth_month"]),
        birth_day=number(row["birth_day"]), sex=row["sex"] or "U",
        nationality=first(row["nationalities"]), document_number=first(row["document_numbers"]),
        document_key="".join(ch for ch in first(row["document_numbers"]).upper()
                             if ch.isalnum()),
        action="refuse_entry")


def traveller_of(row: dict[str, Any]) -> Any:
    from crossroads.people.dates import PartialDate
    from crossroads.watchlists.screening import Traveller

    return Traveller(
        family=row["family"] or "", given=row["given"] or "",
        patronymic=row["patronymic"] or "",
        birth=PartialDate(number(row["birth_year"]), number(row["birth_month"]),
                          number(row["birth_day"])),
        sex=row["sex"] if row["sex"] in ("F", "M") else "",
        nationality=first(row["nationalities"]), document_number=first(row["document_numbers"]),
        language=row["language"] or "")


def full_name(row: dict[str, Any]) -> str:
    return f"{row['given'] or ''} {row['family'] or ''}".strip()


def batch(entries_count: int, travellers_count: int, seed: int) -> None:
    from crossroads.people.synthetic import generate
    from crossroads.watchlists.screening import ScreeningIndex

    start = time.perf_counter()
    records = generate(entries_count, seed=seed, records_per_person=(2, 2))
    entry_rows, traveller_rows = split(records)
    picked = random.Random(seed).sample(range(len(traveller_rows)),
                                        min(travellers_count, len(traveller_rows)))
    traveller_rows = [traveller_rows[i] for i in picked]
    truth = [int(row["true_id"]) for row in traveller_rows]
    entry_person = [int(row["true_id"]) for row in entry_rows]
    print(f"\n1. Batch: {len(traveller_rows):,} travellers against {len(entry_rows):,} entries "
          f"(data made in {time.perf_counter() - start:.1f} s)")

    start = time.perf_counter()
    index = ScreeningIndex(entry_of(row, pk) for pk, row in enumerate(entry_rows))
    built = time.perf_counter() - start
    travellers = [traveller_of(row) for row in traveller_rows]
    start = time.perf_counter()
    results = [index.screen(t) for t in travellers]
    ours = time.perf_counter() - start
    found = sum(any(entry_person[h.entry.pk] == person for h in hits)
                for hits, person in zip(results, truth, strict=True))
    hits_per = statistics.mean(len(h) for h in results)
    recall = found / len(travellers)
    print(f"  Crossroads ScreeningIndex: index of {len(index.by_key):,} keys built in "
          f"{built:.1f} s; screening {ours:.2f} s ({ours / len(travellers) * 1000:.2f} ms "
          f"per traveller, one process); recall {recall:.4f}; {hits_per:.2f} hits per "
          "traveller")

    peer_seconds, peer_found = run_peer([full_name(r) for r in traveller_rows],
                                        [full_name(r) for r in entry_rows], truth, entry_person)
    print(f"  Peer rapidfuzz process.cdist (JaroWinkler, all pairs, top {PEER_TOP}, "
          f"workers=-1): {peer_seconds:.1f} s; recall {peer_found / len(travellers):.4f}")
    print(f"  Target recall >= {TARGET_RECALL}: {recall:.4f} "
          f"{'PASS' if recall >= TARGET_RECALL else 'MISS'}")
    speedup = peer_seconds / ours if ours else float("inf")
    print(f"  Target >= {TARGET_SPEEDUP:.0f}x faster than the peer: {speedup:.1f}x "
          f"{'PASS' if speedup >= TARGET_SPEEDUP else 'MISS'}"
          f" (with the index build: {peer_seconds / (ours + built):.1f}x)")


def run_peer(queries: list[str], choices: list[str], truth: list[int],
             entry_person: list[int]) -> tuple[float, int]:
    """Seconds and hits of the brute-force peer (the matrix in chunks of travellers, so
    that it fits in memory; the chunking costs the peer nothing)."""
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler

    people = np.asarray(entry_person)
    found = 0
    start = time.perf_counter()
    for low in range(0, len(queries), PEER_CHUNK):
        scores = process.cdist(queries[low:low + PEER_CHUNK], choices,
                               scorer=JaroWinkler.normalized_similarity, dtype=np.float32,
                               workers=-1)
        best = np.argpartition(-scores, PEER_TOP, axis=1)[:, :PEER_TOP]
        for row, person in zip(best, truth[low:low + PEER_CHUNK], strict=True):
            found += bool((people[row] == person).any())
    return time.perf_counter() - start, found


def load_entries(rows: list[dict[str, Any]]) -> int:
    """Write entries and their keys with raw inserts (as the people loader does)."""
    from django.db import connection, transaction

    from crossroads.people.names.keys import name_keys
    from crossroads.people.synthetic.load import Table
    from crossroads.users.models import Organisation
    from crossroads.watchlists.models import EntryKey, Watchlist, WatchlistEntry

    organisation, _created = Organisation.objects.get_or_create(
        acronym="BENCH", defaults={"name": "Benchmark border police", "kind": "government"})
    watchlist = Watchlist.objects.create(name="Benchmark list", kind="regional",
                                         organisation=organisation)
    entries = Table(WatchlistEntry, ("watchlist", "family", "given", "patronymic", "language",
                                     "birth_year", "birth_month", "birth_day", "sex",
                                     "nationality", "document_number", "document_key",
                                     "action"))
    keys = Table(EntryKey, ("entry", "part", "key", "birth_year"))
    for start in range(0, len(rows), 20000):
        for row in rows[start:start + 20000]:
            entry = entry_of(row, 0)
            pk = entries.add(watchlist.pk, entry.family, entry.given, entry.patronymic,
                             entry.language, entry.birth_year, entry.birth_month,
                             entry.birth_day, entry.sex, entry.nationality,
                             entry.document_number, entry.document_key, entry.action)
            for part in ("family", "given", "patronymic"):
                for key in sorted(name_keys(getattr(entry, part), entry.language)):
                    keys.add(pk, part, key, entry.birth_year)
        with transaction.atomic(), connection.cursor() as cursor:
            entries.flush(cursor)
            keys.flush(cursor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return EntryKey.objects.count()


def single(entries_count: int, queries: int, seed: int) -> None:
    from crossroads.people.synthetic import generate
    from crossroads.watchlists.models import WatchlistEntry
    from crossroads.watchlists.screening import screen

    start = time.perf_counter()
    records = generate(entries_count, seed=seed + 1, records_per_person=(2, 2))
    entry_rows, traveller_rows = split(records)
    made = time.perf_counter() - start
    start = time.perf_counter()
    key_rows = load_entries(entry_rows)
    loaded = time.perf_counter() - start
    print(f"\n2. Single traveller, database path (SQLite): {len(entry_rows):,} entries, "
          f"{key_rows:,} keys (data made in {made:.1f} s, loaded in {loaded:.1f} s)")
    first_pk = WatchlistEntry.objects.order_by("pk").values_list("pk", flat=True)[0]
    entry_person = [int(r["true_id"]) for r in entry_rows]
    picked = random.Random(seed).sample(range(len(traveller_rows)), queries)
    for i in picked[:5]:
        screen(traveller_of(traveller_rows[i]))  # warm the caches and the connection
    latencies, found = [], 0
    for i in picked:
        traveller = traveller_of(traveller_rows[i])
        start = time.perf_counter()
        hits = screen(traveller)
        latencies.append(time.perf_counter() - start)
        person = int(traveller_rows[i]["true_id"])
        found += any(entry_person[h.entry.pk - first_pk] == person for h in hits)
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"  screen(Traveller(...)), {queries} travellers: p50 "
          f"{statistics.median(latencies) * 1000:.1f} ms   p95 {p95 * 1000:.1f} ms   max "
          f"{max(latencies) * 1000:.1f} ms   recall {found / queries:.4f}")
    print(f"  Target: p95 under {TARGET_P95_SECONDS * 1000:.0f} ms: "
          f"{'PASS' if p95 < TARGET_P95_SECONDS else 'MISS'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000, help="batch: entries")
    parser.add_argument("--travellers", type=int, default=10_000, help="batch: travellers")
    parser.add_argument("--db-entries", type=int, default=1_000_000,
                        help="single: entries in the database")
    parser.add_argument("--queries", type=int, default=300, help="single: travellers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cores", type=int, default=2, help="CPUs to run on (0: all)")
    parser.add_argument("--skip-db", action="store_true", help="the batch part only")
    parser.add_argument("--skip-batch", action="store_true", help="the database part only")
    args = parser.parse_args()
    print("Crossroads watchlist screening benchmark")
    print("\n".join("  " + line for line in machine()), f"\n  pinned to {pin_cores(args.cores)}")
    var_dir, timings = fresh_database(keep=False)
    print(f"  database {var_dir}: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    if not args.skip_batch:
        batch(args.entries, args.travellers, args.seed)
    if not args.skip_db:
        single(args.db_entries, args.queries, args.seed)
    print(f"\n  peak memory {peak_memory_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
