from .figures import (
    PopulationFigure,
    ReportedIndicatorValue,
    ReportingPeriod,
    Target,
    ValueStatus,
)
from .reports import QuarterlyReport, QuarterlyReportVersion, ReportStatus
from .rollups import CertifiedDaily, ClosedQuarterFigure, RankingBoard
from .teams import (
    ActivityKind,
    ActivityLog,
    Ambassador,
    AmbassadorAssignment,
    CommunityDigitalTeam,
    MemberRole,
    TeamMember,
    TeamTarget,
)

__all__ = [
    "ActivityKind",
    "ActivityLog",
    "Ambassador",
    "AmbassadorAssignment",
    "CertifiedDaily",
    "ClosedQuarterFigure",
    "CommunityDigitalTeam",
    "MemberRole",
    "PopulationFigure",
    "QuarterlyReport",
    "QuarterlyReportVersion",
    "RankingBoard",
    "ReportStatus",
    "ReportedIndicatorValue",
    "ReportingPeriod",
    "Target",
    "TeamMember",
    "TeamTarget",
    "ValueStatus",
]
