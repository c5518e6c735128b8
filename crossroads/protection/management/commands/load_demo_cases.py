"""Demo cases of the Migrant Support NGO (once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from crossroads.protection.demo_cases import load_demo_cases


class Command(BaseCommand):
    help = "Create the demo protection cases (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo_cases()
        if created:
            self.stdout.write(f"Demo protection cases: {created} created.")
