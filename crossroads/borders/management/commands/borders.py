"""crossroads borders import-paxlst FILE --user NAME [--point CODE --arrived] [--skip-bad]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crossroads.users.models import User


class Command(BaseCommand):
    help = ("Border management: 'borders import-paxlst FILE --user NAME' checks an advance "
            "passenger list (PAXLST as CSV) and screens every passenger against the "
            "watchlists; with --arrived --point CODE the entries are recorded (all or "
            "nothing, unless --skip-bad). Columns: see docs/borders.md.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import-paxlst"],
                            help="What to do: 'import-paxlst' (an advance passenger list)")
        parser.add_argument("file", type=Path, help="The CSV file")
        parser.add_argument("--user", required=True,
                            help="Username of the officer the import acts as (their "
                                 "permissions apply)")
        parser.add_argument("--point", default=None,
                            help="Code of the crossing point where the flight arrives")
        parser.add_argument("--arrived", action="store_true",
                            help="The flight has arrived: record every passenger's entry")
        parser.add_argument("--skip-bad", action="store_true",
                            help="Record the good rows even when some rows are bad")
        parser.add_argument("--json", action="store_true",
                            help="Print the whole report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import-paxlst":
            self.import_paxlst(options)

    def import_paxlst(self, options: dict[str, Any]) -> None:
        from crossroads.borders.models import BorderCrossingPoint
        from crossroads.core import jobs

        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user {options['user']!r}.")
        point = None
        if options["point"]:
            point = BorderCrossingPoint.objects.filter(code=options["point"]).first()
            if point is None:
                raise CommandError(f"There is no crossing point {options['point']!r}.")
        if options["arrived"] and point is None:
            raise CommandError("--arrived needs --point CODE (where the flight arrived).")
        job = jobs.run_inline("borders.paxlst", user, path=str(path.resolve()),
                              point=point.pk if point else None, arrived=options["arrived"],
                              skip_bad=options["skip_bad"])
        if job.status != job.Status.COMPLETED:
            raise CommandError(job.message or job.error.splitlines()[0])
        result: dict[str, Any] = job.result or {"bad": [], "hits": []}
        self.report(result, job.message, options["json"])
        if result["bad"] and not options["skip_bad"]:
            raise CommandError("The list has bad rows (listed above).")

    def report(self, result: dict[str, Any], message: str, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=str))
            return
        self.stdout.write(message)
        for problem in result["bad"]:
            self.stdout.write(f"  line {problem['line']}: {problem['field']}: "
                              f"{problem['reason']}")
        for row in result["hits"]:
            entries = "; ".join(f"{hit['display']} ({hit['score']:.0%})" for hit in row["hits"])
            self.stdout.write(f"  line {row['line']}: {row['name']} ({row['document_number']}) "
                              f"matches {entries}")
