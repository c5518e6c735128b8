"""A small, made-up national statistics release for the exchange-format tests.

It is imported with the generic importer from a file in the template's format, so the
exporters see observations exactly as importers write them: several origins, sexes
and age groups, a value in thousands, a missing value, an estimate, a quarter.
"""

from __future__ import annotations

import json
from pathlib import Path

from crossroads.evidence.definitions import load_definitions
from crossroads.evidence.importers.base import ImportReport
from crossroads.evidence.importers.generic import GenericImporter
from crossroads.reference.loaders.countries import load_countries

SAMPLE_CSV = """\
indicator,area,period,sex,age,origin,destination,value,unit_multiplier,status,note
MIG_STOCK,Republic of Moldova,2019,_T,_T,,,104400,0,A,
MIG_STOCK,Republic of Moldova,2019,F,_T,,,58100,0,A,
MIG_STOCK,Republic of Moldova,2019,M,_T,,,46300,0,A,
MIG_STOCK,Republic of Moldova,2019,_T,_T,Ukraine,,"25 512",0,A,
MIG_STOCK,Republic of Moldova,2019,_T,_T,Russian Federation,,21 004,0,E,census-based estimate
MIG_STOCK,Republic of Moldova,2019,_T,_T,Romania,,..,0,,
MIG_STOCK,Republic of Moldova,2020,_T,_T,,,106 915,0,P,
MIG_STOCK,Serbia,2019,_T,0-4,,,3210,0,A,
MIG_STOCK,Serbia,2019,_T,75+,,,41077,0,A,
MIG_STOCK,Serbia,2019,F,75+,,,25001,0,A,
POP,MDA,2019,_T,_T,,,"2 657.6",3,A,thousands
ASYLUM_SEEKERS,MDA,2020-S1,_T,_T,Syrian Arab Republic,,37,0,A,
"""
#: The number of figures in SAMPLE_CSV.
SAMPLE_FIGURES = 12

SAMPLE_MAPPING = {
    "source": {"code": "test-nso", "name": "Test national statistics office",
               "producer": "nso", "kind": "register"},
    "release": {"code": "test-nso-2020", "title": "Test migration statistics 2020",
                "vintage": "2020", "published": "2020-06-30"},
}


def load_reference_data() -> None:
    """Countries, statistical areas, the crosswalk and the indicators."""
    load_countries()
    load_definitions()


def write_sample(directory: Path) -> list[Path]:
    """The sample data file and its mapping, written to ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    data = directory / "sample.csv"
    data.write_text(SAMPLE_CSV, encoding="utf-8")
    mapping = directory / "sample-mapping.json"
    mapping.write_text(json.dumps(SAMPLE_MAPPING), encoding="utf-8")
    return [data, mapping]


def import_sample(directory: Path) -> ImportReport:
    """Import the sample release (reference data must be loaded)."""
    return GenericImporter().run(write_sample(directory))
