"""crossroads jobs: run the background worker."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the worker that executes queued jobs (imports, linkage runs, reports)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true",
                            help="Run every queued job, then exit.")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds between polls of an empty queue.")

    def handle(self, *args: Any, **options: Any) -> None:
        worker_options: dict[str, Any] = {"interval": options["interval"], "reload": False,
                                          "startup_delay": False}
        if options["batch"]:
            worker_options["batch"] = True
        call_command("db_worker", verbosity=options["verbosity"], **worker_options)
