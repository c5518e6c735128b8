"""crossroads profiles build --region SEEECA --year 2013 [--language ru] [--no-pdf] …"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crossroads.profiles.batch import BuildError, BuildReport, build_profiles
from crossroads.profiles.choices import Language

CLI_READER = "crossroads-cli"


class Command(BaseCommand):
    help = ("Build migration profiles: 'profiles build --region SEEECA --year 2013' writes "
            "the HTML and PDF profile of every member of the region and of the region itself "
            "(<CODE>-<year>-<language>.html and .pdf) as drafts with no narrative; nothing is "
            "stored in the database. Figures are computed for publication, so small cells "
            "are suppressed. Without --user the reader is an unsaved superuser "
            f"'{CLI_READER}': the command line sees the whole database.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["build"], help="What to do: 'build'.")
        parser.add_argument("--region", required=True,
                            help="Region code (an evidence area of kind region), e.g. SEEECA")
        parser.add_argument("--year", type=int, required=True, help="Reference year, e.g. 2013")
        parser.add_argument("--language", default=Language.ENGLISH,
                            choices=[code for code, _label in Language.choices],
                            help="Language of the profiles (default: en)")
        parser.add_argument("--no-pdf", action="store_true", help="Write the HTML files only.")
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                            help="Processes printing PDFs in parallel (default: the number "
                                 "of CPUs)")
        parser.add_argument("--output", type=Path, default=None,
                            help="Folder for the files (default: VAR_DIR/profiles/build)")
        parser.add_argument("--user", default=None,
                            help="Build as this user (what they may view); default: an "
                                 f"unsaved superuser '{CLI_READER}'")
        parser.add_argument("--quiet", action="store_true",
                            help="No progress bar and no summary.")

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"] or options["verbosity"] == 0
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1.")
        output = options["output"] or Path(settings.VAR_DIR) / "profiles" / "build"
        user = reader(options["user"])
        try:
            report = self.build(user, options, output, quiet)
        except BuildError as error:
            raise CommandError(str(error)) from None
        if not quiet:
            self.summary(report)
        if report.failed:
            raise CommandError("; ".join(f"{area.code}: {area.error}" for area in report.failed))

    def build(self, user: Any, options: dict[str, Any], output: Path,
              quiet: bool) -> BuildReport:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, disable=quiet, transient=False) as bar:
            tasks: dict[str, Any] = {}

            def draw(stage: str, done: int, total: int, code: str) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage.upper(), total=total)
                bar.update(tasks[stage], completed=done, total=total,
                           description=f"{stage.upper()} {code}")

            return build_profiles(user, options["region"].upper(), options["year"],
                                  language=options["language"], output=output,
                                  pdf=not options["no_pdf"], workers=options["workers"],
                                  progress=draw)

    def summary(self, report: BuildReport) -> None:
        built = [area for area in report.areas if not area.error]
        self.stdout.write(f"{len(built)} of {len(report.areas)} profiles of {report.region} "
                          f"for {report.year} ({report.language}):")
        self.stdout.write(f"  HTML: {report.html_seconds:.1f} s")
        if any(area.pdf for area in report.areas):
            self.stdout.write(f"  PDF:  {report.pdf_seconds:.1f} s ({report.workers} "
                              f"worker{'s' if report.workers > 1 else ''})")
        self.stdout.write(f"  files in {report.output}")


def reader(username: str | None) -> Any:
    """The user the profiles are built as; an unsaved superuser when none is named."""
    model = get_user_model()
    if username is None:
        return model(username=CLI_READER, is_superuser=True, is_active=True)
    try:
        return model.objects.get(username=username)
    except model.DoesNotExist:
        raise CommandError(f"There is no user {username!r}.") from None
