"""The batch linkage of the registry: the ``people.linkage`` job.

Every active person is scored against the others (:mod:`.linkage`, DuckDB). Pairs a
reviewer already decided (confirmed or rejected) are never touched again. Above the
automatic threshold the younger record is merged into the older one (a Merge that an
unmerge can undo) and the pair is remembered as "linked"; between the thresholds the
pair joins the review queue with its probability and explanation.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from crossroads.core.jobs import Progress, register_job
from crossroads.core.permissions import CHANGE
from crossroads.people.choices import PairStatus, PersonStatus

logger = logging.getLogger(__name__)


@dataclass
class LinkageReport:
    """What one linkage run did."""

    run: str
    persons: int = 0
    pairs_scored: int = 0
    merged: int = 0
    queued: int = 0
    skipped_decided: int = 0
    failed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_linkage(auto_threshold: float = 0.99, review_threshold: float = 0.80,
                user: Any = None, backend: str = "duckdb",
                progress: Progress | None = None) -> LinkageReport:
    """Score the active persons; merge above ``auto_threshold``, queue the rest above
    ``review_threshold``. Returns what was done (see :class:`LinkageReport`)."""
    from crossroads.people.matching.frame import persons_frame
    from crossroads.people.matching.linkage import predict
    from crossroads.people.models import MatchPair, Person

    if not 0 < review_threshold <= auto_threshold <= 1:
        raise ValueError(_("The thresholds must satisfy 0 < review ≤ automatic ≤ 1."))
    report = LinkageReport(run=f"linkage-{uuid.uuid4().hex[:12]}")
    # Only the persons the user may change (and so merge) take part.
    frame = persons_frame(Person.objects.restrict(user, CHANGE))
    report.persons = len(frame)
    if progress is not None:
        progress.start(None, _("Scoring %(count)s persons") % {"count": len(frame)})
    if len(frame) < 2:
        return report
    pairs = predict(frame, backend=backend, threshold=review_threshold)
    report.pairs_scored = len(pairs)
    decided = {(p.left_id, p.right_id) for p in MatchPair.objects.exclude(
        status=PairStatus.PENDING).only("left_id", "right_id")}
    if progress is not None:
        progress.start(len(pairs), _("Deciding %(count)s pairs") % {"count": len(pairs)})
    rows = pairs.sort_values("match_probability", ascending=False).to_dict("records")
    for row in rows:
        a, b = sorted((int(row["unique_id_l"]), int(row["unique_id_r"])))
        if (a, b) in decided:
            report.skipped_decided += 1
        else:
            _decide_pair(a, b, row, auto_threshold, user, report)
        if progress is not None:
            progress.advance()
    return report


def _decide_pair(a: int, b: int, row: dict[str, Any], auto_threshold: float, user: Any,
                 report: LinkageReport) -> None:
    from crossroads.people.merges import MergeError, merge, propose
    from crossroads.people.models import MatchPair, Person

    persons = {p.pk: p for p in Person.objects.filter(pk__in=(a, b))}
    if len(persons) < 2 or any(p.status != PersonStatus.ACTIVE for p in persons.values()):
        report.skipped_decided += 1  # merged earlier in this run, or since
        return
    probability = float(row["match_probability"])
    explanation = list(row["explanation"])
    if probability < auto_threshold:
        if propose(persons[a], persons[b], probability, explanation, run=report.run):
            report.queued += 1
        return
    survivor, merged = sorted(persons.values(), key=lambda p: (p.created, p.pk))
    try:
        merge(survivor, merged, user, _("Linked automatically (match probability %(p).4f).")
              % {"p": probability})
    except MergeError as error:
        report.failed.append(f"{a}~{b}: {error}")
        return
    MatchPair.objects.update_or_create(
        left=persons[a], right=persons[b],
        defaults={"probability": probability, "explanation": explanation,
                  "status": PairStatus.LINKED, "run": report.run})
    report.merged += 1


@register_job("people.linkage")
def linkage_job(progress: Progress, *, auto_threshold: float = 0.99,
                review_threshold: float = 0.80) -> dict[str, Any]:
    """The job: run the linkage as the job's user (who must be allowed to merge)."""
    user = progress.job.user
    report = run_linkage(auto_threshold, review_threshold, user=user, progress=progress)
    progress.job.message = _("%(merged)s merged, %(queued)s queued for review") % {
        "merged": report.merged, "queued": report.queued}
    return report.as_dict()
