"""Border management in the demo: crossing points of Moldova, Ukraine and Georgia, and a
year of traffic at Moldova's points with a watchlist and today's alerts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from crossroads.borders.demo_points import load_demo_points
from crossroads.borders.demo_traffic import load_demo_traffic


class Command(BaseCommand):
    help = "Create the demo crossing points and border traffic (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_demo_points()
        if created:
            self.stdout.write(f"Demo crossing points: {created} created.")
        traffic = load_demo_traffic()
        if traffic.crossings:
            self.stdout.write(f"Demo crossings: {traffic.crossings} recorded, "
                              f"{traffic.alerts} watchlist alerts to decide.")
