"""crossroads load_assessment_indicators [FILE]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crossroads.governance.loaders import load_assessment_indicators
from crossroads.reference.loaders.errors import ReferenceDataError


class Command(BaseCommand):
    help = ("Load the indicators of the governance self-assessment (the shipped list, or "
            "FILE). Every entry is checked first; nothing is written if one is wrong.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="A YAML file (default: the shipped list)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_assessment_indicators(options["file"])
        except ReferenceDataError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Assessment indicators: {result}")
