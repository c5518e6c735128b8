"""The browse form: which figures to show, by every dimension, and how to chart them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from crossroads.evidence.choices import AreaKind, FormulaKind, Sex
from crossroads.evidence.models import Area, Indicator, Observation, Release
from crossroads.evidence.models.observations import TOTAL_AGE
from crossroads.reference.choices import RegionKind
from crossroads.reference.models import Region

#: The indicator shown first, when the sources have it.
DEFAULT_INDICATOR = "MIG_STOCK"
BREAKDOWNS = (("", _("None")), ("origin", _("Origin")), ("destination", _("Destination")),
              ("sex", _("Sex")), ("age", _("Age group")))
CHARTS = (("auto", _("Automatic")), ("line", _("Time series")), ("bars", _("Ranked bars")),
          ("map", _("Map")), ("corridors", _("Corridors (origin → destination)")))
AREA_GROUPS = ((AreaKind.REGION, _("Regions")), (AreaKind.COUNTRY, _("Countries and territories")),
               (AreaKind.AGGREGATE, _("Aggregates defined by sources")),
               (AreaKind.HISTORIC, _("Former countries")))
FIRST_YEAR, LAST_YEAR = 1900, 2100
#: A group of options (label, or "" for none) and its (value, label, selected) choices.
Option = tuple[str, list[tuple[str, str, bool]]]
AGES_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class BrowseQuery:
    """A cleaned browse request: the arguments of ``services.query.series`` and a chart."""

    indicator: Indicator
    areas: tuple[str, ...]
    years: tuple[int, int] | None
    sex: str | None
    age: str | None
    origin: str | None
    breakdown: str | None
    release: str | None
    chart: str

    def series_arguments(self) -> dict[str, Any]:
        """Keyword arguments of ``series()``: a broken-down dimension is not filtered."""
        return {"areas": list(self.areas), "years": self.years,
                "sex": None if self.breakdown == "sex" else self.sex,
                "age": None if self.breakdown == "age" else self.age,
                "origin": self.origin, "breakdown": self.breakdown, "release": self.release}


def main_region() -> Region | None:
    """The region Crossroads is configured for (the first top-level region)."""
    return Region.objects.filter(kind=RegionKind.REGION, parent=None).order_by("code").first()


def member_codes(region: Region | None) -> list[str]:
    """Area codes of a region's member countries."""
    if region is None:
        return []
    return sorted(Area.objects.filter(country__regions=region).values_list("code", flat=True))


def indicator_choices(indicators: list[Indicator]) -> list[Any]:
    """Indicators grouped: reported by sources, then derived, each by name."""
    raw: list[tuple[str, str]] = []
    derived: list[tuple[str, str]] = []
    for indicator in sorted(indicators, key=str):
        choice = (indicator.code, f"{indicator} ({indicator.code})")
        (raw if indicator.formula == FormulaKind.RAW else derived).append(choice)
    return [(_("Reported by sources"), raw), (_("Derived"), derived)]


def area_choices() -> list[Any]:
    """Areas grouped by kind: regions, countries, aggregates, former countries."""
    by_kind: dict[str, list[tuple[str, str]]] = {kind: [] for kind, _label in AREA_GROUPS}
    for area in Area.objects.filter(kind__in=list(by_kind)).order_by("name"):
        by_kind[area.kind].append((area.code, str(area)))
    return [(label, by_kind[kind]) for kind, label in AREA_GROUPS if by_kind[kind]]


def age_choices() -> list[tuple[str, str]]:
    """All ages, then the age groups observations use (youngest first).

    Reading the groups scans every observation, so they are cached until the next import.
    """
    imports = Release.objects.aggregate(count=Count("pk"), last=Max("imported_at"))
    last = imports["last"].timestamp() if imports["last"] else 0
    key = f"evidence:browse:ages:{imports['count']}:{last}"
    ages = cache.get_or_set(key, observed_ages, AGES_CACHE_SECONDS) or []
    return [(TOTAL_AGE, str(_("All ages"))), *[(age, age) for age in ages]]


