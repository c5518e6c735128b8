"""What the evidence benchmarks share: the machine, a fresh database, timing helpers."""

from __future__ import annotations

import os
import platform
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def pin_cores(cores: int) -> str:
    """Run on at most ``cores`` CPUs (the targets are stated for 2 cores)."""
    available = sorted(os.sched_getaffinity(0))
    chosen = set(available[:cores]) if cores else set(available)
    os.sched_setaffinity(0, chosen)
    return f"{len(chosen)} of {len(available)} available cores (CPUs {sorted(chosen)})"


def machine() -> list[str]:
    """The machine the figures were measured on."""
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kib = 0
    with open("/proc/meminfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores",
        f"RAM: {memory_kib / 1024 / 1024:.1f} GiB",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}",
    ]


def setup_django(var_dir: Path) -> None:
    """Point Crossroads at a database in ``var_dir`` (SQLite) and start Django."""
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["CROSSROADS_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'crossroads.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "crossroads.settings"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def fresh_database(keep: bool) -> tuple[Path, dict[str, float]]:
    """A new var dir with migrations, reference data and evidence definitions loaded."""
    var_dir = Path(tempfile.mkdtemp(prefix="crossroads-bench-"))
    setup_django(var_dir)
    from django.core.management import call_command

    from crossroads.evidence.definitions import load_definitions
    from crossroads.reference.loaders import load_reference

    timings = {}
    timings["migrate"] = timed(lambda: call_command("migrate", verbosity=0, interactive=False))
    timings["load-reference"] = timed(load_reference)
    timings["load evidence definitions"] = timed(load_definitions)
    if not keep:
        import atexit
        import shutil

        atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    return var_dir, timings


def timed(work: Callable[[], Any]) -> float:
    """Seconds ``work`` takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def median_time(work: Callable[[], Any], runs: int, before: Callable[[], Any] | None = None
                ) -> float:
    """Median seconds of ``runs`` calls of ``work`` (``before`` runs untimed before each)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        times.append(timed(work))
    return statistics.median(times)


def peak_memory_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def verdict(measured: float, target: float) -> str:
    """PASS or MISS against a target (lower is better)."""
    return "PASS" if measured < target else "MISS"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"
