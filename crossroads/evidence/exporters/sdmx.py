"""SDMX exports: SDMX-ML 2.1 structure and data messages, and SDMX-CSV 1.0.

One data structure (DSD_CROSSROADS_MIGRATION) describes every figure: dimensions
INDICATOR, REF_AREA, SEX, AGE, ORIGIN, DESTINATION and TIME_PERIOD (the time
dimension); the measure OBS_VALUE; attributes OBS_STATUS, UNIT_MULT and CONF_STATUS.
The dataflow CROSSROADS_MIGRATION uses it. Messages are built with the ``sdmx1``
information model and written by its SDMX-ML writer.

Codes follow SDMX: ``_T`` is the total (both sexes, all ages, all origins); age
groups are written the SDMX way (``0-4`` → ``Y0T4``, ``75+`` → ``Y_GE75``) because an
SDMX code may not contain ``+``. Values are in base units, so UNIT_MULT is 0.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

import sdmx
from django.utils import timezone
from sdmx import message
from sdmx.model import common, v21
from sdmx.types import MaintainableArtefactArgs

from crossroads.evidence.choices import Confidentiality, ObservationStatus, Sex
from crossroads.evidence.exporters.common import TOTAL, Labels, format_number, sort_values
from crossroads.evidence.services.values import Value

AGENCY_ID = "CROSSROADS"
VERSION = "1.0"
DATAFLOW_ID = "CROSSROADS_MIGRATION"
DSD_ID = "DSD_CROSSROADS_MIGRATION"
#: The DATAFLOW column of SDMX-CSV 1.0: agency, dataflow id and version.
DATAFLOW_REF = f"{AGENCY_ID}:{DATAFLOW_ID}({VERSION})"

#: Dimensions in their order in the key (time last), with their codelists.
DIMENSIONS = (
    ("INDICATOR", "CL_INDICATOR"), ("REF_AREA", "CL_AREA"), ("SEX", "CL_SEX"),
    ("AGE", "CL_AGE"), ("ORIGIN", "CL_AREA"), ("DESTINATION", "CL_AREA"),
)
TIME_DIMENSION = "TIME_PERIOD"
MEASURE = "OBS_VALUE"
#: Attributes, their codelists, and whether every observation must have them.
ATTRIBUTES = (
    ("OBS_STATUS", "CL_OBS_STATUS", True), ("UNIT_MULT", "CL_UNIT_MULT", False),
    ("CONF_STATUS", "CL_CONF_STATUS", False),
)
CONCEPTS = {
    "INDICATOR": "Indicator", "REF_AREA": "Reference area", "SEX": "Sex", "AGE": "Age",
    "ORIGIN": "Area of origin (country of birth, origin or sending country)",
    "DESTINATION": "Area of destination", "TIME_PERIOD": "Time period",
    "OBS_VALUE": "Observation value", "OBS_STATUS": "Observation status",
    "UNIT_MULT": "Unit multiplier", "CONF_STATUS": "Confidentiality status",
}
UNIT_MULTIPLIERS = {"0": "Units", "3": "Thousands", "6": "Millions", "9": "Billions"}
#: SDMX-CSV 1.0 columns of our exports.
CSV_HEADER = ("DATAFLOW", *(d for d, _ in DIMENSIONS), TIME_DIMENSION, MEASURE,
              *(a for a, _, _ in ATTRIBUTES))

Artefact = TypeVar("Artefact", bound=common.MaintainableArtefact)

SDMX_ID = re.compile(r"^[A-Za-z0-9_@$\-]+$")
AGE_RANGE = re.compile(r"^(\d+)-(\d+)$")
AGE_OPEN = re.compile(r"^(\d+)\+$")
SDMX_AGE_RANGE = re.compile(r"^Y(\d+)T(\d+)$")
SDMX_AGE_OPEN = re.compile(r"^Y_GE(\d+)$")


def sdmx_age(age: str) -> str:
    """Our age group as an SDMX code: ``_T``, ``0-4`` → ``Y0T4``, ``75+`` → ``Y_GE75``."""
    if match := AGE_RANGE.match(age):
        return f"Y{match.group(1)}T{match.group(2)}"
    if match := AGE_OPEN.match(age):
        return f"Y_GE{match.group(1)}"
    return sdmx_id(age)


def crossroads_age(code: str) -> str:
    """The inverse of :func:`sdmx_age`: ``Y0T4`` → ``0-4``, ``Y_GE75`` → ``75+``."""
    if match := SDMX_AGE_RANGE.match(code):
        return f"{match.group(1)}-{match.group(2)}"
    if match := SDMX_AGE_OPEN.match(code):
        return f"{match.group(1)}+"
    return code


def sdmx_id(code: str) -> str:
    """A code checked against the SDMX identifier pattern (letters, digits, _ @ $ -)."""
    if not SDMX_ID.match(code):
        raise ValueError(f"{code!r} cannot be an SDMX code (only letters, digits, _ @ $ -)")
    return code


def key_of(value: Value) -> dict[str, str]:
    """The SDMX key of a figure (every dimension, time included)."""
    return {
        "INDICATOR": sdmx_id(value.indicator), "REF_AREA": sdmx_id(value.area),
        "SEX": value.sex, "AGE": sdmx_age(value.age),
        "ORIGIN": sdmx_id(value.origin) if value.origin else TOTAL,
        "DESTINATION": sdmx_id(value.destination) if value.destination else TOTAL,
        TIME_DIMENSION: value.period,
    }


# Structure ---------------------------------------------------------------------------------


def maintained() -> MaintainableArtefactArgs:
    """Maintainer and version of every artefact Crossroads defines."""
    return {"maintainer": common.Agency(id=AGENCY_ID), "version": VERSION}


def final(artefact: Artefact) -> Artefact:
    """Mark an artefact final (its codes do not change within a version)."""
    artefact.is_final = True
    artefact.is_external_reference = False
    return artefact


def codelist(id: str, name: str, codes: Iterable[tuple[str, str]]) -> common.Codelist:
    """A codelist of (code, English name) pairs."""
    result = final(common.Codelist(id=id, name={"en": name}, **maintained()))
    for code, label in codes:
        result.append(common.Code(id=code, name={"en": label or code}))
    return result


def codelists(labels: Labels) -> dict[str, common.Codelist]:
    """The codelists of the DSD, with the codes ``labels`` names."""
    areas = [(sdmx_id(code), name) for code, name in sorted(labels.areas.items())]
    return {cl.id: cl for cl in (
        codelist("CL_INDICATOR", "Indicators",
                 [(sdmx_id(code), name) for code, name in sorted(labels.indicators.items())]),
        codelist("CL_AREA", "Statistical areas", [(TOTAL, "Total (all areas)"), *areas]),
        codelist("CL_SEX", "Sex", [(code, str(label)) for code, label in Sex.choices]),
        codelist("CL_AGE", "Age groups",
                 [(sdmx_age(age), "Total" if age == TOTAL else age) for age in labels.ages]),
        codelist("CL_OBS_STATUS", "Observation status",
                 [(code, str(label)) for code, label in ObservationStatus.choices]),
        codelist("CL_UNIT_MULT", "Unit multiplier", UNIT_MULTIPLIERS.items()),
        codelist("CL_CONF_STATUS", "Confidentiality status",
                 [(code, str(label)) for code, label in Confidentiality.choices]),
    )}


def data_structure(lists: dict[str, common.Codelist]) -> tuple[
        v21.DataStructureDefinition, common.ConceptScheme]:
    """The DSD over ``lists``, and the concept scheme its components refer to."""
    concepts = final(common.ConceptScheme(id="CS_CROSSROADS",
                                          name={"en": "Crossroads concepts"}, **maintained()))
    for id, name in CONCEPTS.items():
        concepts.append(common.Concept(id=id, name={"en": name}))
    dsd = final(v21.DataStructureDefinition(
        id=DSD_ID, name={"en": "Crossroads migration statistics"}, **maintained()))
    for order, (id, list_id) in enumerate(DIMENSIONS):
        dsd.dimensions.append(common.Dimension(
            id=id, order=order, concept_identity=concepts[id],
            local_representation=common.Representation(enumerated=lists[list_id])))
    dsd.dimensions.append(common.TimeDimension(
        id=TIME_DIMENSION, order=len(DIMENSIONS), concept_identity=concepts[TIME_DIMENSION],
        local_representation=common.Representation(non_enumerated=[
            common.Facet(value_type=common.FacetValueType.observationalTimePeriod)])))
    dsd.measures.append(v21.PrimaryMeasure(id=MEASURE, concept_identity=concepts[MEASURE]))
    for id, list_id, mandatory in ATTRIBUTES:
        dsd.attributes.append(v21.DataAttribute(
            id=id, concept_identity=concepts[id], related_to=v21.PrimaryMeasureRelationship(),
            local_representation=common.Representation(enumerated=lists[list_id]),
            usage_status=v21.UsageStatus.mandatory if mandatory else v21.UsageStatus.conditional,
        ))
    return dsd, concepts


def dataflow(dsd: v21.DataStructureDefinition) -> v21.DataflowDefinition:
    return final(v21.DataflowDefinition(
        id=DATAFLOW_ID, name={"en": "Crossroads migration statistics"}, structure=dsd,
        **maintained()))


def header(prepared: datetime | None = None) -> message.Header:
    prepared = prepared or timezone.now()
    return message.Header(id=f"CROSSROADS-{prepared:%Y%m%dT%H%M%S}", prepared=prepared,
                          sender=common.Agency(id=AGENCY_ID, name={"en": "Crossroads"}))


def structure_message(labels: Labels, prepared: datetime | None = None) -> \
        message.StructureMessage:
    """The structure: codelists, concepts, the DSD and the CROSSROADS_MIGRATION dataflow."""
    lists = codelists(labels)
    dsd, concepts = data_structure(lists)
    result = message.StructureMessage(header=header(prepared))
    result.codelist.update(lists)
    result.concept_scheme[concepts.id] = concepts
    result.structure[dsd.id] = dsd
    flow = dataflow(dsd)
    result.dataflow[flow.id] = flow
    return result


def to_sdmx_structure(labels: Labels, prepared: datetime | None = None) -> bytes:
    """SDMX-ML 2.1 structure message (XML bytes)."""
    return bytes(sdmx.to_xml(structure_message(labels, prepared), pretty_print=True))


# Data --------------------------------------------------------------------------------------


def data_message(values: Iterable[Value], labels: Labels,
                 prepared: datetime | None = None) -> message.DataMessage:
    """A structure-specific data message: one observation per figure, flat (no series)."""
    lists = codelists(labels)
    dsd, _ = data_structure(lists)
    flow = dataflow(dsd)
    measure = dsd.measures.get(MEASURE)
    attributes = {id: dsd.attributes.get(id) for id, _, _ in ATTRIBUTES}
    dataset = v21.StructureSpecificDataSet(structured_by=dsd, described_by=flow)
    for value in sort_values(values):
        attached = {"OBS_STATUS": value.status, "UNIT_MULT": "0",
                    "CONF_STATUS": value.confidentiality}
        dataset.obs.append(v21.Observation(
            dimension=dsd.make_key(common.Key, key_of(value)),
            value=format_number(value.value) or None, value_for=measure,
            attached_attribute={
                id: common.AttributeValue(value=text, value_for=attributes[id])
                for id, text in attached.items()
            },
        ))
    return message.DataMessage(header=header(prepared), data=[dataset], dataflow=flow,
                               observation_dimension=common.AllDimensions)


def to_sdmx_data(values: Iterable[Value], labels: Labels,
                 prepared: datetime | None = None) -> bytes:
    """SDMX-ML 2.1 structure-specific data message (XML bytes)."""
    return bytes(sdmx.to_xml(data_message(values, labels, prepared), pretty_print=True))


def to_sdmx_csv(values: Iterable[Value]) -> str:
    """SDMX-CSV 1.0: the dataflow, the key, OBS_VALUE (``NaN`` when missing), attributes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for value in sort_values(values):
        key = key_of(value)
        writer.writerow([
            DATAFLOW_REF, *(key[d] for d, _ in DIMENSIONS), key[TIME_DIMENSION],
            format_number(value.value) or "NaN", value.status, "0", value.confidentiality,
        ])
    return buffer.getvalue()
