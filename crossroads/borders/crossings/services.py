"""Recording a crossing: all checks first, then one transaction (or nothing at all).

:func:`record_crossing` is the only way a crossing is written, whether it comes from
the capture screen, a booth (API) or an advance passenger list. :func:`preview` runs
the same checks without writing, for the capture screen's "check" step.

What is refused (:class:`CrossingRefused`, a ValidationError naming each field):
a closed crossing point, a time more than five minutes ahead, an MRZ that does not
parse or disagrees with the typed fields, a refusal of entry without its reason, an
exit before the traveller's last entry into the country, unknown codes. What is let
through with a flag the officer sees: a restricted point, an exit without a recorded
entry, an entry while the last movement was already an entry, an expired document.
A retry with the same idempotency key and the same payload returns the first crossing;
with another payload it is refused (:class:`IdempotencyConflict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.borders import choices
from crossroads.borders.crossings import identity, screening
from crossroads.borders.models import BorderCrossingPoint, Crossing
from crossroads.core.permissions import ADD, can
from crossroads.people.choices import DocumentKind, NamePart, Sex
from crossroads.people.codes import check_state_code
from crossroads.people.dates import PartialDate
from crossroads.people.models import Person, number_key
from crossroads.people.services import DocumentInput, NameInput, PersonInput, cite, register

#: How far ahead of the server's clock a booth's clock may be.
CLOCK_TOLERANCE = timedelta(minutes=5)
#: Fields compared when a retry comes with an idempotency key already used.
SAME_PAYLOAD = ("point_id", "movement", "document_number", "document_state", "nationality",
                "refusal_reason", "mrz")


@dataclass
class CrossingInput:
    """What a form, a booth or a passenger list says about one crossing."""

    point: BorderCrossingPoint | None
    movement: str
    crossed_at: datetime | None = None
    family: str = ""
    given: str = ""
    patronymic: str = ""
    language: str = ""
    birth: PartialDate = field(default_factory=PartialDate)
    sex: str = Sex.UNKNOWN
    nationality: str = ""
    document_kind: str = ""
    document_number: str = ""
    document_state: str = ""
    document_expiry: date | None = None
    mrz: str = ""
    purpose: str = ""
    permit_kind: str = ""
    permit_number: str = ""
    permit_valid_until: date | None = None
    transport: str = ""
    vehicle: str = ""
    refusal_reason: str = ""
    remarks: str = ""
    person_id: int | None = None
    idempotency_key: str = ""
    source: str = ""

    def normalise(self) -> None:
        """Codes upper case, text trimmed (in place)."""
        for name in ("family", "given", "patronymic", "document_number", "remarks", "vehicle",
                     "permit_number", "idempotency_key", "mrz"):
            setattr(self, name, (getattr(self, name) or "").strip())
        for name in ("nationality", "document_state", "sex"):
            setattr(self, name, (getattr(self, name) or "").strip().upper().rstrip("<"))
        self.sex = self.sex or Sex.UNKNOWN


class CrossingRefused(ValidationError):
    """A crossing that cannot be recorded; ``message_dict`` names each field."""


class IdempotencyConflict(Exception):
    """An idempotency key already used for a crossing with other values."""

    def __init__(self, crossing: Crossing, fields: list[str]) -> None:
        self.crossing = crossing
        self.fields = fields
        super().__init__(_("This idempotency key was already used for crossing %(id)s with "
                           "other values (%(fields)s).")
                         % {"id": crossing.pk, "fields": ", ".join(fields)})


@dataclass
class Flag:
    code: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Preview:
    """What the officer sees before saving: the traveller, flags, hits, stay status."""

    recognition: identity.Recognition
    flags: list[Flag]
    screening: str
    hits: list[Any]
    stay: Any = None
    mrz: Any = None


@dataclass
class Result:
    """A recorded crossing (or the one recorded before, for a retry)."""

    crossing: Crossing
    created: bool
    how: str = ""  # how the traveller was recognised: chosen, document, search, new
    person_created: bool = False
    document_added: bool = False
    flags: list[Flag] = field(default_factory=list)
    hits: list[Any] = field(default_factory=list)
    alerts: list[Any] = field(default_factory=list)


# Checks --------------------------------------------------------------------------------


def refuse(problems: dict[str, list[str]]) -> None:
    if problems:
        raise CrossingRefused(problems)


def check(user: Any, data: CrossingInput, now: datetime) -> tuple[list[Flag], Any]:
    """Every check that needs no traveller; returns the flags and the parsed MRZ."""
    data.normalise()
    problems: dict[str, list[str]] = {}
    if getattr(user, "organisation_id", None) is None:
        problems["__all__"] = [_("Only a member of an organisation records crossings.")]
    if data.point is None:
        problems["point"] = [_("Choose the crossing point.")]
    if data.movement not in choices.Movement.values:
        problems["movement"] = [_("Choose the movement: entry, exit, refusal of entry or "
                                  "transit.")]
    if data.crossed_at is None:
        data.crossed_at = now
    elif timezone.is_naive(data.crossed_at):
        data.crossed_at = timezone.make_aware(data.crossed_at)
    if data.crossed_at > now + CLOCK_TOLERANCE:
        problems["crossed_at"] = [_("The time of crossing is in the future.")]
    parsed = check_mrz(data, problems)  # first: the zone fills the fields left empty
    check_traveller(data, problems)
    check_choices(data, problems)
    flags = check_point(data, problems) + check_document(data)
    refuse(problems)
    return flags, parsed


def check_traveller(data: CrossingInput, problems: dict[str, list[str]]) -> None:
    if data.person_id is None and not (data.family or data.given):
        problems["family"] = [_("Give the traveller's family name or given name.")]
    if data.sex not in Sex.values:
        problems["sex"] = [_("Unknown sex %(sex)r (one of F, M, X, U).") % {"sex": data.sex}]
    if (problem := data.birth.problem()) is not None:
        problems["birth"] = [problem]
    if data.nationality and (problem := check_state_code(data.nationality)) is not None:
        problems["nationality"] = [problem]
    needs_document = data.movement != choices.Movement.REFUSED
    if data.document_number or data.document_state or needs_document:
        if not number_key(data.document_number):
            problems["document_number"] = [_("Give the number of the travel document.")]
        if (problem := check_state_code(data.document_state)) is not None:
            problems["document_state"] = [problem]


def check_choices(data: CrossingInput, problems: dict[str, list[str]]) -> None:
    """Values of the choice fields, and a reason exactly when entry is refused."""
    for name, allowed in (("document_kind", DocumentKind.values),
                          ("purpose", choices.Purpose.values),
                          ("permit_kind", choices.PermitKind.values),
                          ("transport", choices.Transport.values),
                          ("refusal_reason", choices.RefusalReason.values)):
        value = getattr(data, name)
        if value and value not in allowed:
            problems[name] = [_("%(value)r is not one of the choices.") % {"value": value}]
    refused = data.movement == choices.Movement.REFUSED
    if refused and not data.refusal_reason:
        problems["refusal_reason"] = [_("A refusal of entry needs its reason.")]
    if not refused and data.refusal_reason:
        problems["refusal_reason"] = [_("Only a refusal of entry has a reason for refusal.")]


def check_mrz(data: CrossingInput, problems: dict[str, list[str]]) -> Any:
    """The parsed MRZ; it must agree with every typed field it also gives."""
    from crossroads.borders.mrz import MRZError, parse

    if not data.mrz:
        return None
    try:
        parsed = parse(data.mrz)
    except MRZError as error:
        problems["mrz"] = [f"{error.field}: {error.reason}"]
        return None
    given = {"family": parsed.primary_identifier, "given": parsed.given_names,
             "document_number": parsed.document_number, "document_state": parsed.issuing_state,
             "nationality": parsed.nationality, "document_expiry": parsed.expiry_date}
    for name, value in given.items():
        typed = getattr(data, name)
        if typed in ("", None):
            setattr(data, name, value)  # the zone fills what was not typed
        elif not agrees(name, typed, value, data.language):
            problems.setdefault(name, []).append(
                _("The machine-readable zone says %(value)s.") % {"value": value or "–"})
    if parsed.birth_date.year is not None and data.birth.year is None:
        data.birth = parsed.birth_date
    elif data.birth.year is not None and data.birth != parsed.birth_date:
        problems.setdefault("birth", []).append(
            _("The machine-readable zone says %(value)s.") % {"value": parsed.birth_date})
    if data.sex in ("", Sex.UNKNOWN) and parsed.sex in ("F", "M", "X"):
        data.sex = parsed.sex
    elif parsed.sex in ("F", "M") and data.sex in ("F", "M") and data.sex != parsed.sex:
        problems.setdefault("sex", []).append(
            _("The machine-readable zone says %(value)s.") % {"value": parsed.sex})
    data.document_kind = data.document_kind or parsed.document_kind()
    return parsed


def agrees(name: str, typed: Any, value: Any, language: str = "") -> bool:
    """Whether a typed value says what the MRZ says. Names agree when they read the same
    through the transliteration-aware keys (the officer may type Юлия for IULIIA) or when
    the zone's name is the truncated start of the typed one."""
    if name == "document_number":
        return number_key(str(typed)) == number_key(str(value))
    if name in ("family", "given"):
        return names_agree(str(typed), str(value), language)
    return bool(typed == value)


