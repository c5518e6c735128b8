"""crossroads load-reference: countries, regions, the framework and offices."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from crossroads.core.progress import run_with_progress_bar


class Command(BaseCommand):
    help = "Load countries and territories, regions, the strategic framework and offices."

    def handle(self, *args: Any, **options: Any) -> None:
        job = run_with_progress_bar("reference.load", quiet=options["verbosity"] == 0)
        self.stdout.write(json.dumps(job.result, indent=2, ensure_ascii=False))
