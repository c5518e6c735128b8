"""Every registration is screened: ``people`` announces it, watchlists answer."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from crossroads.people.models import Person
from crossroads.people.signals import person_registered
from crossroads.users.models import Organisation


def screen_registration(sender: Any, person: Person, organisation: Organisation,
                        cited_by: models.Model | None = None, **kwargs: Any) -> None:
    """Screen a newly registered person; alerts cite the registering record."""
    from crossroads.watchlists.screening import screen_person

    # Sent inside register()'s transaction: a registration and its alerts are written
    # together, or neither is.
    with transaction.atomic():
        screen_person(person, cited_by, organisation)


person_registered.connect(screen_registration, dispatch_uid="watchlists-screen-registration")
