"""Part A, migration trends and characteristics; part B, the impact of migration."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.evidence.charts.specs import ranked_bars, time_series
from crossroads.evidence.charts.text import ChartText
from crossroads.evidence.choices import Unit
from crossroads.evidence.pages.keyfigures import coverage_json
from crossroads.evidence.services.keyfigures import format_value
from crossroads.evidence.services.query import growth_between
from crossroads.profiles.content.reader import Item, Reader

TOP = 10


def section(reader: Reader, key: str, title: str, items: list[Item | None]) -> Item:
    return {"key": key, "title": title, "items": [item for item in items if item]}


def trend_chart(reader: Reader, key: str, codes: list[tuple[str, str]], title: str,
                value_title: str) -> Item | None:
    """A line per indicator over the years up to the reference year."""
    names = dict(codes)
    values = [v for code, _label in codes for v in reader.series_values(code)]
    text = ChartText(title=title, value=value_title, category=_("Year"), series="")
    return reader.chart(key, time_series(values, text, by=("indicator",), names=names))


def top_chart(reader: Reader, key: str, code: str, breakdown: str, title: str) -> Item | None:
    """Bars of the largest partners (origins or destinations) in the latest year."""
    year = ranked_year(reader, code, breakdown)
    if year is None:
        return None
    values = [v for v in reader.series_values(code, years=(year, year), breakdown=breakdown)
              if reader.build.is_country(getattr(v, breakdown))]
    names = {a.code: str(a) for a in reader.ref.codes.values()}
    text = ChartText(title=f"{title}, {year}", value=_("Persons"))
    return reader.chart(key, ranked_bars(values, text, by=(breakdown,), top=TOP, names=names))


def ranked_year(reader: Reader, code: str, breakdown: str) -> int | None:
    """The year of the section's ranking of partners (None: it has none)."""
    return reader.ranked_years.get(f"{code}_BY_{breakdown.upper()}")


def immigrants(reader: Reader) -> Item:
    reader.section = title = _("International migrants")
    return section(reader, "immigrants", title, [
        reader.figures("immigrants", title, [
            ("MIG_STOCK", gettext_lazy("International migrants")),
            ("MIG_STOCK_PCT_POP", gettext_lazy("Share of the population")),
            ("MIG_FEMALE_PCT", gettext_lazy("Share of women among migrants")),
            ("MIG_SHARE_WORLD", gettext_lazy("Share of the world's migrants")),
            ("POP", gettext_lazy("Total population")),
        ]),
        age_structure(reader),
        trend_chart(reader, "immigrants-trend", [("MIG_STOCK", _("International migrants"))],
                    _("International migrants living here"), _("Persons")),
        reader.ranking("MIG_STOCK", gettext_lazy("Main countries of origin of immigrants"),
                       "origin"),
        top_chart(reader, "immigrants-origins", "MIG_STOCK", "origin",
                  _("Main countries of origin of immigrants")),
    ])


def age_structure(reader: Reader) -> Item:
    """The migrants' age groups in the latest year with an age breakdown."""
    code, label = "MIG_STOCK_AGE_PCT", _("Age of international migrants")
    item: Item = {"type": "breakdown", "key": code, "title": label, "year": None,
                  "rows": [], "note": None}
    picked = reader.pick(code)
    values = [] if picked is None else [
        v for v in reader.series_values(code, years=(picked[0], picked[0]), breakdown="age")
        if v.age != "_T"]
    if not values or picked is None:
        reader.gaps.no_data(code, label, reader.section)
        return item
    reader.age_check(code, label, picked[0])
    unit = reader.ref.indicators[code].unit
    rows = [{"label": v.age, "value": v.value, "display": format_value(v.value, unit)}
            for v in sorted(values, key=lambda v: age_order(v.age))]
    return {**item, "year": picked[0], "rows": rows, "note": reader.cite(code, values)}


def age_order(age: str) -> tuple[int, str]:
    """Age groups in order of their first year ("0-4" before "10-14", "75+" last)."""
    digits = "".join(ch if ch.isdigit() else " " for ch in age).split()
    return (int(digits[0]) if digits else 999, age)


