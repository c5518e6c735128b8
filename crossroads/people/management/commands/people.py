"""crossroads people generate --persons N --seed S [--parquet PATH] [--load --organisation X]"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from crossroads.users.models import Organisation


class Command(BaseCommand):
    help = ("Synthetic persons: 'people generate --persons 10000 --seed 1' makes records of "
            "persons of the region's nationalities, with names in their native scripts "
            "rendered as passports, older documents and registers abroad render them, with "
            "typing errors and muddled dates, and the true person of every record. "
            "--parquet writes them to a file; --load registers every record as a person of "
            "--organisation (a registry to deduplicate and search).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["generate"], help="What to do: 'generate'.")
        parser.add_argument("--persons", type=int, required=True,
                            help="How many persons (each gets 1 to 4 records by default)")
        parser.add_argument("--seed", type=int, default=0,
                            help="Random seed: the same seed gives the same records (default 0)")
        parser.add_argument("--records", default="1-4",
                            help="Records per person, as a range 'MIN-MAX' (default 1-4)")
        parser.add_argument("--parquet", type=Path, default=None,
                            help="Write the records to this Parquet file")
        parser.add_argument("--load", action="store_true",
                            help="Register every record as a person in the database")
        parser.add_argument("--organisation", default=None,
                            help="Acronym of the organisation that registers them (with --load)")
        parser.add_argument("--quiet", action="store_true",
                            help="No progress bar and no summary.")

    def handle(self, *args: Any, **options: Any) -> None:
        from crossroads.people.synthetic import generate, to_parquet

        quiet = options["quiet"] or options["verbosity"] == 0
        if options["persons"] < 1:
            raise CommandError("--persons must be at least 1.")
        low, high = records_range(options["records"])
        organisation = None
        if options["load"]:
            organisation = find_organisation(options["organisation"])
        elif options["organisation"]:
            raise CommandError("--organisation is used with --load only.")
        start = time.perf_counter()
        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(*columns, disable=quiet, transient=True) as bar:
            bar.add_task(f"GENERATE {options['persons']:,} persons", total=None)
            records = generate(options["persons"], seed=options["seed"],
                               records_per_person=(low, high))
        if not quiet:
            self.stdout.write(f"{len(records):,} records of {options['persons']:,} persons "
                              f"in {time.perf_counter() - start:.1f} s")
        if options["parquet"]:
            path = to_parquet(records, options["parquet"])
            if not quiet:
                self.stdout.write(f"  written to {path}")
        if organisation is not None:
            counts = self.load(records, organisation, quiet)
            if not quiet:
                self.stdout.write("  loaded: " + ", ".join(f"{v:,} {k.replace('_', ' ')}"
                                                           for k, v in counts.items()))

    def load(self, records: Any, organisation: Organisation, quiet: bool) -> dict[str, int]:
        from crossroads.people.synthetic.load import load_into_db

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, disable=quiet, transient=False) as bar:
            task = bar.add_task("LOAD", total=len(records))
            return load_into_db(records, organisation,
                                progress=lambda done, total: bar.update(task, completed=done))


def records_range(text: str) -> tuple[int, int]:
    """'1-4' → (1, 4); '2' → (2, 2)."""
    try:
        low, _sep, high = text.partition("-")
        result = (int(low), int(high or low))
    except ValueError:
        raise CommandError(f"--records must be 'MIN-MAX', not {text!r}.") from None
    if result[0] < 1 or result[1] < result[0]:
        raise CommandError(f"--records must be 'MIN-MAX' with 1 <= MIN <= MAX, not {text!r}.")
    return result


def find_organisation(acronym: str | None) -> Organisation:
    if not acronym:
        raise CommandError("--load needs --organisation ACRONYM.")
    found = (Organisation.objects.filter(Q(acronym__iexact=acronym) | Q(name__iexact=acronym))
             .order_by("pk").first())
    if found is None:
        raise CommandError(f"There is no organisation {acronym!r}.")
    return found
