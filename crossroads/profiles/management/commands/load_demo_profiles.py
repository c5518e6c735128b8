"""Demo profiles: the region's, published, and Moldova's, a draft (``crossroads demo``).

The demo narrative states figures read from the profile itself, so it says nothing
the evidence base does not; it is marked "(demo)". Run after the demo users exist
and the statistics are imported; profiles already there are left as they are.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from crossroads.core.context import acting_as
from crossroads.evidence.models import Area
from crossroads.profiles import workflow
from crossroads.profiles.content.build import build_content
from crossroads.profiles.document import figures_of
from crossroads.profiles.models import Profile
from crossroads.users.models import User

#: (area, year, author, reviewer or None for a draft)
DEMO = (("SEEECA", 2020, "analyst", "programme.manager"), ("MDA", 2020, "statistician", None))
FINDINGS = ("MIG_STOCK", "MIG_STOCK_PCT_POP", "EMIG_STOCK", "REMIT_IN")


class Command(BaseCommand):
    help = "Create the demo migration profiles (after the demo users and the statistics)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=None,
                            help="Reference year of the demo profiles (default 2020).")

    def handle(self, *args: Any, **options: Any) -> None:
        for code, year, author_name, reviewer_name in DEMO:
            year = options["year"] or year
            area = Area.objects.filter(code=code).first()
            author = User.objects.filter(username=author_name).first()
            if area is None or author is None or author.organisation is None:
                raise CommandError("Load the reference data and the demo users first.")
            if Profile.objects.filter(area=area, year=year).exists():
                continue
            with transaction.atomic(), acting_as(author, channel="cli"):
                profile = Profile.objects.create(
                    area=area, year=year, organisation=author.organisation,
                    key_findings=findings(author, code, year),
                    recommendations="(demo) The authors' recommendations go here.")
                if reviewer_name:
                    publish(profile, author, User.objects.get(username=reviewer_name))
            self.stdout.write(f"Demo profile: {profile}")


def publish(profile: Profile, author: User, reviewer: User) -> None:
    workflow.submit(profile, author)
    with acting_as(reviewer, channel="cli"):
        workflow.approve(profile, reviewer, "(demo) Approved.")


def findings(user: Any, code: str, year: int) -> str:
    """Sentences stating the profile's own headline figures, marked as demo text."""
    figures = {row["key"]: row for row in figures_of(build_content(user, code, year)).values()}
    lines = [f"{row['label']}: {row['display']} ({row['year']})."
             for key in FINDINGS if (row := figures.get(key)) and row["value"] is not None]
    return "(demo) " + " ".join(lines or ["No figures yet: import the statistics."])