def names_agree(typed: str, zone: str, language: str) -> bool:
    from crossroads.people.names.keys import name_keys

    if not zone:
        return True
    plain, written = "".join(ch for ch in typed.upper() if ch.isalnum()), zone.replace(" ", "")
    if plain == written or (len(written) > 3 and plain.startswith(written)):
        return True
    return bool(name_keys(typed, language) & name_keys(zone, ""))


def check_point(data: CrossingInput, problems: dict[str, list[str]]) -> list[Flag]:
    point = data.point
    if point is None:
        return []
    if point.status == choices.CrossingStatus.CLOSED:
        problems.setdefault("point", []).append(
            _("%(point)s is closed: no crossing can be recorded there.") % {"point": point})
    if point.status == choices.CrossingStatus.RESTRICTED:
        return [Flag("point_restricted", _("%(point)s is restricted: check the traveller may "
                                           "use it.") % {"point": point})]
    return []


def check_document(data: CrossingInput) -> list[Flag]:
    when = (data.crossed_at or timezone.now()).date()
    if data.document_expiry is not None and data.document_expiry < when \
            and data.movement != choices.Movement.REFUSED:
        return [Flag("document_expired",
                     _("The document expired on %(date)s: refuse entry (no valid travel "
                       "document) unless the law allows it.") % {"date": data.document_expiry})]
    return []


