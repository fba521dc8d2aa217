from .classes import (
    AttendanceMark,
    AttendanceStatus,
    ClassMembership,
    ClassSession,
    CommunityClass,
    LoginCard,
    PlaceKind,
)

__all__ = [
    "AttendanceMark",
    "AttendanceStatus",
    "ClassMembership",
    "ClassSession",
    "CommunityClass",
    "LoginCard",
    "PlaceKind",
]
