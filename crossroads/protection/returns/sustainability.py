"""The monitoring questionnaire and the reintegration sustainability score.

The structure follows IOM's Reintegration Sustainability Survey: questions in three
dimensions (economic, social, psychosocial), each answer mapped to a value from 0 (least
sustainable) to 1 (most), a score per dimension, and a composite score. The questions are
a shortened set written for Crossroads, and **the weights are Crossroads' own**, not the
official weights of IOM's survey: scores from this module are comparable with each other,
not with IOM's published figures.

A dimension's score is the weighted mean of its answers' values; the composite is the
weighted mean of the dimension scores (:data:`DIMENSION_WEIGHTS`). Every score is in
[0, 1], and a better answer to any question never lowers any score. The band: low below
0.33, medium below 0.66, high from 0.66.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from crossroads.protection.choices import ReintegrationDimension

ECONOMIC = ReintegrationDimension.ECONOMIC.value
SOCIAL = ReintegrationDimension.SOCIAL.value
PSYCHOSOCIAL = ReintegrationDimension.PSYCHOSOCIAL.value
#: Crossroads' weights of the dimensions in the composite score (equal; not IOM's).
DIMENSION_WEIGHTS: dict[str, float] = {ECONOMIC: 1.0, SOCIAL: 1.0, PSYCHOSOCIAL: 1.0}
LOW_BELOW, MEDIUM_BELOW = 0.33, 0.66
BANDS = {"low": pgettext_lazy("sustainability", "Low"),
         "medium": pgettext_lazy("sustainability", "Medium"),
         "high": pgettext_lazy("sustainability", "High")}


@dataclass(frozen=True)
class Option:
    """One answer to a question and what it is worth (0: least sustainable, 1: most)."""

    code: str
    label: str | Promise
    value: float


@dataclass(frozen=True)
class Question:
    """One monitoring question in a dimension, with its weight in that dimension."""

    code: str
    dimension: str
    weight: float
    text: str | Promise
    options: tuple[Option, ...]

    def value(self, code: str) -> float:
        return next(o.value for o in self.options if o.code == code)


def frequency(never_is_good: bool) -> tuple[Option, ...]:
    """Never / sometimes / often / always, valued so that ``never`` is best or worst."""
    labels = (("never", _("Never")), ("sometimes", _("Sometimes")), ("often", _("Often")),
              ("always", _("Always")))
    values = (1.0, 2 / 3, 1 / 3, 0.0) if never_is_good else (0.0, 1 / 3, 2 / 3, 1.0)
    return tuple(Option(code, label, value)
                 for (code, label), value in zip(labels, values, strict=True))


SATISFACTION = (Option("very_dissatisfied", _("Very dissatisfied"), 0.0),
                Option("dissatisfied", _("Dissatisfied"), 0.25),
                Option("neutral", _("Neither satisfied nor dissatisfied"), 0.5),
                Option("satisfied", _("Satisfied"), 0.75),
                Option("very_satisfied", _("Very satisfied"), 1.0))
YES_NO = (Option("no", _("No"), 0.0), Option("yes", _("Yes"), 1.0))
ACCESS = (Option("none", _("No access"), 0.0), Option("poor", _("Poor access"), 1 / 3),
          Option("good", _("Good access"), 2 / 3), Option("very_good", _("Very good access"), 1.0))

QUESTIONS: tuple[Question, ...] = (
    Question("economic_satisfaction", ECONOMIC, 2.0,
             _("How satisfied is the person with their current economic situation?"),
             SATISFACTION),
    Question("food_shortage", ECONOMIC, 1.5,
             _("How often did the household cut the size of meals for lack of money?"),
             frequency(never_is_good=True)),
    Question("income", ECONOMIC, 2.0,
             _("What is the person's main source of income?"),
             (Option("none", _("No income"), 0.0),
              Option("assistance", _("Assistance or remittances only"), 0.25),
              Option("irregular", _("Irregular or casual work"), 0.5),
              Option("regular", _("Regular work or own business"), 1.0))),
    Question("debt", ECONOMIC, 1.0,
             _("How does the person's debt compare with what they earn in a month?"),
             (Option("unpayable", _("More than they can repay"), 0.0),
              Option("heavy", _("Heavy but being repaid"), 0.5),
              Option("none", _("Little or no debt"), 1.0))),
    Question("housing", SOCIAL, 1.5,
             _("How good is the person's housing?"),
             (Option("none", _("No stable housing"), 0.0),
              Option("poor", _("Housing of poor quality"), 0.5),
              Option("adequate", _("Adequate housing"), 1.0))),
    Question("health_care", SOCIAL, 1.0,
             _("How is the person's access to health care?"), ACCESS),
    Question("education", SOCIAL, 1.0,
             _("How is access to education for the person or their children?"), ACCESS),
    Question("documents", SOCIAL, 1.0,
             _("Does the person have the identity documents they need?"), YES_NO),
    Question("participation", PSYCHOSOCIAL, 1.0,
             _("How often does the person take part in community or social activities?"),
             frequency(never_is_good=False)),
    Question("support_network", PSYCHOSOCIAL, 1.5,
             _("Can the person rely on someone for support when in need?"), YES_NO),
    Question("safety", PSYCHOSOCIAL, 1.0,
             _("Does the person feel physically safe where they live?"), YES_NO),
    Question("distress", PSYCHOSOCIAL, 1.5,
             _("How often does the person feel tense, sad or anxious?"),
             frequency(never_is_good=True)),
    Question("wish_to_stay", PSYCHOSOCIAL, 2.0,
             _("Does the person feel able to stay in the country rather than migrate again?"),
             (Option("must_leave", _("Feels they must leave"), 0.0),
              Option("undecided", _("Undecided"), 0.5),
              Option("able_to_stay", _("Feels able to stay"), 1.0))),
)
BY_CODE = {q.code: q for q in QUESTIONS}


@dataclass(frozen=True)
class Scores:
    """The sustainability scores of one monitoring visit, each in [0, 1]."""

    economic: float
    social: float
    psychosocial: float
    composite: float

    @property
    def band(self) -> str:
        return band(self.composite)


def band(score: float) -> str:
    """The band a composite score falls in: ``low``, ``medium`` or ``high``."""
    if score < LOW_BELOW:
        return "low"
    return "medium" if score < MEDIUM_BELOW else "high"


def check_answers(answers: Mapping[str, object]) -> dict[str, str]:
    """Every question answered with one of its options; ValidationError names each problem."""
    problems = [gettext("Unknown monitoring question %(code)r.") % {"code": code}
                for code in answers if code not in BY_CODE]
    for question in QUESTIONS:
        given = answers.get(question.code)
        if given is None or given == "":
            problems.append(gettext("Not answered: “%(question)s”") % {"question": question.text})
        elif given not in {o.code for o in question.options}:
            problems.append(gettext("“%(answer)s” is not an answer to “%(question)s”.")
                            % {"answer": given, "question": question.text})
    if problems:
        raise ValidationError({"answers": problems})
    return {q.code: str(answers[q.code]) for q in QUESTIONS}


def score(answers: Mapping[str, object]) -> Scores:
    """The dimension and composite scores of a complete, checked set of answers."""
    checked = check_answers(answers)
    by_dimension = {d: dimension_score(d, checked) for d in DIMENSION_WEIGHTS}
    total = sum(DIMENSION_WEIGHTS.values())
    composite = sum(by_dimension[d] * w for d, w in DIMENSION_WEIGHTS.items()) / total
    return Scores(by_dimension[ECONOMIC], by_dimension[SOCIAL], by_dimension[PSYCHOSOCIAL],
                  clamp(composite))


def dimension_score(dimension: str, answers: Mapping[str, str]) -> float:
    """The weighted mean of the answer values of one dimension's questions."""
    asked = [q for q in QUESTIONS if q.dimension == dimension]
    weight = sum(q.weight for q in asked)
    return clamp(sum(q.value(answers[q.code]) * q.weight for q in asked) / weight)


def clamp(value: float) -> float:
    """Rounded to four places and kept in [0, 1] against floating-point drift."""
    return min(1.0, max(0.0, round(value, 4)))
