"""Kept for the viewsets that catch an action's error themselves; the mapping
lives in one place, lms.api_errors (also the DRF exception handler)."""

from lms.api_errors import action_error_response as error_response

__all__ = ["error_response"]
