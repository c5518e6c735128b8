"""The vulnerability screening's fixed list of factors, and the priority they give.

The factors follow the determinants-of-migrant-vulnerability model: risk and protective
factors at the individual, household, community and structural levels. Every factor is
answered yes or no; the priority is computed from the answers and explained, so that a
supervisor can see why a case was marked urgent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crossroads.protection.choices import Priority

INDIVIDUAL, HOUSEHOLD, COMMUNITY, STRUCTURAL = "individual", "household", "community", "structural"
LEVELS = {INDIVIDUAL: _("Individual"), HOUSEHOLD: _("Household"),
          COMMUNITY: _("Community"), STRUCTURAL: _("Structural")}
RISK, PROTECTIVE = "risk", "protective"


@dataclass(frozen=True)
class Factor:
    """One question of the screening: a code, its level, risk or protective, a weight."""

    code: str
    level: str
    kind: str
    weight: int
    label: str | Promise
    #: A "yes" to an urgent factor makes the case critical, whatever the others say.
    urgent: bool = False


FACTORS: tuple[Factor, ...] = (
    Factor("immediate_danger", INDIVIDUAL, RISK, 5, _("In immediate danger of harm"),
           urgent=True),
    Factor("child_alone", INDIVIDUAL, RISK, 4, _("A child without a caregiver"), urgent=True),
    Factor("medical_need", INDIVIDUAL, RISK, 3, _("Serious medical or mental-health need")),
    Factor("disability", INDIVIDUAL, RISK, 2, _("Disability")),
    Factor("exploitation", INDIVIDUAL, RISK, 4, _("Signs of exploitation or trafficking")),
    Factor("no_documents", INDIVIDUAL, RISK, 1, _("No identity documents")),
    Factor("skills", INDIVIDUAL, PROTECTIVE, 1, _("Skills or education to earn a living")),
    Factor("household_violence", HOUSEHOLD, RISK, 3, _("Violence in the household")),
    Factor("dependants", HOUSEHOLD, RISK, 1, _("Dependants to care for")),
    Factor("household_income", HOUSEHOLD, PROTECTIVE, 1, _("A stable household income")),
    Factor("family_support", HOUSEHOLD, PROTECTIVE, 2, _("Supportive family")),
    Factor("discrimination", COMMUNITY, RISK, 2, _("Discrimination or hostility in the community")),
    Factor("community_network", COMMUNITY, PROTECTIVE, 1, _("A community or diaspora network")),
    Factor("irregular_status", STRUCTURAL, RISK, 2, _("Irregular migration status")),
    Factor("no_services", STRUCTURAL, RISK, 2, _("No access to basic services")),
    Factor("legal_aid", STRUCTURAL, PROTECTIVE, 1, _("Access to legal aid")),
)
BY_CODE = {f.code: f for f in FACTORS}

#: Net score thresholds (risk weights minus protective weights) for each priority.
HIGH_FROM, MEDIUM_FROM = 7, 3


@dataclass(frozen=True)
class Assessment:
    """The computed priority and the reasons for it, one line per factor that counted."""

    priority: str
    score: int
    reasons: list[dict[str, object]]


def check_answers(answers: Mapping[str, object]) -> dict[str, bool]:
    """Every factor answered yes or no, no unknown factor; ValidationError names each."""
    problems = [str(_("Unknown factor %(code)r.") % {"code": code})
                for code in answers if code not in BY_CODE]
    problems += [str(_("Factor “%(label)s” is not answered.") % {"label": f.label})
                 for f in FACTORS if not isinstance(answers.get(f.code), bool)]
    if problems:
        raise ValidationError({"answers": problems})
    return {f.code: bool(answers[f.code]) for f in FACTORS}


def assess(answers: Mapping[str, object]) -> Assessment:
    """The priority given by checked answers, with the factors that made it."""
    checked = check_answers(answers)
    present = [f for f in FACTORS if checked[f.code]]
    score = sum(f.weight if f.kind == RISK else -f.weight for f in present)
    reasons: list[dict[str, object]] = [
        {"factor": f.code, "level": f.level, "kind": f.kind,
         "weight": f.weight if f.kind == RISK else -f.weight, "urgent": f.urgent}
        for f in present]
    if any(f.urgent for f in present):
        priority = Priority.CRITICAL
    elif score >= HIGH_FROM:
        priority = Priority.HIGH
    elif score >= MEDIUM_FROM:
        priority = Priority.MEDIUM
    else:
        priority = Priority.LOW
    return Assessment(str(priority), score, reasons)
