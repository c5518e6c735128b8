"""crossroads import NAME [FILE …] | crossroads import all | crossroads import list"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crossroads.core.progress import run_with_progress_bar


class Command(BaseCommand):
    help = ("Import statistics into the evidence base: one source (with its shipped files, or "
            "the FILEs given), 'all' for every shipped source, or 'list' to see the importers. "
            "Every file is checked first; nothing is written if any row is wrong.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("importer", help="Importer name (see 'crossroads import list'), "
                            "or 'all', or 'list'")
        parser.add_argument("files", nargs="*", help="Files to import (default: shipped files)")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        from crossroads.evidence.importers import registry

        name = options["importer"]
        if name == "list":
            for importer in registry.importers().values():
                files = ", ".join(importer.files) or "(give the files)"
                self.stdout.write(f"{importer.name:24} {importer.description} [{files}]")
            return
        quiet = options["verbosity"] == 0
        if name == "all":
            job = run_with_progress_bar("evidence.import_all", quiet=quiet)
        else:
            try:
                registry.get(name)
            except KeyError as error:
                raise CommandError(str(error.args[0])) from None
            job = run_with_progress_bar("evidence.import", quiet=quiet, importer=name,
                                        paths=options["files"] or None)
        self.report(job.result, options["json"], quiet)

    def report(self, result: Any, as_json: bool, quiet: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
            return
        if quiet:
            return
        reports = result.values() if "importer" not in result else [result]
        for report in reports:
            state = "unchanged (already imported)" if report["unchanged"] else \
                f"{report['written']} observations written"
            self.stdout.write(f"{report['importer']}: {report['release']}: {state}")
