"""crossroads import-admin-areas FILE: administrative areas with P-codes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from crossroads.core.progress import print_result, run_with_progress_bar


class Command(BaseCommand):
    help = ("Import administrative areas from a CSV (country_iso3, pcode, name, name_local, "
            "name_ru, level, parent_pcode). All rows are checked first; nothing is written "
            "if any row is bad.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file to import")
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        job = run_with_progress_bar("reference.import_admin_areas",
                                    quiet=options["verbosity"] == 0, path=options["file"])
        print_result(self.stdout, {"administrative areas": job.result}, as_json=options["json"],
                     quiet=options["verbosity"] == 0)
