"""crossroads demo: a ready-to-try Crossroads on the embedded database."""

from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.table import Table


class Command(BaseCommand):
    help = ("Migrate, load reference data, import the shipped statistics, create one demo user "
            "per role (credentials printed), then serve the UI at http://127.0.0.1:8000 with a "
            "job worker.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Set up, but do not serve.")
        parser.add_argument("--no-statistics", action="store_true",
                            help="Do not import the shipped statistics into the evidence base.")
        parser.add_argument("--bind", default=os.environ.get("CROSSROADS_BIND", "127.0.0.1:8000"),
                            help="Address and port to serve on (default: %(default)s).")

    def handle(self, *args: Any, **options: Any) -> None:
        from crossroads.users.demo import load_demo

        quiet = options["verbosity"] == 0
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference", verbosity=0 if quiet else 1)
        # Reference lists of domain apps, when installed (users does not import them).
        for command in ("load_instruments", "load_assessment_indicators", "load_stay_rules"):
            if command in get_commands():
                call_command(command, verbosity=0)
        if not options["no_statistics"]:
            # About a minute the first time; unchanged files are skipped afterwards.
            call_command("import", "all", verbosity=0 if quiet else 1)
        rows = load_demo()
        if not options["no_statistics"] and "load_demo_profiles" in get_commands():
            call_command("load_demo_profiles", verbosity=0 if quiet else 1)
        for command in ("load_demo_people", "load_demo_borders", "load_demo_cases"):
            if command in get_commands():
                call_command(command, verbosity=0 if quiet else 1)
        if not quiet:
            self.print_credentials(rows, options["bind"])
        if not options["no_serve"]:
            call_command("serve", bind=options["bind"], with_worker=True)

    def print_credentials(self, rows: list[tuple[str, str, str, str]], bind: str) -> None:
        table = Table(title="Demo users (also in var/demo_credentials.txt)")
        for column in ("username", "password", "role", "organisation"):
            table.add_column(column)
        for row in rows:
            table.add_row(*row)
        console = Console(file=self.stdout)  # type: ignore[arg-type]
        console.print(table)
        console.print(f"Open http://{bind}/ and log in as one of them.")
