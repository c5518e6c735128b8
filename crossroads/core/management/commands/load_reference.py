"""crossroads load-reference: countries, regions, the framework and offices."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from crossroads.core.progress import print_result, run_with_progress_bar


class Command(BaseCommand):
    help = "Load countries and territories, regions, the strategic framework and offices."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        job = run_with_progress_bar("reference.load", quiet=options["verbosity"] == 0)
        print_result(self.stdout, job.result, as_json=options["json"],
                     quiet=options["verbosity"] == 0)