def emigrants(reader: Reader) -> Item:
    reader.section = title = _("Emigrants")
    return section(reader, "emigrants", title, [
        reader.figures("emigrants", title, [
            ("EMIG_STOCK", gettext_lazy("Emigrants living abroad")),
            ("EMIG_PCT_POP", gettext_lazy("Emigrants as a share of the population")),
        ]),
        reader.ranking("EMIG_STOCK", gettext_lazy("Main countries of destination of emigrants"),
                       "destination"),
        top_chart(reader, "emigrants-destinations", "EMIG_STOCK", "destination",
                  _("Main countries of destination of emigrants")),
    ])


def refugees(reader: Reader) -> Item:
    reader.section = title = _("Refugees and asylum-seekers")
    codes = [("REFUGEES", _("Refugees hosted")),
             ("REFUGEES_ORIGINATING", _("Refugees originating from here"))]
    return section(reader, "refugees", title, [
        reader.figures("refugees", title, [
            ("REFUGEES", gettext_lazy("Refugees hosted")),
            ("ASYLUM_SEEKERS", gettext_lazy("Asylum-seekers hosted")),
            ("REFUGEES_ORIGINATING", gettext_lazy("Refugees originating from here")),
            ("ASYLUM_SEEKERS_ORIGINATING",
             gettext_lazy("Asylum-seekers originating from here")),
            ("STATELESS", gettext_lazy("Stateless persons")),
        ]),
        trend_chart(reader, "refugees-trend", codes, _("Refugees hosted and originating"),
                    _("Persons")),
    ])


def displacement(reader: Reader) -> Item:
    reader.section = title = _("Internal displacement")
    codes = [("IDP_CONFLICT_STOCK", _("Conflict and violence")),
             ("IDP_DISASTER_STOCK", _("Disasters"))]
    return section(reader, "displacement", title, [
        reader.figures("displacement", title, [
            ("IDP_CONFLICT_STOCK", gettext_lazy("IDPs (conflict and violence)")),
            ("IDP_DISASTER_STOCK", gettext_lazy("IDPs (disasters)")),
            ("IDP_CONFLICT_NEW", gettext_lazy("New displacements (conflict and violence)")),
            ("IDP_DISASTER_NEW", gettext_lazy("New displacements (disasters)")),
        ]),
        trend_chart(reader, "displacement-trend", codes, _("Internally displaced persons"),
                    _("Persons")),
    ])


def remittances(reader: Reader) -> Item:
    reader.section = title = _("Remittances")
    return section(reader, "remittances", title, [
        reader.figures("remittances", title, [
            ("REMIT_IN", gettext_lazy("Remittances received")),
            ("REMIT_IN_PCT_GDP", gettext_lazy("Remittances received, share of GDP")),
            ("REMIT_IN_PER_CAPITA", gettext_lazy("Remittances received per person")),
            ("REMIT_OUT", gettext_lazy("Remittances paid")),
        ]),
        reader.corridor_costs(),
    ])


def change(reader: Reader) -> Item:
    """Change since earlier years: growth of the migrant stock, and a table over time."""
    reader.section = title = _("Change since earlier years")
    return section(reader, "change", title, [
        growth(reader),
        reader.trend_table("change", _("Main figures over time"), [
            ("MIG_STOCK", gettext_lazy("International migrants")),
            ("MIG_STOCK_PCT_POP", gettext_lazy("Share of the population")),
            ("EMIG_STOCK", gettext_lazy("Emigrants living abroad")),
            ("REFUGEES", gettext_lazy("Refugees hosted")),
            ("REMIT_IN", gettext_lazy("Remittances received")),
        ], anchor="MIG_STOCK"),
    ])


def growth(reader: Reader) -> Item:
    """The change of the migrant stock since the latest estimate at least five years older."""
    code = "MIG_STOCK_GROWTH"
    picked = reader.pick("MIG_STOCK")
    earlier = [y for y in reader.annual("MIG_STOCK") if picked and y <= picked[0] - 5]
    label = _("Change in the number of migrants")
    item: Item = {"type": "figures", "key": "growth", "title": label, "rows": [
        {"type": "figure", "key": code, "label": label, "indicator": code, "unit": Unit.PERCENT,
         "value": None, "display": _("no data"), "year": None, "period": None, "note": None,
         "observations": [], "releases": [], "coverage": None}]}
    if code not in reader.ref.indicators or picked is None or not earlier:
        reader.gaps.no_data(code, label, reader.section)
        return item
    since, year = max(earlier), picked[0]
    value = growth_between(reader.user, code, reader.area.code, since, year,
                           reference=reader.ref)
    if value is None or value.value is None:
        reader.gaps.no_data(code, label, reader.section)
        return item
    row = item["rows"][0]
    row.update(label=_("Change in the number of migrants, %(since)s–%(year)s") % {
        "since": since, "year": year}, value=value.value, year=year, period=value.period,
        display=format_value(value.value, Unit.PERCENT, signed=True),
        note=reader.cite(code, [value]), observations=list(value.observation_ids),
        releases=list(value.releases), coverage=coverage_json(value.coverage))
    return item


