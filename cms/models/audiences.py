"""Audiences stored as "|resident|student|": a substring test finds one exactly."""

from lms.audiences import Audience


def join_audiences(codes) -> str:
    valid = [code for code in Audience.values if code in set(codes or ())]
    return f"|{'|'.join(valid)}|" if valid else ""


def split_audiences(stored: str) -> list[str]:
    return [code for code in (stored or "").split("|") if code in Audience.values]


def audience_marker(code: str) -> str:
    return f"|{code}|"
