"""Every write of the movement app: check_… validates, do_… changes atomically
and records an audit event. Views, tasks and the demo call these."""

from .figures import (
    check_population,
    check_target,
    do_close_period,
    do_record_population,
    do_set_ranking,
    do_set_target,
    period_for,
)
from .reports import (
    do_mark_reminded,
    do_prepare_report,
    do_record_report_download,
    do_submit_report,
)
from .teams import (
    do_add_member,
    do_assign_learner,
    do_create_team,
    do_end_assignment,
    do_log_activity,
    do_make_ambassador,
    do_set_team_target,
)
from .values import (
    check_reported_value,
    do_report_value,
    do_review_value,
    do_team_report_value,
)

__all__ = [
    "check_population",
    "check_reported_value",
    "check_target",
    "do_add_member",
    "do_assign_learner",
    "do_close_period",
    "do_create_team",
    "do_end_assignment",
    "do_log_activity",
    "do_make_ambassador",
    "do_mark_reminded",
    "do_prepare_report",
    "do_record_population",
    "do_record_report_download",
    "do_report_value",
    "do_review_value",
    "do_set_ranking",
    "do_set_target",
    "do_set_team_target",
    "do_submit_report",
    "do_team_report_value",
    "period_for",
]