def part_a(reader: Reader) -> Item:
    return {"key": "A", "title": _("Migration trends and characteristics"), "sections": [
        immigrants(reader), emigrants(reader), refugees(reader), displacement(reader),
        remittances(reader), change(reader)]}


def part_b(reader: Reader) -> Item:
    """Remittances against GDP and against outflows; the demographic weight of emigration."""
    reader.section = economic = _("Remittances in the economy")
    economy = section(reader, "economy", economic, [
        balance(reader),
        trend_chart(reader, "remittances-gdp", [
            ("REMIT_IN_PCT_GDP", _("Remittances received, share of GDP"))],
            _("Remittances received as a share of GDP"), _("Percent")),
        trend_chart(reader, "remittances-flows", [
            ("REMIT_IN", _("Remittances received")), ("REMIT_OUT", _("Remittances paid"))],
            _("Remittances received and paid"), _("US dollars")),
    ])
    reader.section = demographic = _("Demographic weight of emigration")
    people = section(reader, "demography", demographic, [
        reader.figures("demography", demographic, [
            ("EMIG_PCT_POP", gettext_lazy("Emigrants as a share of the population")),
            ("MIG_STOCK_PCT_POP", gettext_lazy("Immigrants as a share of the population")),
        ]),
        migration_balance(reader),
        trend_chart(reader, "emigration-weight", [
            ("EMIG_PCT_POP", _("Emigrants")), ("MIG_STOCK_PCT_POP", _("Immigrants"))],
            _("Emigrants and immigrants as a share of the population"), _("Percent")),
    ])
    return {"key": "B", "title": _("Impact of migration"), "sections": [economy, people]}


def balance(reader: Reader) -> Item:
    """Remittances received, paid and the net inflow, in the latest year with both."""
    received, paid = reader.annual("REMIT_IN"), reader.annual("REMIT_OUT")
    item = reader.figures("remittance-balance", _("Remittances received and paid"), [
        ("REMIT_IN", gettext_lazy("Remittances received")),
        ("REMIT_OUT", gettext_lazy("Remittances paid")),
        ("REMIT_IN_PCT_GDP", gettext_lazy("Remittances received, share of GDP")),
    ])
    both = sorted(set(received) & set(paid))
    if both:
        year = both[-1]
        net = (received[year].value or 0.0) - (paid[year].value or 0.0)
        note = reader.cite("REMIT_IN", [received[year], paid[year]])
        item["rows"].append({
            "type": "figure", "key": "REMIT_NET", "label": _("Net remittance inflow"),
            "indicator": "", "unit": Unit.USD, "value": net, "year": year, "period": str(year),
            "display": format_value(net, Unit.USD), "note": note, "derived_from":
                ["REMIT_IN", "REMIT_OUT"], "observations": [
                    *received[year].observation_ids, *paid[year].observation_ids],
            "releases": [], "coverage": None})
    return item


def migration_balance(reader: Reader) -> Item | None:
    """Emigrants per immigrant in the latest year with both (a country of emigration > 1)."""
    out, into = reader.annual("EMIG_STOCK"), reader.annual("MIG_STOCK")
    both = sorted(set(out) & set(into))
    if not both or not into[both[-1]].value:
        return None
    year = both[-1]
    ratio = (out[year].value or 0.0) / (into[year].value or 1.0)
    return {"type": "figures", "key": "balance", "title": _("Emigrants per immigrant"), "rows": [{
        "type": "figure", "key": "EMIG_PER_IMMIGRANT", "label": _("Emigrants per immigrant"),
        "indicator": "", "unit": Unit.RATIO, "value": ratio, "year": year, "period": str(year),
        "display": format_value(ratio, Unit.RATIO), "derived_from": ["EMIG_STOCK", "MIG_STOCK"],
        "note": reader.cite("EMIG_STOCK", [out[year], into[year]]),
        "observations": [*out[year].observation_ids, *into[year].observation_ids],
        "releases": [], "coverage": None}]}
