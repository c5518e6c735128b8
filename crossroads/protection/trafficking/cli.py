"""The counter-trafficking subcommands of ``crossroads protection``:

- ``publish-trafficking --user NAME``: yearly counts of victims into the evidence base;
- ``release-trafficking --user NAME --out FILE [--k 11] [--max-suppression 0.05]
  [--report FILE]``: the k-anonymous public release (CSV) and its report (JSON, or
  Markdown when the report file ends in ``.md``; printed when no file is named).

Both act as the named data manager: only the cases they may ``release`` are read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from crossroads.users.models import User


def user_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", required=True,
                        help="Username of the data manager the command acts as (their "
                             "permission 'release' on cases applies)")


def publish_arguments(parser: argparse.ArgumentParser) -> None:
    user_argument(parser)
    parser.add_argument("--json", action="store_true", help="Print the report as JSON")


def release_arguments(parser: argparse.ArgumentParser) -> None:
    user_argument(parser)
    parser.add_argument("--out", type=Path, required=True,
                        help="Where to write the released rows (CSV)")
    parser.add_argument("--k", type=int, default=None,
                        help="Smallest group of victims released (default: the setting "
                             "PROTECTION_RELEASE_K, 11)")
    parser.add_argument("--max-suppression", type=float, default=None,
                        help="Largest share of rows left out to reach k (0-1; default 0.05)")
    parser.add_argument("--report", type=Path, default=None,
                        help="Where to write the report (.json or .md; default: print it)")


def acting_user(name: str) -> User:
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        raise CommandError(f"There is no active user {name!r}.")
    return user


def handle_publish(command: BaseCommand, options: dict[str, Any]) -> None:
    """Publish the statistics as a job run now (recorded like any other)."""
    from crossroads.core import jobs
    from crossroads.protection.trafficking import statistics  # noqa: F401  (registers the job)

    job = jobs.run_inline("protection.trafficking_statistics", acting_user(options["user"]))
    if job.status != job.Status.COMPLETED:
        raise CommandError(job.message or job.error.splitlines()[0])
    report: dict[str, Any] = job.result or {}
    if options["json"]:
        command.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        return
    state = "unchanged" if report["unchanged"] else f"{report['written']} observations written"
    command.stdout.write(f"Counter-trafficking statistics, release {report['release']}: "
                         f"{report['victims']} victims of {report['cases']} cases; {state}.")


def handle_release(command: BaseCommand, options: dict[str, Any]) -> None:
    """Write the release file and its report."""
    from crossroads.core.context import acting_as
    from crossroads.protection.trafficking.release import release_trafficking

    user = acting_user(options["user"])
    try:
        with acting_as(user, channel="cli"):
            made = release_trafficking(user, k=options["k"],
                                       max_suppression=options["max_suppression"])
    except ValidationError as error:
        raise CommandError("; ".join(error.messages)) from error
    except PermissionDenied as error:
        raise CommandError(str(error)) from error
    options["out"].write_text(made.csv(), encoding="utf-8")
    target: Path | None = options["report"]
    if target is None:
        command.stdout.write("\n".join(made.report()["lines"]))
        return
    body = made.report_markdown() if target.suffix == ".md" else made.report_json()
    target.write_text(body, encoding="utf-8")
    command.stdout.write(f"{made.report()['released_rows']} rows written to {options['out']}; "
                         f"report in {target}.")
