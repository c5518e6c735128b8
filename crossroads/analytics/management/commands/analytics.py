"""crossroads analytics flows [--events FILE.parquet] [--engine duckdb|spark] [--as-of DAY]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from crossroads.analytics.schema import InputError
from crossroads.evidence.importers.base import ImportFailed


class Command(BaseCommand):
    help = ("Border-flow statistics: 'analytics flows' runs the pipelines (monthly entries "
            "and exits, stays, overstays under the stay rules, net flows) over the recorded "
            "crossings, or over a Parquet file of crossing events (--events), on DuckDB or "
            "Spark (--engine), and publishes monthly entries and exits by nationality and "
            "sex into the evidence base (unless --no-publish).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["flows"], help="What to do: 'flows'.")
        parser.add_argument("--events", default=None,
                            help="Parquet file (or directory) of crossing events; default: "
                                 "the crossings recorded in the database")
        parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb",
                            help="Engine (default duckdb; spark needs the 'spark' extra)")
        parser.add_argument("--as-of", default=None,
                            help="Last day counted, YYYY-MM-DD (default: the last crossing's)")
        parser.add_argument("--rules", choices=["database", "synthetic"], default="database",
                            help="Stay rules: those recorded in the database (default), or "
                                 "the synthetic traffic's own")
        parser.add_argument("--no-publish", action="store_true",
                            help="Compute only; write nothing into the evidence base")
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        from crossroads.analytics.runs import run_and_publish

        try:
            summary = run_and_publish(events=options["events"], engine=options["engine"],
                                      as_of=options["as_of"], publish=not options["no_publish"],
                                      rules=options["rules"])
        except (InputError, ImportFailed, DatabaseError) as error:
            raise CommandError(str(error)) from None
        except ImportError as error:
            raise CommandError(f"{error} (the spark engine needs: pip install "
                               "'crossroads[spark]' and Java 17)") from None
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2, default=str))
            return
        for key, value in summary.items():
            if key not in ("seconds", "published"):
                self.stdout.write(f"{key.replace('_', ' ')}: {value}")
        if "published" in summary:
            published = summary["published"]
            state = "unchanged" if published["unchanged"] else f"{published['written']} written"
            self.stdout.write(f"published: release {published['release']} ({state})")
