"""Benchmark: build the migration profiles of a region (HTML and PDF) against key figures.

Run from the repository root:

    .venv/bin/python benchmarks/profiles_build.py [--var-dir DIR] [--cores 2] [--workers N]

Without ``--var-dir`` a fresh SQLite database is made and every shipped source
imported (see ``evidence_import.py``; its ``--keep`` leaves a database to reuse here;
a copy of the demo database works too). Then, for SEEECA and 2013:

* ``profiles.batch.build_profiles`` (what ``crossroads profiles build`` runs): the
  HTML of the 20 members and the region (content and template), target under 20 s;
  then the PDFs of all 21 in ``--workers`` processes (default: the pinned cores),
  target under 2 minutes on 2 cores;
* the peer: the evidence key figures of the same 21 areas and year
  (``evidence.services.keyfigures.key_figures`` rendered to JSON as the key-figures
  page's ``.json`` does), so the reader sees what a profile costs beyond them.

Both start from an empty Django cache, so neither is answered by the other's queries.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import machine, pin_cores, verdict
from evidence_query import prepare, reuse

REGION, YEAR = "SEEECA", 2013
TARGET_HTML_SECONDS = 20.0
TARGET_PDF_SECONDS = 120.0


def reader() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model()(username="benchmark", is_superuser=True, is_active=True)


def bench_key_figures(user: Any, codes: list[str]) -> tuple[float, int]:
    """Seconds and bytes of the key figures (JSON) of ``codes`` for the year, cache empty."""
    from django.core.cache import cache

    from crossroads.evidence.pages.keyfigures import as_json
    from crossroads.evidence.services.keyfigures import key_figures

    cache.clear()
    start = time.perf_counter()
    size = 0
    for code in codes:
        size += len(json.dumps(as_json(key_figures(user, code, year=YEAR)), ensure_ascii=False))
    return time.perf_counter() - start, size


def children_cpu() -> float:
    """CPU seconds of the finished child processes (the PDF workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_profiles(user: Any, workers: int, output: Path) -> Any:
    from django.core.cache import cache

    from crossroads.profiles.batch import build_profiles

    cache.clear()
    return build_profiles(user, REGION, YEAR, output=output, pdf=True, workers=workers)


def report_areas(report: Any) -> None:
    print(f"  {'area':10} {'HTML':>8} {'PDF':>8} {'HTML KiB':>9} {'PDF KiB':>8}")
    for area in report.areas:
        html = area.html.stat().st_size // 1024 if area.html else 0
        pdf = area.pdf.stat().st_size // 1024 if area.pdf else 0
        print(f"  {area.code:10} {area.html_seconds:7.2f}s {area.pdf_seconds:7.2f}s "
              f"{html:9} {pdf:8}{'  ' + area.error if area.error else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", type=Path, help="reuse the database in this folder")
    parser.add_argument("--cores", type=int, default=2, help="CPUs to run on (0: all)")
    parser.add_argument("--workers", type=int, default=0,
                        help="PDF worker processes (default: the cores pinned)")
    args = parser.parse_args()
    print("Crossroads migration profiles benchmark")
    print("\n".join(["  " + line for line in machine()]), f"\n  pinned to {pin_cores(args.cores)}")
    if args.var_dir:
        reuse(args.var_dir)
    else:
        prepare()
    from crossroads.evidence.models import Observation
    from crossroads.evidence.services.snapshot import Reference

    print(f"  {Observation.objects.count()} observations; load average "
          f"{os.getloadavg()[0]:.1f}")
    user = reader()
    ref = Reference.load()
    region = ref.area(REGION)
    codes = [ref.areas[pk].code for pk in ref.members[region.pk]] + [REGION]
    workers = args.workers or len(os.sched_getaffinity(0))

    peer, size = bench_key_figures(user, codes)
    cpu, children = time.process_time(), children_cpu()
    with tempfile.TemporaryDirectory(prefix="crossroads-profiles-") as output:
        report = bench_profiles(user, workers, Path(output))
        cpu, children = time.process_time() - cpu, children_cpu() - children
        print(f"\nProfiles of {REGION}, {YEAR}: {len(report.areas)} areas, "
              f"PDFs in {workers} worker processes")
        report_areas(report)
    html, pdf = report.html_seconds, report.pdf_seconds
    print(f"\n  HTML, all {len(codes)}: {html:.1f} s ({html / len(codes):.2f} s per area)")
    print(f"  PDF, all {len(codes)}:  {pdf:.1f} s ({pdf / len(codes):.2f} s per area, wall)")
    print(f"  CPU: {cpu:.1f} s in this process (HTML), {children:.1f} s in the PDF workers")
    print(f"  peer: key figures (JSON) of the same {len(codes)} areas: {peer:.1f} s "
          f"({size // 1024} KiB); the profiles' HTML is {html / peer:.1f}x that")
    if report.failed:
        print(f"  FAILED: {', '.join(a.code for a in report.failed)}")
    print(f"Target: HTML of all {len(codes)} under {TARGET_HTML_SECONDS:.0f} s: "
          f"{verdict(html, TARGET_HTML_SECONDS)} ({html:.1f} s)")
    print(f"Target: PDF of all {len(codes)} under {TARGET_PDF_SECONDS:.0f} s: "
          f"{verdict(pdf, TARGET_PDF_SECONDS)} ({pdf:.1f} s)")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
