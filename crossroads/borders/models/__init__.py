"""Models of border management: crossing points, crossings, stay rules, emergencies."""

from crossroads.borders.models.crossings import Crossing
from crossroads.borders.models.emergencies import (
    Arrival,
    ArrivalGroup,
    EmergencyOperation,
    EmergencyReferral,
)
from crossroads.borders.models.points import BorderCrossingPoint
from crossroads.borders.models.stay_rules import StayRule

__all__ = ["Arrival", "ArrivalGroup", "BorderCrossingPoint", "Crossing", "EmergencyOperation",
           "EmergencyReferral", "StayRule"]