def observed_ages() -> list[str]:
    """The age groups of the stored observations, youngest first ("5-9" before "10-14")."""
    ages = set(Observation.objects.order_by().values_list("age", flat=True).distinct())
    return sorted(ages - {TOTAL_AGE}, key=age_order)


def age_order(age: str) -> tuple[int, str]:
    """An age group's lower bound, to sort by ("75+" → 75; unknown shapes last)."""
    digits = ""
    for char in age:
        if not char.isdigit():
            break
        digits += char
    return (int(digits) if digits else 10**6, age)


class BrowseForm(forms.Form):
    """Query figures by indicator, area, years, sex, age, origin, breakdown and vintage."""

    indicator = forms.ChoiceField(label=_("Indicator"))
    areas = forms.MultipleChoiceField(
        label=_("Areas"), required=False,
        help_text=_("Countries and regions; none chosen means the region's members."),
        widget=forms.SelectMultiple(attrs={"size": 8}))
    year_from = forms.IntegerField(label=_("From year"), required=False,
                                   min_value=FIRST_YEAR, max_value=LAST_YEAR)
    year_to = forms.IntegerField(label=_("To year"), required=False,
                                 min_value=FIRST_YEAR, max_value=LAST_YEAR)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, required=False)
    age = forms.ChoiceField(label=_("Age group"), required=False)
    origin = forms.ChoiceField(label=_("Origin"), required=False,
                               help_text=_("Country or region of birth, origin or sending."))
    breakdown = forms.ChoiceField(label=_("Break down by"), choices=BREAKDOWNS, required=False)
    release = forms.ChoiceField(label=_("Release"), required=False,
                                help_text=_("The latest release of each figure, or one vintage."))
    chart = forms.ChoiceField(label=_("Chart"), choices=CHARTS, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        fields: dict[str, Any] = self.fields
        fields["indicator"].choices = indicator_choices(list(self.indicators.values()))
        areas = area_choices()
        fields["areas"].choices = areas
        fields["origin"].choices = [("", _("All origins")), *areas]
        fields["age"].choices = age_choices()
        fields["release"].choices = [("", _("Latest")), *(
            (r.code, f"{r.title} ({r.vintage})")
            for r in Release.objects.order_by("source__name", "-published"))]

    @property
    def area_options(self) -> list[Option]:
        return self.options("areas")

    @property
    def origin_options(self) -> list[Option]:
        return self.options("origin")

    def options(self, name: str) -> list[Option]:
        """A choice field's options by group, each marked selected or not."""
        value = self[name].value()
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        groups: list[Option] = []
        for key, label in self.fields[name].choices:  # type: ignore[attr-defined]
            if isinstance(label, list | tuple):
                groups.append((str(key), [(str(v), str(text), str(v) in chosen)
                                          for v, text in label]))
            else:
                groups.append(("", [(str(key), str(label), str(key) in chosen)]))
        return groups

    @classmethod
    def initial_data(cls) -> dict[str, Any]:
        """The query shown before the user chooses: the headline indicator, the region."""
        indicator = (Indicator.objects.filter(code=DEFAULT_INDICATOR).first()
                     or Indicator.objects.order_by("code").first())
        return {"indicator": indicator.code if indicator else "", "sex": Sex.TOTAL.value,
                "age": TOTAL_AGE, "chart": "auto", "areas": member_codes(main_region())}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and first > last:
            self.add_error("year_to", _("The last year comes before the first."))
        return data

    def query(self) -> BrowseQuery:
        """The cleaned query (call after ``is_valid()``)."""
        data = self.cleaned_data
        first, last = data.get("year_from"), data.get("year_to")
        years = None if first is None and last is None else (first or FIRST_YEAR,
                                                             last or LAST_YEAR)
        return BrowseQuery(
            indicator=self.indicators[data["indicator"]],
            areas=tuple(data.get("areas") or member_codes(main_region())),
            years=years, sex=data.get("sex") or Sex.TOTAL.value,
            age=data.get("age") or TOTAL_AGE, origin=data.get("origin") or None,
            breakdown=data.get("breakdown") or None, release=data.get("release") or None,
            chart=data.get("chart") or "auto",
        )
