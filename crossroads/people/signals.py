"""Comparison keys follow the names: rebuilt whenever a person's names change.

``person_registered`` is sent by ``services.register()`` once a person, their names,
documents and keys are written (arguments: ``person``, ``organisation``, ``cited_by``),
so that apps above ``people`` (watchlist screening) can act on every registration
without ``people`` knowing them.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from crossroads.people.models import PersonName

person_registered = Signal()


def names_changed(sender: Any, instance: PersonName, **kwargs: Any) -> None:
    from crossroads.people.services import rebuild_keys

    if kwargs.get("raw"):
        return
    rebuild_keys(instance.person_id)


post_save.connect(names_changed, sender=PersonName, dispatch_uid="people-keys-save")
post_delete.connect(names_changed, sender=PersonName, dispatch_uid="people-keys-delete")
