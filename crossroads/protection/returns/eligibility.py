"""Eligibility for assisted voluntary return: a fixed set of yes/no questions.

The questions are Crossroads' own summary of criteria that assisted voluntary return and
reintegration (AVRR) programmes commonly apply: a voluntary and informed decision, a
country the person may enter, nothing legally keeping them where they are, no risk of
serious harm on return, and no assisted return shortly before. They are written from
general AVRR practice, not from a specific legal text or any one programme's rules; an
office that applies other criteria changes :data:`ELIGIBILITY`.

Every question is answered yes or no and all are required. A "yes" meets the criterion;
any "no" makes the person not eligible, and the reasons say which criteria were not met.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: How long after an assisted return a person may not be assisted to return again.
RECENT_RETURN_YEARS = 5


@dataclass(frozen=True)
class Criterion:
    """One eligibility question; ``unmet`` is the reason given when it is answered no."""

    code: str
    question: str | Promise
    unmet: str | Promise


def with_years(message: str | Promise) -> str | Promise:
    """``message`` with the number of years filled in when shown (in the reader's language)."""
    return lazy(lambda: str(message) % {"years": RECENT_RETURN_YEARS}, str)()


ELIGIBILITY: tuple[Criterion, ...] = (
    Criterion("voluntary", _("Has the person decided to return of their own free will, "
                             "without pressure from anyone?"),
              _("The decision to return is not voluntary.")),
    Criterion("informed", _("Has the person been counselled on return and reintegration "
                            "and understood the assistance offered?"),
              _("The person has not been counselled, or has not understood the assistance "
                "offered.")),
    Criterion("right_to_enter", _("Is the person a national of the country of return, or "
                                  "do they have a right to reside there?"),
              _("The person is neither a national of the country of return nor has a right "
                "to reside there.")),
    Criterion("no_legal_obligation", _("Is the person free of any court order, criminal "
                                       "proceeding or other legal obligation that prevents "
                                       "departure?"),
              _("A legal obligation prevents the person's departure.")),
    Criterion("safe_return", _("As far as is known, can the person return without a risk of "
                               "persecution or serious harm?"),
              _("Return may expose the person to persecution or serious harm.")),
    Criterion("no_recent_return", with_years(_("Has the person not been assisted to return "
                                               "in the last %(years)s years?")),
              with_years(_("The person was assisted to return in the last %(years)s years."))),
)
BY_CODE = {c.code: c for c in ELIGIBILITY}


@dataclass(frozen=True)
class Decision:
    """Whether the answers make the person eligible, and why not."""

    eligible: bool
    answers: dict[str, bool]
    reasons: list[str]


def check_answers(answers: Mapping[str, object]) -> dict[str, bool]:
    """Every question answered yes or no, nothing unknown; ValidationError names each."""
    problems = [gettext("Unknown eligibility question %(code)r.") % {"code": code}
                for code in answers if code not in BY_CODE]
    problems += [gettext("Not answered: “%(question)s”") % {"question": c.question}
                 for c in ELIGIBILITY if not isinstance(answers.get(c.code), bool)]
    if problems:
        raise ValidationError({"answers": problems})
    return {c.code: bool(answers[c.code]) for c in ELIGIBILITY}


def decide(answers: Mapping[str, object]) -> Decision:
    """Eligible when every criterion is met; otherwise the reasons, one per unmet criterion."""
    checked = check_answers(answers)
    reasons = [str(c.unmet) for c in ELIGIBILITY if not checked[c.code]]
    return Decision(not reasons, checked, reasons)
