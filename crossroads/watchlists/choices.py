"""The vocabularies of watchlists and alerts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WatchlistKind(models.TextChoices):
    NATIONAL = "national", _("National alerts")
    REGIONAL = "regional", _("Regional alerts")
    DOCUMENTS = "documents", _("Lost and stolen documents")


class EntryAction(models.TextChoices):
    REFUSE_ENTRY = "refuse_entry", _("Refuse entry")
    INFORM = "inform", _("Inform the issuing authority")
    SEIZE_DOCUMENT = "seize_document", _("Seize the document")
    ARREST = "arrest", pgettext_lazy("watchlist action", "Arrest")
    CHECK = "check", _("Second-line check")


class AlertStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("alert status", "Open")
    ESCALATED = "escalated", pgettext_lazy("alert status", "Escalated")
    CONFIRMED = "confirmed", pgettext_lazy("alert status", "Confirmed")
    DISMISSED = "dismissed", _("Dismissed (false match)")


#: Which decisions each status allows (the workflow of an alert).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    AlertStatus.OPEN: (AlertStatus.CONFIRMED, AlertStatus.DISMISSED, AlertStatus.ESCALATED),
    AlertStatus.ESCALATED: (AlertStatus.CONFIRMED, AlertStatus.DISMISSED),
    AlertStatus.CONFIRMED: (),
    AlertStatus.DISMISSED: (),
}
#: Decisions that need a note saying why.
NOTE_REQUIRED = (AlertStatus.DISMISSED, AlertStatus.ESCALATED)
