"""Benchmark: import every shipped source from scratch, against a pandas read of the same files.

Run from the repository root:

    .venv/bin/python benchmarks/evidence_import.py [--cores 2] [--keep] [--peer-runs 3]

A fresh SQLite database is made in a temporary CROSSROADS_VAR_DIR (migrate,
load-reference, evidence definitions), then ``import_all`` (what ``crossroads import
all`` runs) imports every shipped source. The peer is the time pandas (with the
calamine engine for spreadsheets) takes just to read the same raw files into
DataFrames: no crosswalk, no checks, no database. Target: the full import under 60 s
on 2 cores. ``--keep`` keeps the database (its folder is printed) for
``evidence_query.py --var-dir``.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

from common import fresh_database, machine, peak_memory_mib, pin_cores, timed, verdict

TARGET_SECONDS = 60.0


class Lap(NamedTuple):
    """Seconds of one step: wall clock and CPU of this process."""

    wall: float
    cpu: float


class LapProgress:
    """Progress that notes when each importer of ``import_all`` finishes."""

    def __init__(self) -> None:
        #: Wall-clock and CPU seconds of each importer.
        self.laps: dict[str, Lap] = {}
        self.last = (time.perf_counter(), time.process_time())

    def start(self, total: int, message: str) -> None:
        self.last = (time.perf_counter(), time.process_time())

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        if steps < 1:
            return  # a message from inside an importer
        now = (time.perf_counter(), time.process_time())
        name = (message or "?").split(":", 1)[0]
        self.laps[name] = Lap(now[0] - self.last[0], now[1] - self.last[1])
        self.last = now


class PhaseTimer:
    """Wall-clock seconds each importer spends reading, checking and writing.

    Wraps ``Importer.read_all``, ``check`` and ``write`` for the run (three calls per
    importer: the overhead is nothing).
    """

    PHASES = ("read_all", "check", "write")

    def __init__(self) -> None:
        self.seconds: dict[str, dict[str, float]] = {}

    def install(self) -> None:
        from crossroads.evidence.importers.base import Importer

        for phase in self.PHASES:
            setattr(Importer, phase, self.wrap(phase, getattr(Importer, phase)))

    def wrap(self, phase: str, method: Any) -> Any:
        def timed_phase(importer: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(importer, *args, **kwargs)
            finally:
                phases = self.seconds.setdefault(importer.name, {})
                phases[phase] = phases.get(phase, 0.0) + time.perf_counter() - start
        return timed_phase


def csv_layout(path: Path) -> tuple[str, int]:
    """The encoding (UTF-8 if the bytes allow, else Latin-1) and the widest row of a CSV.

    Worked out before timing, as someone writing the pandas read would know the layout.
    """
    raw = path.read_bytes()
    try:
        raw.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "latin-1"
    with path.open(encoding=encoding, newline="") as handle:
        width = max((len(row) for row in csv.reader(handle)), default=1)
    return encoding, width


def pandas_reader(path: Path) -> Any:
    """A function reading ``path`` into DataFrames (every sheet of a workbook)."""
    import pandas as pd

    if path.suffix.lower() == ".csv":
        encoding, width = csv_layout(path)
        return lambda: pd.read_csv(path, header=None, names=range(width), dtype=str,
                                   encoding=encoding, keep_default_na=False)
    return lambda: pd.read_excel(path, sheet_name=None, header=None, engine="calamine")


def peer_times(importers: list[Any], runs: int) -> dict[str, float]:
    """Median seconds pandas takes to read each importer's shipped files."""
    times = {}
    for cls in importers:
        readers = [pandas_reader(path) for path in cls().shipped_paths()]
        times[cls.name] = statistics.median(
            sum(timed(read) for read in readers) for _ in range(runs))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cores", type=int, default=2, help="CPUs to run on (0: all)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of the pandas peer")
    args = parser.parse_args()
    print("Crossroads evidence import benchmark")
    print("\n".join(["  " + line for line in machine()]), f"\n  pinned to {pin_cores(args.cores)}")
    var_dir, setup = fresh_database(keep=args.keep)
    print(f"  database: {var_dir / 'crossroads.sqlite3'}")
    print("Setting up (not part of the target):")
    for step, seconds in setup.items():
        print(f"  {step:28} {seconds:7.2f} s")
    return run(var_dir, args.peer_runs)


