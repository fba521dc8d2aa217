"""Every write to classes goes through these functions (views only call them):
``check_…`` validates, ``do_…`` changes atomically and records an audit event."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from courses.models import ClassMembership, ClassSession, CommunityClass
from lms.accounts.actions import AccountError, do_create_learner
from lms.accounts.models import User
from lms.audit.record import record_event
from lms.text import search_key

from .course_link import enrol_new_member
from .errors import ClassError
from .roster_rows import RosterRow, person_key


def do_create_class(*, actor, unit, name, place_kind, place_name, place_address="", instructors=()):
    with transaction.atomic():
        community_class = CommunityClass.objects.create(
            name=name,
            unit=unit,
            place_kind=place_kind,
            place_name=place_name,
            place_address=place_address,
            created_by=actor,
        )
        community_class.instructors.set(instructors)
        record_event(
            actor=actor,
            verb="courses.class_created",
            target=community_class,
            unit=unit,
            extra={"instructors": [user.pk for user in instructors]},
        )
    return community_class


def do_add_session(*, actor, community_class, starts_at, duration_minutes=90, topic=""):
    with transaction.atomic():
        session = ClassSession.objects.create(
            community_class=community_class,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            topic=topic,
        )
        record_event(
            actor=actor,
            verb="courses.class_session_added",
            target=community_class,
            unit=community_class.unit,
            extra={"session": session.pk, "starts_at": starts_at.isoformat()},
        )
    return session


# --- roster --------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """An existing account that may be the person being added."""

    user: User
    reason: str  # "phone" | "person"


def _birth_years(user) -> set[int]:
    years = {m.birth_year for m in user.class_memberships.all() if m.birth_year}
    if user.date_of_birth:
        years.add(user.date_of_birth.year)
    return years


def find_matches(*, full_name, birth_year, phone, village_id) -> list[Match]:
    """Accounts with the same phone, or the same folded name, birth year and
    village: the roster never doubles a person without being told to."""
    matches: list[Match] = []
    if phone:
        owner = User.objects.filter(phone=phone).first()
        if owner is not None:
            matches.append(Match(owner, "phone"))
    if village_id and birth_year:
        wanted = person_key(full_name, birth_year, village_id)
        candidates = User.objects.filter(
            home_unit_id=village_id, search_text__startswith=f" {search_key(full_name)} "
        ).prefetch_related("class_memberships")
        for user in candidates:
            if any(m.user.pk == user.pk for m in matches):
                continue
            if any(
                person_key(user.full_name, year, user.home_unit_id) == wanted
                for year in _birth_years(user)
            ):
                matches.append(Match(user, "person"))
    return matches


def check_phone_owner(*, full_name, phone) -> User | None:
    """The account already holding ``phone``; a ClassError when that account
    is someone else (another name): a number is never taken from its owner."""
    if not phone:
        return None
    owner = User.objects.filter(phone=phone).first()
    if owner is not None and search_key(owner.full_name) != search_key(full_name):
        raise ClassError(
            _("The mobile number %(phone)s is already used by another account.")
            % {"phone": owner.phone_display}
        )
    return owner


def _enrol(actor, community_class, user, birth_year, how) -> ClassMembership:
    membership, created = ClassMembership.objects.get_or_create(
        community_class=community_class,
        learner=user,
        defaults={"birth_year": birth_year, "added_by": actor},
    )
    if created:
        record_event(
            actor=actor,
            verb="courses.class_member_added",
            target=community_class,
            unit=community_class.unit,
            extra={"learner": user.pk, "how": how},
        )
        enrol_new_member(actor, community_class, user.pk)
    return membership


def _new_learner(actor, community_class, row: RosterRow) -> User:
    try:
        user = do_create_learner(
            full_name=row.full_name,
            password=None,  # unusable: they sign in with a login card or a reset code
            phone=row.phone,
            username=None if row.phone else _free_username(),
            audience="resident",
            home_unit=_home_unit(community_class, row.village_id),
        )
    except AccountError as exc:
        raise ClassError(str(exc)) from exc
    record_event(
        actor=actor,
        verb="courses.learner_account_created",
        target=user,
        unit=community_class.unit,
        extra={"class": community_class.pk},
    )
    return user


def _home_unit(community_class, village_id):
    from lms.units.models import Unit

    if village_id and village_id != community_class.unit_id:
        return Unit.objects.get(pk=village_id)
    return community_class.unit


def _free_username() -> str:
    from lms.accounts.actions import free_opaque_username

    return free_opaque_username()


def do_add_learner(
    *, actor, community_class, row: RosterRow, merge_with: User | None = None, new_person=False
):
    """Put one person on the roster: ``merge_with`` an existing account (one of
    ``find_matches``), or a new learner account when there is no match or the
    instructor said the match is ``new_person``, someone else."""
    with transaction.atomic():
        owner = check_phone_owner(full_name=row.full_name, phone=row.phone)
        matches = find_matches(
            full_name=row.full_name,
            birth_year=row.birth_year,
            phone=row.phone,
            village_id=row.village_id,
        )
        if merge_with is not None and merge_with.pk not in {m.user.pk for m in matches}:
            raise ClassError(_("That account does not match this person."))
        if merge_with is None:
            merge_with = owner
        if merge_with is None and not new_person and matches:
            raise ClassError(_("An account for this person exists already: add that one."))
        user = merge_with or _new_learner(actor, community_class, row)
        return _enrol(
            actor, community_class, user, row.birth_year, "merged" if merge_with else "new"
        )


def do_import_roster(*, actor, community_class, rows: list[RosterRow], merges: dict[int, int]):
    """Add every row, or none: ``merges`` maps a line to the account chosen for
    it (line → user id; 0 means "a new account, not the match")."""
    with transaction.atomic():
        added = 0
        for row in rows:
            chosen = merges.get(row.line)
            matches = find_matches(
                full_name=row.full_name,
                birth_year=row.birth_year,
                phone=row.phone,
                village_id=row.village_id,
            )
            allowed = {match.user.pk for match in matches}
            if matches and chosen is None:
                raise ClassError(
                    _("Line %(line)d: choose whether it is the existing account.")
                    % {"line": row.line}
                )
            if chosen and chosen not in allowed:
                raise ClassError(
                    _("Line %(line)d: that account does not match.") % {"line": row.line}
                )
            merge_with = next((m.user for m in matches if m.user.pk == chosen), None)
            owner = check_phone_owner(full_name=row.full_name, phone=row.phone)
            if owner is not None and merge_with is None:
                merge_with = owner  # the number's owner is this person: never a second account
            user = merge_with or _new_learner(actor, community_class, row)
            _enrol(actor, community_class, user, row.birth_year, "import")
            added += 1
        record_event(
            actor=actor,
            verb="courses.roster_imported",
            target=community_class,
            unit=community_class.unit,
            extra={"rows": added, "merged": sum(1 for v in merges.values() if v)},
        )
    return added


def roster_query(community_class):
    return (
        User.objects.filter(class_memberships__community_class=community_class)
        .select_related("home_unit")
        .order_by("full_name", "pk")
    )


def villages_of(community_class) -> dict[str, int]:
    """Folded names of the places a roster row may name: the class's unit and
    the villages or residential groups under it (or beside it, for a village's
    class, so a neighbour from the next village can join)."""
    from lms.units.models import LOCAL_KINDS, Unit

    unit = community_class.unit
    commune_id = unit.parent_id if unit.kind in LOCAL_KINDS else unit.pk
    units = Unit.objects.filter(Q(parent_id=commune_id) | Q(pk=unit.pk))
    return {search_key(place.name): place.pk for place in units}
