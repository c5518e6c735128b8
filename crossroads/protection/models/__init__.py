"""Protection models: cases and their records, the National Referral Mechanism,
counter-trafficking data, assisted voluntary return and reintegration, retention rules.

Everything that describes a person or a case is sensitive (deny-by-default, every read
audited); the directory of service providers and the retention rules are not.
"""

from crossroads.protection.models.cases import (
    Approval,
    BestInterests,
    Case,
    CaseChild,
    CaseDocument,
    CaseNote,
    CasePerson,
    CaseStatusChange,
    Consent,
    ConsentOverride,
    Task,
    VulnerabilityScreening,
    document_path,
)
from crossroads.protection.models.referrals import (
    CaseTransfer,
    Referral,
    ServiceOffer,
    ServiceProvider,
)
from crossroads.protection.models.retention import RetentionRule
from crossroads.protection.models.returns import (
    MonitoringVisit,
    ReintegrationAssistance,
    ReintegrationPlan,
    ReturnApplication,
    TravelArrangement,
)
from crossroads.protection.models.trafficking import CODE_LISTS, TraffickingProfile

__all__ = [
    "CODE_LISTS", "Approval", "BestInterests", "Case", "CaseChild", "CaseDocument",
    "CaseNote", "CasePerson", "CaseStatusChange", "CaseTransfer", "Consent",
    "ConsentOverride", "MonitoringVisit", "Referral", "ReintegrationAssistance",
    "ReintegrationPlan", "RetentionRule", "ReturnApplication", "ServiceOffer",
    "ServiceProvider", "Task", "TraffickingProfile", "TravelArrangement",
    "VulnerabilityScreening", "document_path",
]
