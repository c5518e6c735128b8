"""crossroads load-stay-rules [FILE]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crossroads.borders.stay_rules.loaders import load_stay_rules
from crossroads.reference.loaders.errors import ReferenceDataError


class Command(BaseCommand):
    help = ("Load the default stay rules (the shipped list with each rule's legal basis, or "
            "FILE). Every entry is checked first; nothing is written if one is wrong. "
            "Loading twice changes nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="A YAML file (default: the shipped list)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = load_stay_rules(options["file"])
        except ReferenceDataError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Stay rules: {result}")
