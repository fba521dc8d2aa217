from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.certificates.models import Certificate, CertificateStatus
from lms.audit.record import record_event
from lms.units.models import COMMUNE_KINDS, LOCAL_KINDS

from ..access import access_unit
from ..errors import AmbassadorError, BadFigure, OutsideScope
from ..models import (
    ActivityLog,
    Ambassador,
    AmbassadorAssignment,
    CommunityDigitalTeam,
    MemberRole,
    TeamMember,
    TeamTarget,
)


def do_create_team(*, actor, unit, name: str) -> CommunityDigitalTeam:
    unit = access_unit(actor, unit)
    if unit.kind not in COMMUNE_KINDS | LOCAL_KINDS:
        raise BadFigure(_("A team covers a commune, ward, village or residential group."))
    if not name.strip():
        raise BadFigure(_("Give the team a name."))
    with transaction.atomic():
        team = CommunityDigitalTeam.objects.create(unit=unit, name=name.strip())
        record_event(actor=actor, verb="movement.team_created", target=team, unit=unit)
    return team


def do_add_member(*, actor, team, full_name, phone="", role=MemberRole.MEMBER, user=None):
    access_unit(actor, team.unit)
    with transaction.atomic():
        member = TeamMember.objects.create(
            team=team, user=user, full_name=full_name, phone=phone, role=role
        )
        record_event(
            actor=actor,
            verb="movement.team_member_added",
            target=member,
            unit=team.unit,
            extra={"team": team.pk, "role": role},
        )
    return member


def do_set_team_target(*, actor, team, year, quarter, kind, count) -> TeamTarget:
    access_unit(actor, team.unit)
    if count is None or count <= 0:
        raise BadFigure(_("A team target is a number greater than 0."))
    with transaction.atomic():
        target, _created = TeamTarget.objects.update_or_create(
            team=team, year=year, quarter=quarter, kind=kind, defaults={"count": count}
        )
        record_event(
            actor=actor,
            verb="movement.team_target_set",
            target=team,
            unit=team.unit,
            extra={"year": year, "quarter": quarter, "kind": kind, "count": count},
        )
    return target


def do_log_activity(*, actor, team, kind, people=0, day: date | None = None, note=""):
    """A team member's "I did this today" from a phone (the caller reached the
    team through access_team)."""
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise BadFigure(_("An activity cannot be logged for a day that has not come yet."))
    if people is None or people < 0:
        raise BadFigure(_("The number of people cannot be negative."))
    with transaction.atomic():
        entry = ActivityLog.objects.create(
            team=team, logged_by=actor, kind=kind, day=day, people=people, note=note[:300]
        )
        record_event(
            actor=actor,
            verb="movement.activity_logged",
            target=entry,
            unit=team.unit,
            extra={"team": team.pk, "kind": kind, "people": people, "day": day.isoformat()},
        )
    return entry


def do_make_ambassador(*, actor, unit, user) -> Ambassador:
    """A certified learner of the unit becomes a digital ambassador."""
    unit = access_unit(actor, unit)
    if not (user.home_unit_id and user.home_unit.is_within(unit)):
        raise OutsideScope()
    if not Certificate.objects.filter(user=user, status=CertificateStatus.VALID).exists():
        raise AmbassadorError(_("A digital ambassador must hold a valid certificate first."))
    with transaction.atomic():
        ambassador, created = Ambassador.objects.get_or_create(user=user, defaults={"unit": unit})
        if created:
            record_event(
                actor=actor, verb="movement.ambassador_named", target=ambassador, unit=unit
            )
    return ambassador


def do_assign_learner(*, actor, ambassador, learner) -> AmbassadorAssignment:
    unit = access_unit(actor, ambassador.unit)
    if not (learner.home_unit_id and learner.home_unit.is_within(unit)):
        raise OutsideScope()
    limit = settings.MOVEMENT_AMBASSADOR_MAX_LEARNERS
    with transaction.atomic():
        Ambassador.objects.select_for_update().get(pk=ambassador.pk)
        if ambassador.assignments.filter(ended_at__isnull=True).count() >= limit:
            raise AmbassadorError(
                _("An ambassador follows at most %(limit)s learners.") % {"limit": limit}
            )
        try:
            with transaction.atomic():
                assignment = AmbassadorAssignment.objects.create(
                    ambassador=ambassador, learner=learner
                )
        except IntegrityError:
            raise AmbassadorError(_("This learner already has a digital ambassador.")) from None
        record_event(
            actor=actor,
            verb="movement.learner_assigned",
            target=assignment,
            unit=unit,
            extra={"ambassador": ambassador.user_id, "learner": learner.pk},
        )
    return assignment


def do_end_assignment(*, actor, assignment) -> None:
    unit = access_unit(actor, assignment.ambassador.unit)
    with transaction.atomic():
        assignment.ended_at = timezone.now()
        assignment.save(update_fields=["ended_at"])
        record_event(actor=actor, verb="movement.assignment_ended", target=assignment, unit=unit)
