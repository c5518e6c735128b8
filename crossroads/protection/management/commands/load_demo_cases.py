"""Demo protection data (once): the Migrant Support NGO's cases, the directory of service
providers with referrals, counter-trafficking records and assisted returns."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from crossroads.protection.demo_cases import load_demo_cases
from crossroads.protection.nrm.demo_providers import load_demo_providers, load_demo_referrals
from crossroads.protection.returns.demo_returns import load_demo_returns
from crossroads.protection.trafficking.demo_trafficking import load_demo_trafficking


class Command(BaseCommand):
    help = "Create the demo protection cases, service providers, referrals and returns (once)."

    def handle(self, *args: Any, **options: Any) -> None:
        steps = (("cases", load_demo_cases), ("service providers", load_demo_providers),
                 ("referrals", load_demo_referrals), ("trafficking records", load_demo_trafficking),
                 ("returns", load_demo_returns))
        for label, load in steps:
            created = load()
            if created:
                self.stdout.write(f"Demo protection {label}: {created} created.")
