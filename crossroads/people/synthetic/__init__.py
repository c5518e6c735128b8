"""The project's own synthetic population, for tests, the demo and the benchmarks.

:func:`generate` makes records of persons of the region's nationalities, with names
in their native scripts rendered through the transliteration schemes as real
documents render them, realistic noise and the ground truth (``true_id``);
:func:`to_parquet` writes them; :func:`load_into_db` registers them as persons.
"""

from __future__ import annotations

from typing import Any

from crossroads.people.synthetic.noise import NO_NOISE, NoiseRates
from crossroads.people.synthetic.population import population
from crossroads.people.synthetic.records import COLUMNS, from_parquet, generate, to_parquet

__all__ = ["COLUMNS", "NO_NOISE", "NoiseRates", "from_parquet", "generate", "load_into_db",
           "population", "to_parquet"]


def load_into_db(*args: Any, **kwargs: Any) -> dict[str, int]:
    """See :func:`crossroads.people.synthetic.load.load_into_db` (imported late: it needs
    Django's models)."""
    from crossroads.people.synthetic.load import load_into_db as load

    return load(*args, **kwargs)
