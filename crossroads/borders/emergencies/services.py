"""The rules of emergency mode: operations, group registration, referrals with consent.

Every function checks everything before it writes anything and writes in one
transaction; a refusal is a ``ValidationError`` naming the field (or, for a group, the
row) and the reason. Pages and API endpoints call these and nothing else to write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.borders import choices
from crossroads.borders.models import (
    Arrival,
    ArrivalGroup,
    BorderCrossingPoint,
    EmergencyOperation,
    EmergencyReferral,
)
from crossroads.core.permissions import ADD, VIEW
from crossroads.people import services as people
from crossroads.people.choices import NamePart, Sex
from crossroads.people.dates import PartialDate
from crossroads.users.models import Organisation
from crossroads.watchlists.screening import move_alerts

V = choices.Vulnerability
R = choices.Relationship

ADULT_AGE = 18
OLDER_AGE = 60
MAX_AGE = 120
#: Clocks of phones and booths drift: a time this far ahead of the server is still "now".
CLOCK_SKEW = timedelta(minutes=10)
#: Relationships (to the head of the group) that make two members relatives.
RELATIVES = frozenset({R.SPOUSE, R.CHILD, R.PARENT, R.OTHER_RELATIVE})
#: Referral statuses that mean "this person has been referred" (a declined one has not).
OPEN_OR_DONE = (choices.ReferralStatus.SENT, choices.ReferralStatus.ACCEPTED,
                choices.ReferralStatus.COMPLETED)
#: The decisions a receiving organisation may take, from each status.
NEXT_STATUSES = {
    choices.ReferralStatus.SENT: (choices.ReferralStatus.ACCEPTED,
                                  choices.ReferralStatus.DECLINED),
    choices.ReferralStatus.ACCEPTED: (choices.ReferralStatus.COMPLETED,),
}


# Operations ----------------------------------------------------------------------------


def not_in_future(moment: datetime, name: str) -> None:
    """Refuse a time later than now (give or take the drift of a device's clock)."""
    if moment > timezone.now() + CLOCK_SKEW:
        raise ValidationError({name: _("This time is in the future.")})


@transaction.atomic
def start_operation(point: BorderCrossingPoint, name: str, organisation: Organisation,
                    started_at: datetime | None = None,
                    description: str = "") -> EmergencyOperation:
    """Put a crossing point in emergency mode; refused while another operation runs there.

    The point's status before is kept on the operation, to be restored at its end.
    """
    started_at = started_at or timezone.now()
    not_in_future(started_at, "started_at")
    if not name.strip():
        raise ValidationError({"name": _("Name the operation (the crisis, as teams call it).")})
    point = BorderCrossingPoint.objects.select_for_update().get(pk=point.pk)
    running = EmergencyOperation.objects.filter(point=point,
                                                status=choices.OperationStatus.ACTIVE).first()
    if running is not None:
        raise ValidationError({"point": _(
            "%(point)s is already in emergency mode (operation %(operation)s): end it first."
        ) % {"point": point, "operation": running.name}})
    operation = EmergencyOperation(
        point=point, name=name.strip(), organisation=organisation, started_at=started_at,
        description=description, previous_status=point.status)
    operation.full_clean()
    operation.save()
    point.status = choices.CrossingStatus.EMERGENCY
    point.save(update_fields=["status"])
    return operation


@transaction.atomic
def end_operation(operation: EmergencyOperation, ended_at: datetime | None) -> EmergencyOperation:
    """End an operation at the time given; the point gets back its status from before.

    If someone changed the point's status during the operation (closed it, say), that
    later decision stands.
    """
    operation = EmergencyOperation.objects.select_for_update().get(pk=operation.pk)
    if operation.status != choices.OperationStatus.ACTIVE:
        raise ValidationError({"status": _("This operation has already ended.")})
    if ended_at is None:
        raise ValidationError({"ended_at": _("An ended operation needs its end time.")})
    not_in_future(ended_at, "ended_at")
    operation.ended_at = ended_at
    operation.status = choices.OperationStatus.ENDED
    operation.full_clean()
    last = operation.groups.order_by("-arrived_at").values_list("arrived_at", flat=True).first()
    if last is not None and ended_at < last:
        raise ValidationError({"ended_at": _(
            "A group arrived at %(time)s, after this end time.") % {"time": last}})
    operation.save()
    point = BorderCrossingPoint.objects.select_for_update().get(pk=operation.point_id)
    if point.status == choices.CrossingStatus.EMERGENCY:
        point.status = operation.previous_status or choices.CrossingStatus.OPEN
        if point.status == choices.CrossingStatus.EMERGENCY:
            point.status = choices.CrossingStatus.OPEN
        point.save(update_fields=["status"])
    return operation


# Groups --------------------------------------------------------------------------------


@dataclass
class ArrivalInput:
    """One person of a group as the officer types them: names as given, in any script."""

    family: str = ""
    given: str = ""
    sex: str = Sex.UNKNOWN
    age: int | None = None
    relationship: str = R.HEAD
    nationality: str = ""
    vulnerabilities: Sequence[str] = ()
    language: str = ""

    @property
    def is_child(self) -> bool:
        return self.age is not None and self.age < ADULT_AGE

    @property
    def is_adult(self) -> bool:
        return self.age is not None and self.age >= ADULT_AGE


@dataclass
class GroupInput:
    """A family or group arriving together, and its members in the order typed."""

    kind: str
    arrived_at: datetime
    people: Sequence[ArrivalInput]
    place_of_origin: str = ""
    remarks: str = ""


class GroupProblems(ValidationError):
    """Why a group was refused: problems of the group, and of each row (numbered from 1)."""

    def __init__(self, group: dict[str, list[str]], rows: dict[int, list[str]]) -> None:
        self.group_problems = group
        self.row_problems = rows
        everything = [*(m for ms in group.values() for m in ms),
                      *(_("Row %(n)s: %(problem)s") % {"n": n, "problem": m}
                        for n, ms in sorted(rows.items()) for m in ms)]
        super().__init__(everything)

    def as_dict(self) -> dict[str, Any]:
        """For the API: ``{field: [...], "people": {row: [...]}}``."""
        found: dict[str, Any] = dict(self.group_problems)
        if self.row_problems:
            found["people"] = {str(n): ms for n, ms in sorted(self.row_problems.items())}
        return found


@dataclass
class RegisteredGroup:
    group: ArrivalGroup
    arrivals: list[Arrival]
    warnings: list[str] = field(default_factory=list)


def row_problems(row: ArrivalInput) -> tuple[list[str], list[str]]:
    """Problems (refusals) and warnings of one person on their own."""
    problems: list[str] = []
    warnings: list[str] = []
    flags = set(row.vulnerabilities)
    unknown = sorted(flags - set(V.values))
    if unknown:
        problems.append(_("unknown vulnerabilities: %(codes)s.") % {"codes": ", ".join(unknown)})
    if row.age is not None and not 0 <= row.age <= MAX_AGE:
        problems.append(_("the age must be between 0 and %(max)s years.") % {"max": MAX_AGE})
    if row.sex not in Sex.values:
        problems.append(_("unknown sex %(sex)r (one of F, M, X, U).") % {"sex": row.sex})
    if row.relationship not in R.values:
        problems.append(_("unknown relationship %(value)r.") % {"value": row.relationship})
    if not (row.family.strip() or row.given.strip()):
        problems.append(_("give a name: a family name, a given name, or the one name used."))
    if V.PREGNANT in flags and row.sex not in (Sex.FEMALE, Sex.UNKNOWN):
        problems.append(_("“pregnant” is only for a woman (sex F, or U when unknown)."))
    for child_flag in (V.UNACCOMPANIED_CHILD, V.SEPARATED_CHILD):
        if child_flag in flags and row.is_adult:
            problems.append(_("“%(flag)s” is only for a child (under 18); the age is %(age)s.")
                            % {"flag": V(child_flag).label, "age": row.age})
    if V.OLDER_PERSON in flags and row.age is not None and row.age < OLDER_AGE:
        warnings.append(_("“older person” is usually for people of 60 or more; the age is "
                          "%(age)s.") % {"age": row.age})
    return problems, warnings


def company_problems(row: ArrivalInput, others: Sequence[ArrivalInput],
                     kind: str) -> list[str]:
    """Problems of a child's flags given who else is in the group.

    Relationships are to the head of the group: a child listed as "child" travels with
    a parent (the head); a child who is the head travels with a parent if someone is
    listed as "parent".
    """
    problems = []
    flags = set(row.vulnerabilities)
    if V.UNACCOMPANIED_CHILD in flags:
        with_relatives = (row.relationship in RELATIVES
                          or any(o.relationship in RELATIVES for o in others)
                          or (kind == choices.GroupKind.FAMILY and others))
        if with_relatives:
            problems.append(_("an unaccompanied child travels alone or only with people who "
                              "are not relatives; this group lists relatives (mark the child "
                              "“separated” if they are with relatives other than parents)."))
    if V.SEPARATED_CHILD in flags:
        with_parent = row.relationship == R.CHILD or (
            row.relationship == R.HEAD and any(o.relationship == R.PARENT for o in others))
        if with_parent:
            problems.append(_("a separated child is with an adult who is not their parent; "
                              "this child is listed with a parent."))
        elif not any(o.is_adult for o in others):
            problems.append(_("a separated child is with an adult who is not their parent; "
                              "add that adult (with their age) to the group."))
    return problems


def check_group(operation: EmergencyOperation, data: GroupInput) -> list[str]:
    """Every problem of the group and of each row, raised at once; returns the warnings."""
    group: dict[str, list[str]] = {}
    rows: dict[int, list[str]] = {}
    warnings: list[str] = []
    if operation.status != choices.OperationStatus.ACTIVE:
        group["operation"] = [_("This operation has ended: no more arrivals are registered.")]
    if data.kind not in choices.GroupKind.values:
        group["kind"] = [_("Unknown kind of group %(kind)r.") % {"kind": data.kind}]
    if data.arrived_at is None:
        group["arrived_at"] = [_("Give the time of arrival.")]
    elif data.arrived_at > timezone.now() + CLOCK_SKEW:
        group["arrived_at"] = [_("This time is in the future.")]
    elif data.arrived_at < operation.started_at:
        group["arrived_at"] = [_("The operation started later, at %(time)s.")
                               % {"time": timezone.localtime(operation.started_at)}]
    if not data.people:
        group["people"] = [_("Register at least one person.")]
    elif data.kind == choices.GroupKind.SINGLE and len(data.people) > 1:
        group["kind"] = [_("A person alone is one row; this group has %(n)s.")
                         % {"n": len(data.people)}]
    for n, row in enumerate(data.people, start=1):
        others = [o for o in data.people if o is not row]
        problems, row_warnings = row_problems(row)
        problems += company_problems(row, others, data.kind)
        problems += person_problems(row, data.arrived_at)
        if problems:
            rows[n] = problems
        warnings += [_("Row %(n)s: %(warning)s") % {"n": n, "warning": w} for w in row_warnings]
    if group or rows:
        raise GroupProblems(group, rows)
    return warnings


def person_input(row: ArrivalInput, arrived_at: datetime | None) -> people.PersonInput:
    """What the people register needs: names as given, sex, an approximate birth year."""
    names = [people.NameInput(part, value.strip(), row.language, source="emergency arrival")
             for part, value in ((NamePart.FAMILY, row.family), (NamePart.GIVEN, row.given))
             if value.strip()]
    year = None
    if row.age is not None and arrived_at is not None and 0 <= row.age <= MAX_AGE:
        year = timezone.localtime(arrived_at).year - row.age
    return people.PersonInput(
        names=names, sex=row.sex if row.sex in Sex.values else Sex.UNKNOWN,
        birth=PartialDate(year=year, approximate=year is not None),
        nationalities=[row.nationality] if row.nationality.strip() else [])


def person_problems(row: ArrivalInput, arrived_at: datetime | None) -> list[str]:
    """The people register's own checks (names, nationality code), as row problems."""
    if not (row.family.strip() or row.given.strip()):
        return []  # already reported
    try:
        people.check(person_input(row, arrived_at))
    except ValidationError as error:
        return [str(m) for m in error.messages]
    return []


@transaction.atomic
def register_group(operation: EmergencyOperation, data: GroupInput,
                   organisation: Organisation) -> RegisteredGroup:
    """Register a whole family or group: every row checked first, then all or nothing.

    For each member: the person (through the people register, which screens them),
    then the arrival, then the link from the arrival to the person.
    """
    # Read afresh and locked: an operation ended meanwhile registers nobody.
    operation = EmergencyOperation.objects.select_for_update().get(pk=operation.pk)
    warnings = check_group(operation, data)
    group = ArrivalGroup.objects.create(
        operation=operation, kind=data.kind, arrived_at=data.arrived_at,
        place_of_origin=data.place_of_origin.strip(), remarks=data.remarks)
    arrivals = []
    for n, row in enumerate(data.people, start=1):
        try:
            person = people.register(person_input(row, data.arrived_at), organisation)
        except ValidationError as error:  # checked above; a race or a changed rule
            raise GroupProblems({}, {n: [str(m) for m in error.messages]}) from error
        arrival = Arrival.objects.create(
            group=group, person=person, relationship=row.relationship, sex=row.sex,
            age=row.age, nationality=row.nationality.strip().upper(),
            vulnerabilities=sorted(set(row.vulnerabilities)))
        people.cite(person, arrival, organisation, role="emergency arrival")
        move_alerts(person, arrival)  # screened on registration: decided on the arrival
        arrivals.append(arrival)
    return RegisteredGroup(group, arrivals, warnings)


def require_within(model: type[models.Model], user: Any, pk: Any, action: str = ADD) -> None:
    """Inside a transaction: refuse (and so roll back) a record outside the permission.

    The pages and the API both call this; a Django PermissionDenied is a 403 in both."""
    if not model._default_manager.restrict(user, action).filter(pk=pk).exists():  # type: ignore[attr-defined]
        raise PermissionDenied(_("You may not save a record with these values."))


# Flags after registration ---------------------------------------------------------------


@transaction.atomic
def change_flags(arrival: Arrival, vulnerabilities: Sequence[str]) -> list[str]:
    """Change a person's vulnerability flags, checked as at registration; returns warnings."""
    members = list(arrival.group.arrivals.all())
    rows = [as_input(a, vulnerabilities if a.pk == arrival.pk else a.vulnerabilities)
            for a in members]
    row = rows[[a.pk for a in members].index(arrival.pk)]
    problems, warnings = row_problems(row)
    problems += company_problems(row, [r for r in rows if r is not row], arrival.group.kind)
    if problems:
        raise ValidationError({"vulnerabilities": problems})
    arrival.vulnerabilities = sorted(set(vulnerabilities))
    arrival.save(update_fields=["vulnerabilities"])
    return warnings


def as_input(arrival: Arrival, vulnerabilities: Sequence[str]) -> ArrivalInput:
    """A registered arrival as the rules see it (its person's names do not matter here)."""
    return ArrivalInput(family="-", sex=arrival.sex, age=arrival.age,
                        relationship=arrival.relationship, nationality=arrival.nationality,
                        vulnerabilities=list(vulnerabilities))


# Referrals -----------------------------------------------------------------------------


def awaiting_referral(user: Any) -> QuerySet[Arrival]:
    """The protection desk's queue: flagged persons the user may see, not yet referred.

    A person whose referrals were all declined is back in the queue.
    """
    referred = EmergencyReferral.objects.filter(arrival=OuterRef("pk"), status__in=OPEN_OR_DONE)
    return (Arrival.objects.restrict(user, VIEW).exclude(vulnerabilities=[])
            .exclude(Exists(referred)).select_related("group__operation__point", "person")
            .order_by("group__arrived_at", "pk"))


@dataclass
class ReferralInput:
    """A referral as the officer records it, with the consent it rests on."""

    arrival: Arrival
    service: str
    to_organisation: Organisation
    consent_by: str
    reason: str
    consent_at: datetime | None = None


def check_referral(data: ReferralInput) -> None:
    """Every reason to refuse a referral, raised at once with the field it concerns."""
    problems: dict[str, list[str]] = {}
    if data.consent_by not in (choices.ConsentBy.PERSON, choices.ConsentBy.GUARDIAN):
        problems["consent_by"] = [_("A person is referred only with their consent (or, for a "
                                    "child, a parent's or guardian's). Without it, nothing "
                                    "is sent.")]
    if data.consent_at is None:
        problems["consent_at"] = [_("Record when consent was given.")]
    elif data.consent_at > timezone.now() + CLOCK_SKEW:
        problems["consent_at"] = [_("This time is in the future.")]
    elif data.consent_at < data.arrival.group.arrived_at:
        problems["consent_at"] = [_("Consent cannot come before the person arrived.")]
    if data.service not in choices.ReferralService.values:
        problems["service"] = [_("Unknown service %(service)r.") % {"service": data.service}]
    if not data.reason.strip():
        problems["reason"] = [_("Say why the person is referred.")]
    if not data.arrival.vulnerabilities:
        problems["arrival"] = [_("Only a person with a vulnerability flag is referred here: "
                                 "flag the vulnerability first.")]
    if not data.to_organisation.is_active:
        problems["to_organisation"] = [_("This organisation is no longer active.")]
    elif EmergencyReferral.objects.filter(
            arrival=data.arrival, service=data.service, to_organisation=data.to_organisation,
            status__in=(choices.ReferralStatus.SENT, choices.ReferralStatus.ACCEPTED)).exists():
        problems["to_organisation"] = [_("This person is already referred to this "
                                         "organisation for this service.")]
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def refer(data: ReferralInput, officer: Any) -> EmergencyReferral:
    """Record a referral with consent, and let the receiving organisation see the person.

    The person is cited by the referral on behalf of the receiving organisation, so that
    its staff find the person (and only this person) through the people register's
    rules.
    """
    check_referral(data)
    assert data.consent_at is not None  # check_referral refuses a referral without it
    referral = EmergencyReferral(
        arrival=data.arrival, service=data.service, to_organisation=data.to_organisation,
        consent_by=data.consent_by, consent_at=data.consent_at, consent_recorded_by=officer,
        reason=data.reason.strip())
    referral.full_clean()
    referral.save()
    people.cite(data.arrival.person, referral, data.to_organisation, role="emergency referral")
    return referral


@transaction.atomic
def decide(referral: EmergencyReferral, user: Any, status: str,
           response: str = "") -> EmergencyReferral:
    """Accept, decline or complete a referral: only staff of the receiving organisation.

    A decline needs a response (the reason, so the desk can refer elsewhere).
    """
    referral = EmergencyReferral.objects.select_for_update().get(pk=referral.pk)
    if getattr(user, "organisation_id", None) != referral.to_organisation_id:
        raise PermissionDenied(_("Only the organisation the person is referred to decides."))
    allowed = NEXT_STATUSES.get(choices.ReferralStatus(referral.status), ())
    if status not in allowed:
        raise ValidationError({"status": _(
            "A referral that is “%(now)s” cannot become “%(wanted)s”.") % {
                "now": referral.get_status_display(),
                "wanted": choices.ReferralStatus(status).label
                if status in choices.ReferralStatus.values else status}})
    if status == choices.ReferralStatus.DECLINED and not response.strip():
        raise ValidationError({"response": _("Say why the referral is declined.")})
    referral.status = status
    if response.strip():
        referral.response = response.strip()
    referral.save(update_fields=["status", "response"])
    return referral
