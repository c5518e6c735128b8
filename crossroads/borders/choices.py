"""Choices of border management."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CrossingKind(models.TextChoices):
    AIR = "air", _("Air")
    LAND = "land", _("Land")
    SEA = "sea", _("Sea")
    RAIL = "rail", _("Rail")
    RIVER = "river", _("River")


class CrossingStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("crossing point status", "Open")
    RESTRICTED = "restricted", pgettext_lazy("crossing point status", "Restricted")
    CLOSED = "closed", pgettext_lazy("crossing point status", "Closed")
    EMERGENCY = "emergency", _("Emergency mode")


class Movement(models.TextChoices):
    ENTRY = "entry", _("Entry")
    EXIT = "exit", _("Exit")
    REFUSED = "refused", _("Refusal of entry")
    TRANSIT = "transit", _("Transit")


class Purpose(models.TextChoices):
    TOURISM = "tourism", _("Tourism or visit")
    BUSINESS = "business", _("Business")
    WORK = "work", _("Work")
    STUDY = "study", _("Study")
    FAMILY = "family", pgettext_lazy("purpose of travel", "Family")
    TRANSIT = "transit", pgettext_lazy("purpose of travel", "Transit")
    HUMANITARIAN = "humanitarian", _("Humanitarian or protection")
    RETURN = "return", _("Return home")
    RESIDENCE = "residence", _("Residence")
    OTHER = "other", _("Other purpose")


class PermitKind(models.TextChoices):
    NONE = "none", _("None needed (visa-free)")
    SHORT_STAY_VISA = "short_visa", _("Short-stay visa")
    LONG_STAY_VISA = "long_visa", _("Long-stay visa")
    TRANSIT_VISA = "transit_visa", _("Transit visa")
    RESIDENCE_PERMIT = "residence", _("Residence permit")
    WORK_PERMIT = "work", _("Work permit")
    HUMANITARIAN = "humanitarian", _("Humanitarian or temporary protection")


class Transport(models.TextChoices):
    CAR = "car", _("Car")
    BUS = "bus", _("Bus")
    TRUCK = "truck", _("Truck")
    TRAIN = "train", _("Train")
    PLANE = "plane", _("Plane")
    SHIP = "ship", _("Ship or ferry")
    FOOT = "foot", _("On foot")
    OTHER = "other", _("Other transport")


class RefusalReason(models.TextChoices):
    """Grounds for refusing entry, in the order border codes usually list them."""

    NO_DOCUMENT = "no_document", _("No valid travel document")
    FALSE_DOCUMENT = "false_document", _("False, counterfeit or forged travel document")
    NO_VISA = "no_visa", _("No valid visa or residence permit")
    FALSE_VISA = "false_visa", _("False, counterfeit or forged visa or permit")
    NO_JUSTIFICATION = "no_justification", _("Purpose and conditions of stay not justified")
    STAY_EXHAUSTED = "stay_exhausted", _("Allowed days of stay already used")
    NO_MEANS = "no_means", _("No sufficient means of subsistence")
    ALERT = "alert", _("Alert for refusal of entry")
    THREAT = "threat", _("Threat to public policy, security or health")


class ScreeningResult(models.TextChoices):
    NOT_SCREENED = "not_screened", _("Not screened")
    CLEAR = "clear", _("No match")
    ALERT = "alert", _("Possible match: alert raised")


class StayRuleKind(models.TextChoices):
    ROLLING = "rolling", _("Days in any rolling period (e.g. 90 in 180)")
    PER_ENTRY = "per_entry", _("Days per entry")
    VALIDITY = "validity", _("Until the visa or permit expires")
    UNLIMITED = "unlimited", _("Unlimited")


class OperationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class GroupKind(models.TextChoices):
    FAMILY = "family", _("Family")
    GROUP = "group", _("Group travelling together")
    SINGLE = "single", _("Person alone")


class Relationship(models.TextChoices):
    HEAD = "head", _("Head of family or group")
    SPOUSE = "spouse", _("Spouse or partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    OTHER_RELATIVE = "relative", _("Other relative")
    CAREGIVER = "caregiver", _("Caregiver, not a relative")
    UNRELATED = "unrelated", _("Not related")


class Vulnerability(models.TextChoices):
    UNACCOMPANIED_CHILD = "unaccompanied_child", _("Unaccompanied child")
    SEPARATED_CHILD = "separated_child", _("Separated child")
    PREGNANT = "pregnant", _("Pregnant woman")
    OLDER_PERSON = "older_person", _("Older person")
    DISABILITY = "disability", _("Person with a disability")
    MEDICAL_NEED = "medical_need", _("Medical need")
    TRAFFICKING = "trafficking", _("Possible victim of trafficking")
    ASYLUM = "asylum", _("Asks for asylum")


class ReferralService(models.TextChoices):
    CHILD_PROTECTION = "child_protection", _("Child protection")
    MEDICAL = "medical", _("Medical care")
    ASYLUM = "asylum", _("Asylum procedure")
    COUNTER_TRAFFICKING = "counter_trafficking", _("Counter-trafficking assistance")
    SHELTER = "shelter", _("Shelter")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    FAMILY_TRACING = "family_tracing", _("Family tracing")
    LEGAL = "legal", _("Legal aid")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", pgettext_lazy("referral status", "Accepted")
    DECLINED = "declined", pgettext_lazy("referral status", "Declined")
    COMPLETED = "completed", pgettext_lazy("referral status", "Completed")


class ConsentBy(models.TextChoices):
    PERSON = "person", _("The person")
    GUARDIAN = "guardian", _("Parent or guardian")
    NOT_GIVEN = "not_given", _("Not given")
