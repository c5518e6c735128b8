"""Border management in the demo: crossing points of Moldova, Ukraine and Georgia."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from crossroads.borders.demo_points import load_demo_points


class Command(BaseCommand):
    help = "Create the demo crossing points (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo_points()
        if created:
            self.stdout.write(f"Demo crossing points: {created} created.")
