from crossroads.evidence.models.areas import Area, AreaAlias
from crossroads.evidence.models.indicators import Indicator
from crossroads.evidence.models.observations import Observation
from crossroads.evidence.models.sources import DataSource, Release, ReleaseFile

__all__ = [
    "Area", "AreaAlias", "DataSource", "Indicator", "Observation", "Release", "ReleaseFile",
]
