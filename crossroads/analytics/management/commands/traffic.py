"""crossroads traffic generate --events N --seed S --out FILE.parquet"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = ("Synthetic border traffic: 'traffic generate --events 1000000 --seed 1 --out "
            "traffic.parquet' writes crossing events of travellers of the synthetic "
            "population along the region's corridors (seasonal labour migration, visits), "
            "with repeat travellers, overstayers, exits without entry and permit renewals, "
            "and next to it FILE.travellers.parquet (who overstayed: the ground truth).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["generate"], help="What to do: 'generate'.")
        parser.add_argument("--events", type=int, required=True,
                            help="About how many crossing events (up to 10^8 and more)")
        parser.add_argument("--out", type=Path, required=True, help="Parquet file to write")
        parser.add_argument("--seed", type=int, default=0,
                            help="Random seed: the same seed gives the same events (default 0)")
        parser.add_argument("--start", default="2022-01-01", help="First day (YYYY-MM-DD)")
        parser.add_argument("--end", default="2024-12-31", help="Last day (YYYY-MM-DD)")
        parser.add_argument("--overstayers", type=float, default=0.02,
                            help="Share of travellers who overstay (default 0.02)")

    def handle(self, *args: Any, **options: Any) -> None:
        from crossroads.analytics.traffic import TrafficSpec, write_parquet

        try:
            spec = TrafficSpec(events=options["events"], seed=options["seed"],
                               start=date.fromisoformat(options["start"]),
                               end=date.fromisoformat(options["end"]),
                               overstayer_share=options["overstayers"])
            spec.check()
        except ValueError as error:
            raise CommandError(str(error)) from None
        begun = time.perf_counter()
        events, travellers, count = write_parquet(spec, options["out"])
        self.stdout.write(f"{count:,} events in {time.perf_counter() - begun:.1f} s: {events}")
        self.stdout.write(f"  travellers (ground truth): {travellers}")
