from crossroads.reference.models.bodies import Membership, Office, Partner, RegionalBody
from crossroads.reference.models.framework import (
    Activity,
    OperationalPrinciple,
    StrategicFramework,
    StrategicObjective,
    ThematicArea,
    ThematicObjective,
)
from crossroads.reference.models.geography import AdminArea, Country, Region

__all__ = [
    "Activity",
    "AdminArea",
    "Country",
    "Membership",
    "Office",
    "OperationalPrinciple",
    "Partner",
    "Region",
    "RegionalBody",
    "StrategicFramework",
    "StrategicObjective",
    "ThematicArea",
    "ThematicObjective",
]