def run(var_dir: Path, peer_runs: int) -> int:
    from crossroads.evidence.importers import registry
    from crossroads.evidence.importers.base import ImportFailed
    from crossroads.evidence.importers.batch import import_all
    from crossroads.evidence.models import Observation

    importers = registry.shipped()
    if not importers:
        print("No importer has shipped files yet: nothing to measure.")
        return 1
    laps, phases = LapProgress(), PhaseTimer()
    phases.install()
    load_before = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        reports = import_all(laps)
    except ImportFailed as error:
        print(f"The import failed (nothing of that source was written):\n{error}")
        return 1
    total = Lap(time.perf_counter() - wall, time.process_time() - cpu)
    peak = peak_memory_mib()
    load_after = os.getloadavg()[0]
    observations = Observation.objects.count()
    import pandas  # noqa: F401  (loaded before the peer is timed)

    peer = peer_times(importers, peer_runs)
    report(importers, reports, laps.laps, peer, total, observations)
    report_phases(importers, phases.seconds)
    print(f"Peak memory (maxrss of the process after the import): {peak:.0f} MiB")
    print(f"Load average (1 min) before/after the import: {load_before:.1f} / {load_after:.1f}"
          + (" — the machine was busy: wall times are inflated, CPU times are the better "
             "measure" if max(load_before, load_after) > len(os.sched_getaffinity(0)) else ""))
    return 0


def report(importers: list[Any], reports: dict[str, Any], laps: dict[str, Lap],
           peer: dict[str, float], total: Lap, observations: int) -> None:
    print(f"\nImport of every shipped source ({len(importers)} importers):")
    print(f"  {'importer':30} {'observations':>12} {'wall':>8} {'CPU':>8} {'obs/s':>7} "
          f"{'pandas':>7} {'ratio':>7}")
    for cls in importers:
        lap, written = laps.get(cls.name, Lap(0.0, 0.0)), reports[cls.name]["written"]
        print(f"  {cls.name:30} {written:12} {lap.wall:7.2f}s {lap.cpu:7.2f}s "
              f"{written / lap.wall if lap.wall else 0:7.0f} {peer[cls.name]:6.2f}s "
              f"{lap.wall / peer[cls.name] if peer[cls.name] else 0:6.0f}x")
    other = total.wall - sum(lap.wall for lap in laps.values())
    print(f"  {'(definitions check)':30} {'':12} {other:7.2f}s")
    peer_total = sum(peer.values())
    print(f"  {'total':30} {observations:12} {total.wall:7.2f}s {total.cpu:7.2f}s "
          f"{observations / total.wall:7.0f} {peer_total:6.2f}s {total.wall / peer_total:6.0f}x")
    print(f"\nPeer (pandas + calamine reading the same {sum(len(c.files) for c in importers)} "
          f"files into DataFrames, median of runs): {peer_total:.2f} s; Crossroads import: "
          f"{total.wall:.2f} s wall ({total.cpu:.2f} s CPU), {total.wall / peer_total:.0f}× "
          "the peer.")
    print(f"Per observation: {total.wall / max(observations, 1) * 1e6:.0f} µs wall")
    print(f"Target: full import under {TARGET_SECONDS:.0f} s on 2 cores: "
          f"{verdict(total.wall, TARGET_SECONDS)} ({total.wall:.1f} s wall)")


def report_phases(importers: list[Any], seconds: dict[str, dict[str, float]]) -> None:
    print("\nWhere the time goes (wall seconds): read = parse the files, check = crosswalk, "
          "indicators, periods, duplicates; write = the database")
    totals = dict.fromkeys(PhaseTimer.PHASES, 0.0)
    for cls in importers:
        phases = seconds.get(cls.name, {})
        for phase in PhaseTimer.PHASES:
            totals[phase] += phases.get(phase, 0.0)
        print(f"  {cls.name:30} " + "  ".join(
            f"{phase.replace('_all', '')} {phases.get(phase, 0.0):6.2f}s"
            for phase in PhaseTimer.PHASES))
    print(f"  {'total':30} " + "  ".join(
        f"{phase.replace('_all', '')} {totals[phase]:6.2f}s" for phase in PhaseTimer.PHASES))


if __name__ == "__main__":
    sys.exit(main())
