"""Demo persons: a small synthetic population registered by the demo border police.

Each synthetic record becomes a person (so the register has the duplicates a real one
has: the same people under other spellings), for the search page, the review queue and
a linkage run. Does nothing when persons exist already.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from crossroads.people.models import Person
from crossroads.people.synthetic import generate
from crossroads.people.synthetic.load import load_into_db
from crossroads.users.models import Organisation

ORGANISATION = "BP-MDA"


class Command(BaseCommand):
    help = "Register a small synthetic population for the demo (once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=300,
                            help="Synthetic persons to generate (default 300).")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(acronym=ORGANISATION).first()
        if organisation is None or Person.objects.exists():
            return
        counts = load_into_db(generate(options["persons"], seed=2026), organisation)
        self.stdout.write(f"Demo persons: {counts.get('persons', 0)} records registered by "
                          f"{organisation}.")