def check_history(person: Person | None, data: CrossingInput) -> list[Flag]:
    """Order of the traveller's movements in this country (refused exits raise)."""
    if person is None or data.point is None or data.crossed_at is None:
        if data.movement == choices.Movement.EXIT:
            return [exit_without_entry()]
        return []
    crossings = Crossing.objects.filter(
        person=person, point__country_id=data.point.country_id,
        movement__in=(choices.Movement.ENTRY, choices.Movement.EXIT))
    if data.movement == choices.Movement.EXIT:
        later = crossings.filter(movement=choices.Movement.ENTRY,
                                 crossed_at__gt=data.crossed_at).order_by("-crossed_at").first()
        if later is not None:
            refuse({"crossed_at": [_("The traveller entered this country at %(time)s, after "
                                     "this exit: an exit cannot come before the entry.")
                                   % {"time": timezone.localtime(later.crossed_at)
                                      .strftime("%Y-%m-%d %H:%M")}]})
    before = crossings.filter(crossed_at__lte=data.crossed_at).order_by("-crossed_at").first()
    if data.movement == choices.Movement.EXIT and (before is None or before.movement
                                                   == choices.Movement.EXIT):
        return [exit_without_entry()]
    if data.movement == choices.Movement.ENTRY and before is not None \
            and before.movement == choices.Movement.ENTRY:
        return [Flag("entry_without_exit", _("The traveller's last recorded movement in this "
                                             "country is an entry, with no exit since."))]
    return []


def exit_without_entry() -> Flag:
    return Flag("exit_without_entry", _("No entry of this traveller into the country is "
                                        "recorded."))


# Preview and recording --------------------------------------------------------------


def preview(user: Any, data: CrossingInput) -> Preview:
    """Everything the officer should see before saving; writes nothing."""
    now = timezone.now()
    flags, parsed = check(user, data, now)
    found = identity.recognise(user, data)
    if data.person_id is not None and found.person is None:
        refuse({"person": [_("No such person, or you may not see them.")]})
    flags += check_history(found.person, data)
    assert data.crossed_at is not None  # set by check()
    result, hits = screening.screen(data, data.crossed_at.date())
    assert data.point is not None
    stay = screening.stay_status(found.person, data.point.country, data.crossed_at.date())
    return Preview(found, flags, result, hits, stay, parsed)


def record_crossing(user: Any, data: CrossingInput) -> Result:
    """Record one crossing (all or nothing); a retry with the same key returns the first.

    Raises :class:`CrossingRefused` or :class:`IdempotencyConflict`.
    """
    if data.idempotency_key:
        earlier = retry_of(user, data)
        if earlier is not None:
            return earlier
    given_time = data.crossed_at
    try:
        return write(user, data)
    except IntegrityError:
        # Two submissions with one key at once: the other one won; answer as a retry
        # (compared with the time as given: the write filled an empty one with "now").
        data.crossed_at = given_time
        earlier = retry_of(user, data) if data.idempotency_key else None
        if earlier is None:
            raise
        return earlier


