"""The fixed vocabularies of protection cases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseType(models.TextChoices):
    VULNERABLE_MIGRANT = "vulnerable", _("Vulnerable migrant")
    PRESUMED_VOT = "presumed_vot", _("Presumed victim of trafficking")
    IDENTIFIED_VOT = "identified_vot", _("Identified victim of trafficking")
    UASC = "uasc", _("Unaccompanied or separated child")
    STRANDED = "stranded", _("Stranded migrant")
    CRISIS = "crisis", _("Migrant in crisis")
    RETURN = "return", _("Return and reintegration applicant")


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("case status", "Registered")
    ASSESSMENT = "assessment", pgettext_lazy("case status", "Assessment")
    CASE_PLAN = "case_plan", pgettext_lazy("case status", "Case plan")
    SERVICES = "services", pgettext_lazy("case status", "Services")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Case plan goals met")
    RETURNED = "returned", _("Returned to country of origin")
    TRANSFERRED = "transferred", _("Transferred to another organisation")
    LOST_CONTACT = "lost_contact", _("Contact lost")
    DECLINED = "declined", _("Person declined further assistance")
    DECEASED = "deceased", _("Person deceased")
    OTHER = "other", pgettext_lazy("closure reason", "Other")


class Priority(models.TextChoices):
    LOW = "low", pgettext_lazy("priority", "Low")
    MEDIUM = "medium", pgettext_lazy("priority", "Medium")
    HIGH = "high", pgettext_lazy("priority", "High")
    CRITICAL = "critical", pgettext_lazy("priority", "Critical")


class CasePersonRole(models.TextChoices):
    PRINCIPAL = "principal", _("Principal")
    HOUSEHOLD = "household", _("Household member")


class ApprovalStep(models.TextChoices):
    ASSESSMENT = "assessment", pgettext_lazy("approval step", "Assessment")
    CASE_PLAN = "case_plan", pgettext_lazy("approval step", "Case plan")
    CLOSURE = "closure", pgettext_lazy("approval step", "Closure")


class ApprovalDecision(models.TextChoices):
    PENDING = "pending", pgettext_lazy("approval", "Pending")
    APPROVED = "approved", pgettext_lazy("approval", "Approved")
    REFUSED = "refused", pgettext_lazy("approval", "Refused")


class BestInterestsKind(models.TextChoices):
    ASSESSMENT = "assessment", _("Best-interests assessment")
    DETERMINATION = "determination", _("Best-interests determination")


class ConsentPurpose(models.TextChoices):
    ASSISTANCE = "assistance", _("Assistance")
    REFERRAL = "referral", _("Referral to a named organisation")
    STATISTICS = "statistics", _("Data sharing for statistics")


# ── National Referral Mechanism ─────────────────────────────────────────────────────────

class Service(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    LEGAL = "legal", _("Legal assistance")
    EDUCATION = "education", _("Education and vocational training")
    REINTEGRATION = "reintegration", _("Reintegration assistance")
    FAMILY_TRACING = "family_tracing", _("Family tracing")


class ReferralStatus(models.TextChoices):
    CREATED = "created", pgettext_lazy("referral status", "Created")
    SENT = "sent", pgettext_lazy("referral status", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("referral status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("referral status", "Rejected")
    COMPLETED = "completed", pgettext_lazy("referral status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("referral status", "Cancelled")


class SharedField(models.TextChoices):
    """What a referral shows the receiving organisation about the person."""
    NAME = "name", _("Name")
    SEX = "sex", _("Sex")
    BIRTH_DATE = "birth_date", _("Date of birth")
    NATIONALITY = "nationality", _("Nationality")
    CONTACT = "contact", _("Contact details")
    LANGUAGE = "language", _("Language")
    VULNERABILITIES = "vulnerabilities", _("Vulnerability screening result")


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("transfer status", "Requested")
    ACCEPTED = "accepted", pgettext_lazy("transfer status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("transfer status", "Rejected")
    CANCELLED = "cancelled", pgettext_lazy("transfer status", "Cancelled")


# ── Counter-trafficking (Human Trafficking Case Data Standard) ─────────────────────────

class TraffickingStatus(models.TextChoices):
    PRESUMED = "presumed", _("Presumed victim")
    IDENTIFIED = "identified", _("Identified victim")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed as a victim")


class Recruitment(models.TextChoices):
    JOB_OFFER = "job_offer", _("Offer of a job")
    EDUCATION_OFFER = "education_offer", _("Offer of education or travel")
    MARRIAGE = "marriage", _("Marriage or intimate relationship")
    SOLD = "sold", _("Sold by family or others")
    ABDUCTION = "abduction", _("Abduction")
    ONLINE = "online", _("Recruited online")
    AGENCY = "agency", _("Recruitment agency")
    OTHER = "other", pgettext_lazy("recruitment", "Other")


class RecruiterRelationship(models.TextChoices):
    PARTNER = "partner", _("Intimate partner")
    FAMILY = "family", _("Family member")
    FRIEND = "friend", _("Friend or acquaintance")
    STRANGER = "stranger", _("Stranger")
    EMPLOYER = "employer", _("Employer or agency")
    UNKNOWN = "unknown", _("Unknown")


class MeansOfControl(models.TextChoices):
    PHYSICAL_ABUSE = "physical_abuse", _("Physical abuse")
    SEXUAL_ABUSE = "sexual_abuse", _("Sexual abuse")
    PSYCHOLOGICAL_ABUSE = "psychological_abuse", _("Psychological abuse")
    THREATS = "threats", _("Threats to the person or family")
    DOCUMENTS_WITHHELD = "documents_withheld", _("Identity documents withheld")
    WAGES_WITHHELD = "wages_withheld", _("Earnings withheld")
    DEBT_BONDAGE = "debt_bondage", _("Debt bondage")
    RESTRICTED_MOVEMENT = "restricted_movement", _("Restricted movement")
    SUBSTANCES = "substances", _("Drugs or alcohol")
    EXCESSIVE_HOURS = "excessive_hours", _("Excessive working hours")
    FALSE_PROMISES = "false_promises", _("False promises")
    THREAT_OF_AUTHORITIES = "threat_authorities", _("Threat of denunciation to authorities")


class Exploitation(models.TextChoices):
    SEXUAL = "sexual", _("Sexual exploitation")
    FORCED_LABOUR = "forced_labour", _("Forced labour")
    DOMESTIC_SERVITUDE = "domestic_servitude", _("Domestic servitude")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    FORCED_BEGGING = "forced_begging", _("Forced begging")
    FORCED_CRIMINALITY = "forced_criminality", _("Forced criminal activity")
    ORGAN_REMOVAL = "organ_removal", _("Removal of organs")
    SLAVERY = "slavery", _("Slavery or similar practices")
    OTHER = "other", pgettext_lazy("exploitation", "Other")


class Industry(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture")
    CONSTRUCTION = "construction", _("Construction")
    DOMESTIC_WORK = "domestic_work", _("Domestic work")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    HOSPITALITY = "hospitality", _("Hospitality and food service")
    FISHING = "fishing", _("Fishing")
    MINING = "mining", _("Mining and quarrying")
    BEGGING = "begging", _("Begging")
    SEX_INDUSTRY = "sex_industry", _("Sex industry")
    OTHER = "other", pgettext_lazy("industry", "Other")


class PerpetratorRole(models.TextChoices):
    RECRUITER = "recruiter", _("Recruiter")
    TRANSPORTER = "transporter", _("Transporter")
    HARBOURER = "harbourer", _("Harbourer or receiver")
    EXPLOITER = "exploiter", _("Exploiter")
    CONTROLLER = "controller", _("Controller")
    DOCUMENT_PROVIDER = "document_provider", _("Provider of documents")


# ── Assisted voluntary return and reintegration ────────────────────────────────────────

class ReturnStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("return status", "Applied")
    ELIGIBLE = "eligible", pgettext_lazy("return status", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("return status", "Not eligible")
    TRAVEL_READY = "travel_ready", pgettext_lazy("return status", "Travel arranged")
    DEPARTED = "departed", pgettext_lazy("return status", "Departed")
    ARRIVED = "arrived", pgettext_lazy("return status", "Arrived")
    WITHDRAWN = "withdrawn", pgettext_lazy("return status", "Withdrawn")


class TravelDocumentStatus(models.TextChoices):
    VALID = "valid", _("Valid travel document held")
    REQUESTED = "requested", _("Travel document requested")
    ISSUED = "issued", _("Travel document issued")


class FitnessToTravel(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not assessed")
    FIT = "fit", _("Fit to travel")
    FIT_WITH_ESCORT = "fit_with_escort", _("Fit to travel with a medical escort")
    UNFIT = "unfit", _("Not fit to travel")


class ReintegrationDimension(models.TextChoices):
    ECONOMIC = "economic", _("Economic")
    SOCIAL = "social", _("Social")
    PSYCHOSOCIAL = "psychosocial", pgettext_lazy("dimension", "Psychosocial")


class AssistanceKind(models.TextChoices):
    BUSINESS = "business", _("Business start-up support")
    TRAINING = "training", _("Vocational training")
    JOB_PLACEMENT = "job_placement", _("Job placement")
    CASH = "cash", _("Cash assistance")
    HOUSING = "housing", _("Housing")
    MEDICAL = "medical", _("Medical assistance")
    EDUCATION = "education", _("Schooling")
    DOCUMENTS = "documents", _("Civil documentation")
    COUNSELLING = "counselling", _("Counselling")
    FAMILY = "family", _("Family mediation")
    OTHER = "other", pgettext_lazy("assistance", "Other")
