"""The editorial workflow of a profile: draft → in review → published; new versions.

- ``submit``: an author (``change`` on the profile) sends a draft for review.
- ``return_to_draft``: a reviewer (``approve``) sends it back with a comment.
- ``approve``: a reviewer (``approve``), not the author who submitted it, publishes
  it: figures, charts, narrative and PDF are frozen together in the row, computed as
  the public may see them (small cells suppressed whoever approves).
- ``new_version``: someone who may add profiles starts the next version of a
  published profile as a draft with its narrative.

Each step checks the permission through ``restrict()`` and the current status, and
writes all or nothing. Refusals raise :class:`WorkflowError` with the reason.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.permissions import ADD, CHANGE, VIEW, can
from crossroads.evidence.services.disclosure import for_publication
from crossroads.profiles.choices import ProfileStatus, ReviewKind
from crossroads.profiles.models import Profile, ProfileReview

APPROVE = "approve"


class WorkflowError(Exception):
    """A step the workflow does not allow, with the reason."""


def allowed(user: Any, profile: Profile, action: str) -> bool:
    return Profile.objects.restrict(user, action).filter(pk=profile.pk).exists()


def require(user: Any, profile: Profile, action: str, status: str) -> Profile:
    """The profile, locked for update, after checking permission and status."""
    if not allowed(user, profile, action):
        raise WorkflowError(_("You may not do this to %(profile)s.") % {"profile": profile})
    locked = Profile.objects.select_for_update().get(pk=profile.pk)
    if locked.status != status:
        raise WorkflowError(_("%(profile)s is %(status)s; this step needs a profile that is "
                              "%(needed)s.") % {"profile": locked,
                                               "status": locked.get_status_display(),
                                               "needed": ProfileStatus(status).label})
    return locked


def submit(profile: Profile, user: Any) -> Profile:
    """Send a draft for review."""
    with transaction.atomic():
        locked = require(user, profile, CHANGE, ProfileStatus.DRAFT)
        if not (locked.key_findings.strip() and locked.recommendations.strip()):
            raise WorkflowError(_("Write the key findings and the recommendations before "
                                  "sending the profile for review."))
        locked.status = ProfileStatus.IN_REVIEW
        locked.submitted_by, locked.submitted_at = user, timezone.now()
        locked.save(update_fields=["status", "submitted_by", "submitted_at"])
    return locked


def return_to_draft(profile: Profile, user: Any, comment: str) -> Profile:
    """Send a profile in review back to its authors, saying what to change."""
    if not comment.strip():
        raise WorkflowError(_("Say what should change: a comment is required."))
    with transaction.atomic():
        locked = require(user, profile, APPROVE, ProfileStatus.IN_REVIEW)
        ProfileReview.objects.create(profile=locked, reviewer=user,
                                     kind=ReviewKind.CHANGES_REQUESTED, comment=comment)
        locked.status = ProfileStatus.DRAFT
        locked.save(update_fields=["status"])
    return locked


def approve(profile: Profile, user: Any, comment: str = "") -> Profile:
    """Publish a profile in review, freezing its content and PDF."""
    from crossroads.profiles.document import live_document
    from crossroads.profiles.pdf import render_pdf

    with transaction.atomic():
        locked = require(user, profile, APPROVE, ProfileStatus.IN_REVIEW)
        if locked.submitted_by_id is not None and locked.submitted_by_id == user.pk:
            raise WorkflowError(_("The author who submitted a profile cannot approve it: "
                                  "another reviewer must."))
        ProfileReview.objects.create(profile=locked, reviewer=user, kind=ReviewKind.APPROVAL,
                                     comment=comment or _("Approved for publication."))
        locked.status = ProfileStatus.PUBLISHED
        locked.approved_by, locked.published_at = user, timezone.now()
        with for_publication():
            document = live_document(locked, user)
        locked.snapshot = document
        locked.pdf = render_pdf(document)
        locked.save(update_fields=["status", "approved_by", "published_at", "snapshot", "pdf"])
    return locked


def new_version(profile: Profile, user: Any) -> Profile:
    """The next version of a published profile, as a draft carrying its narrative."""
    with transaction.atomic():
        if not allowed(user, profile, VIEW) or not can(user, Profile, ADD):
            raise WorkflowError(_("You may not start a new version of %(profile)s.")
                                % {"profile": profile})
        if profile.status != ProfileStatus.PUBLISHED:
            raise WorkflowError(_("Only a published profile gets a new version; edit this "
                                  "draft instead."))
        same = Profile.objects.filter(area=profile.area, year=profile.year,
                                      language=profile.language)
        if same.exclude(status=ProfileStatus.PUBLISHED).exists():
            raise WorkflowError(_("A newer version of this profile is already being written."))
        latest = same.aggregate(latest=Max("version"))["latest"] or profile.version
        draft = Profile(area=profile.area, year=profile.year, language=profile.language,
                        organisation=profile.organisation, title=profile.title,
                        key_findings=profile.key_findings,
                        recommendations=profile.recommendations,
                        stale_after=profile.stale_after, version=latest + 1, previous=profile)
        draft.save()
        if not allowed(user, draft, ADD):
            raise WorkflowError(_("You may not start a new version of %(profile)s.")
                                % {"profile": profile})
    return draft
