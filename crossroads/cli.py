"""The ``crossroads`` command: Crossroads' own commands, and Django's passed through."""

from __future__ import annotations

import os
import sys

COMMANDS = {
    "demo": "Set up the embedded database with reference and demo data, then serve the UI.",
    "serve": "Serve the web interface and API with a production-grade server (gunicorn).",
    "migrate": "Create or update the database tables.",
    "createuser": "Create a user in an organisation, with roles.",
    "load-reference": "Load countries, regions, the strategic framework and offices.",
    "import-admin-areas": "Import administrative areas (P-codes) from a CSV file.",
    "load-instruments": "Load the list of international migration instruments (governance).",
    "load-assessment-indicators": "Load the governance self-assessment indicators.",
    "load-stay-rules": "Load the default stay rules with their legal basis (borders).",
    "import": "Import statistics: 'import list', 'import all', or 'import NAME [FILE ...]'.",
    "profiles": "Build migration profiles: 'profiles build --region SEEECA --year 2013'.",
    "people": "Synthetic persons: 'people generate --persons 10000 --seed 1 [--load ...]'.",
    "borders": "Border management: 'borders import-paxlst FILE --user NAME [--arrived ...]'.",
    "traffic": "Synthetic border traffic: 'traffic generate --events 1000000 --out FILE.parquet'.",
    "analytics": "Border-flow statistics: 'analytics flows [--events FILE] [--engine spark]'.",
    "protection": "Protection data: 'protection retention [--dry-run] [--today YYYY-MM-DD]'.",
    "jobs": "Run the background worker that executes queued jobs.",
    "check": "Check the configuration (add --deploy for production checks).",
}

HELP = """usage: crossroads COMMAND [options]

Crossroads: migration-governance information system.

commands:
{commands}

Every Django management command works too (crossroads help lists them all);
crossroads COMMAND --help describes one command.
"""


def usage() -> str:
    """The top-level help text."""
    width = max(len(name) for name in COMMANDS)
    lines = "\n".join(f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items())
    return HELP.format(commands=lines)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossroads.settings")
    from django.core.management import execute_from_command_line

    command = args[0].replace("-", "_") if args[0] in COMMANDS else args[0]
    execute_from_command_line(["crossroads", command, *args[1:]])


if __name__ == "__main__":
    main()