def retry_of(user: Any, data: CrossingInput) -> Result | None:
    """The crossing already recorded with this key by the user's organisation, if any."""
    key = data.idempotency_key.strip()
    earlier = Crossing.objects.filter(organisation_id=getattr(user, "organisation_id", None),
                                      idempotency_key=key).first()
    if earlier is None:
        return None
    data.normalise()
    differing = payload_differences(earlier, data)
    if differing:
        raise IdempotencyConflict(earlier, differing)
    return Result(earlier, created=False, how="retry",
                  flags=[Flag(**f) for f in earlier.flags])


def payload_differences(earlier: Crossing, data: CrossingInput) -> list[str]:
    """Names of the recorded values a retry gives differently (a time left out of the
    retry is not a difference: the form fills it with the time of the first attempt)."""
    given: dict[str, Any] = {
        "point_id": data.point.pk if data.point else None, "movement": data.movement,
        "document_number": data.document_number, "document_state": data.document_state,
        "nationality": data.nationality, "refusal_reason": data.refusal_reason,
        "mrz": data.mrz}
    differing = [name.removesuffix("_id") for name in SAME_PAYLOAD
                 if given[name] not in ("", None) and given[name] != getattr(earlier, name)]
    if data.crossed_at is not None and data.crossed_at != earlier.crossed_at:
        differing.append("crossed_at")
    if data.person_id is not None and data.person_id != earlier.person_id:
        differing.append("person")
    return differing


def write(user: Any, data: CrossingInput) -> Result:
    if not can(user, Crossing, ADD):
        raise CrossingRefused({"__all__": [_("You may not record crossings.")]})
    with transaction.atomic():
        seen = preview(user, data)
        person, created = seen.recognition.person, False
        if person is None:
            person, created = register_traveller(data, user.organisation), True
        added = bool(identity.add_document(person, data)) if not created \
            and data.document_number else False
        if not created and seen.recognition.how == "search":
            identity.add_spellings(person, data)
        crossing = save_crossing(user, data, person, seen)
        cite(person, crossing, user.organisation, "traveller")
        if not Crossing.objects.restrict(user, ADD).filter(pk=crossing.pk).exists():
            raise CrossingRefused({"point": [_("You may not record crossings at %(point)s.")
                                             % {"point": data.point}]})
        alerts = screening.raise_alerts(person, crossing, seen.hits, registered=created)
    return Result(crossing, True, seen.recognition.how, created, added, seen.flags,
                  seen.hits, alerts)


def register_traveller(data: CrossingInput, organisation: Any) -> Person:
    """A new person from what the document says."""
    from crossroads.reference.models import Country

    names = [NameInput(part, value, data.language, source="crossing")
             for part, value in ((NamePart.FAMILY, data.family), (NamePart.GIVEN, data.given),
                                 (NamePart.PATRONYMIC, data.patronymic)) if value]
    # Stateless, refugee and UN codes are on the crossing, not nationalities.
    nationalities = [data.nationality] if Country.objects.filter(
        iso3=data.nationality).exists() else []
    documents = [DocumentInput(data.document_kind or DocumentKind.OTHER, data.document_number,
                               data.document_state, expires_on=data.document_expiry)] \
        if number_key(data.document_number) else []
    try:
        return register(PersonInput(names=names, sex=data.sex, birth=data.birth,
                                    nationalities=nationalities, documents=documents),
                        organisation)
    except ValidationError as error:
        raise CrossingRefused(error.message_dict if hasattr(error, "error_dict")
                              else {"__all__": error.messages}) from error


def save_crossing(user: Any, data: CrossingInput, person: Person, seen: Preview) -> Crossing:
    assert data.point is not None and data.crossed_at is not None
    document = person.documents.filter(number_key=number_key(data.document_number),
                                       issuing_state=data.document_state).first() \
        if data.document_number else None
    crossing = Crossing(
        point=data.point, movement=data.movement, crossed_at=data.crossed_at, person=person,
        organisation=user.organisation, officer=user, document=document,
        document_kind=data.document_kind, document_number=data.document_number,
        document_state=data.document_state, document_expiry=data.document_expiry,
        nationality=data.nationality, sex=data.sex or Sex.UNKNOWN,
        birth_year=data.birth.year, mrz=data.mrz, purpose=data.purpose,
        permit_kind=data.permit_kind, permit_number=data.permit_number,
        permit_valid_until=data.permit_valid_until, transport=data.transport,
        vehicle=data.vehicle, refusal_reason=data.refusal_reason, remarks=data.remarks,
        screening=seen.screening, flags=[f.as_json() for f in seen.flags],
        idempotency_key=data.idempotency_key, source=data.source[:80])
    try:
        crossing.full_clean(exclude=["person", "organisation", "officer", "document", "point"],
                            validate_constraints=False)
    except ValidationError as error:
        raise CrossingRefused(error.message_dict) from error
    crossing.save()
    return crossing
