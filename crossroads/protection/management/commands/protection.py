"""crossroads protection retention [--dry-run] [--today YYYY-MM-DD] [--json]

Subcommands of protection data. Adding one takes an entry in ``SUBCOMMANDS``: a function
that declares its arguments on a subparser, and a method ``handle_<name>`` (dashes become
underscores) that does the work.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crossroads.protection.trafficking import cli as trafficking_cli


def valid_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def retention_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true",
                        help="Report what would be archived and anonymised; change nothing")
    parser.add_argument("--today", type=valid_day, default=None,
                        help="Apply the rules as on this day (YYYY-MM-DD; default: today)")
    parser.add_argument("--json", action="store_true", help="Print the report as JSON")


#: name → (help, function declaring the subcommand's arguments).
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "retention": ("Archive and anonymise closed cases by the retention rules",
                  retention_arguments),
    "publish-trafficking": ("Publish yearly counts of victims of trafficking into the "
                            "evidence base", trafficking_cli.publish_arguments),
    "release-trafficking": ("Write the k-anonymous public release of counter-trafficking "
                            "case data and its report", trafficking_cli.release_arguments),
}


class Command(BaseCommand):
    help = ("Protection data: 'protection retention [--dry-run] [--today YYYY-MM-DD]' "
            "archives closed cases and anonymises old ones by the retention rules "
            "(see docs/protection-data.md).")

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", required=True,
                                           parser_class=argparse.ArgumentParser)
        for name, (text, declare) in SUBCOMMANDS.items():
            declare(subparsers.add_parser(name, help=text, description=text))

    def handle(self, *args: Any, **options: Any) -> None:
        method = getattr(self, "handle_" + options["subcommand"].replace("-", "_"))
        method(options)

    def handle_publish_trafficking(self, options: dict[str, Any]) -> None:
        trafficking_cli.handle_publish(self, options)

    def handle_release_trafficking(self, options: dict[str, Any]) -> None:
        trafficking_cli.handle_release(self, options)

    def handle_retention(self, options: dict[str, Any]) -> None:
        from crossroads.core import jobs

        today: date | None = options["today"]
        job = jobs.run_inline("protection.retention",
                              today=today.isoformat() if today else None,
                              dry_run=options["dry_run"])
        if job.status != job.Status.COMPLETED:
            raise CommandError(job.message or job.error.splitlines()[0])
        report: dict[str, Any] = job.result or {}
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.write_retention(report)

    def write_retention(self, report: dict[str, Any]) -> None:
        verb = "would be" if report["dry_run"] else "were"
        self.stdout.write(f"Retention as on {report['today']}:")
        for kind in ("archived", "anonymised"):
            cases = report[kind]
            self.stdout.write(f"  {len(cases)} cases {verb} {kind}"
                              + (f": {', '.join(cases)}" if cases else ""))
        for model, count in sorted(report["deleted"].items()):
            self.stdout.write(f"  {count} {model} records deleted")
        if report.get("unclaimed_exports_removed"):
            self.stdout.write(f"  {report['unclaimed_exports_removed']} unclaimed exports "
                              "removed")
