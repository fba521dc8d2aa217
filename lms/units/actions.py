"""Every write to units goes through these functions (views, API and commands call them)."""

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from lms.audit.record import record_event
from lms.errors import ActionError

from .matching import (
    OfficialUnit,
    StoredUnit,
    carried_code,
    codename,
    match_official_units,
    paths,
)
from .models import COMMUNE_KINDS, LOCAL_KINDS, PROVINCE_KINDS, Unit


class UnitError(ActionError, ValueError):
    code = "unit_refused"


def load_administrative_units(*, actor=None) -> dict:
    """Bring the 34 provinces and 3,321 communes/wards to the official list
    (codes of Quyết định 19/2025/QĐ-TTg, from `vietnamadminunits`).

    Works on an empty database and on an installation loaded from another edition
    of the list: a stored unit is recognised by its name within its province (see
    matching.py) and keeps its row, so its users, scopes and villages stay with
    it; only its code, name and path change, and its villages' codes and paths
    follow. Codes are moved in two steps inside one transaction, so units holding
    each other's codes never collide. Idempotent: a second run changes nothing.

    Returns counts of official units created/updated/unchanged, the list of code
    changes ("recoded"), and how many villages/groups were re-coded."""
    from .official import official_units

    official = official_units()
    with transaction.atomic():
        report = _apply_official_units(official)
        if report["recoded"] or report["retired"]:
            record_event(
                actor=actor,
                verb="units.codes_migrated",
                extra={
                    "source": "vietnamadminunits (Quyết định 19/2025/QĐ-TTg)",
                    "recoded": report["recoded"],
                    "renamed": report["renamed"],
                    "local_units_recoded": report["local_units_recoded"],
                    "retired": report["retired"],
                },
            )
    return report


def _apply_official_units(official: list[OfficialUnit]) -> dict:
    units = {unit.pk: unit for unit in Unit.objects.select_for_update()}
    matches = match_official_units(
        [
            StoredUnit(
                pk=unit.pk,
                code=unit.code,
                name=unit.name,
                is_province=unit.kind in PROVINCE_KINDS,
                is_commune=unit.kind in COMMUNE_KINDS,
                parent_pk=unit.parent_id,
            )
            for unit in units.values()
        ],
        official,
    ).official_code
    official_by_code = {unit.code: unit for unit in official}
    old_codes = {pk: unit.code for pk, unit in units.items()}
    report = {
        "created": 0, "updated": 0, "unchanged": 0,
        "recoded": [], "renamed": 0, "local_units_recoded": 0, "retired": [],
    }  # fmt: skip

    # Provinces that are not stored yet come first: communes point at them.
    province_pk = {code: pk for pk, code in matches.items() if code in official_by_code}
    matched_codes = set(matches.values())
    wanted_codes = set(official_by_code)
    # A stored unit the list no longer has keeps its row; if its code now names
    # another unit it is renamed out of the way (and reported).
    retired = {
        pk: f"{unit.code}-retired-{pk}"
        for pk, unit in units.items()
        if pk not in matches and unit.code in wanted_codes and unit.kind not in LOCAL_KINDS
    }

    new_codes = dict(old_codes)
    changed: set[int] = set()
    for pk, code in matches.items():
        target = official_by_code[code]
        unit = units[pk]
        parent_pk = province_pk.get(target.province_code) if target.province_code else None
        wanted = {
            "code": target.code,
            "name": target.name,
            "kind": target.kind,
            "codename": target.codename,
            "parent_id": parent_pk if target.province_code else None,
        }
        if target.province_code and parent_pk is None:
            wanted.pop("parent_id")  # its province is created below, then set
        if any(getattr(unit, field) != value for field, value in wanted.items()):
            if unit.code != target.code:
                report["recoded"].append(
                    {"old": unit.code, "new": target.code, "name": target.name}
                )
            if unit.name != target.name:
                report["renamed"] += 1
            for field, value in wanted.items():
                setattr(unit, field, value)
            changed.add(pk)
            new_codes[pk] = target.code
    for pk, code in retired.items():
        report["retired"].append({"old": units[pk].code, "new": code, "name": units[pk].name})
        units[pk].code = new_codes[pk] = code
        changed.add(pk)

    # Villages and groups carry their commune's code ("17152-001" → "17170-001").
    for pk in sorted(units, key=lambda pk: units[pk].path.count("/")):
        unit = units[pk]
        if pk in matches or pk in retired or unit.parent_id is None:
            continue
        carried = carried_code(unit.code, old_codes[unit.parent_id], new_codes[unit.parent_id])
        if carried != unit.code:
            unit.code = new_codes[pk] = carried
            changed.add(pk)
            report["local_units_recoded"] += 1

    # Two steps: every moving code is first parked on a value no unit can hold.
    moving = [units[pk] for pk in changed if new_codes[pk] != old_codes[pk]]
    for unit in moving:
        unit.code = f"~{unit.pk}"
    Unit.objects.bulk_update(moving, ["code"], batch_size=500)
    for unit in moving:
        unit.code = new_codes[unit.pk]
    Unit.objects.bulk_update(
        [units[pk] for pk in changed],
        ["code", "name", "kind", "codename", "parent"],
        batch_size=500,
    )
    report["updated"] = sum(1 for pk in changed if pk in matches)
    report["unchanged"] = len(matches) - report["updated"]

    to_create = [unit for unit in official if unit.code not in matched_codes]
    for level in (
        [u for u in to_create if not u.province_code],
        [u for u in to_create if u.province_code],
    ):
        created = Unit.objects.bulk_create(
            [
                Unit(
                    code=unit.code,
                    name=unit.name,
                    kind=unit.kind,
                    codename=unit.codename,
                    parent_id=province_pk.get(unit.province_code) if unit.province_code else None,
                    path="",
                )
                for unit in level
            ],
            batch_size=500,
        )
        report["created"] += len(created)
        for unit in Unit.objects.filter(code__in=[u.code for u in level if not u.province_code]):
            province_pk[unit.code] = unit.pk
    # Communes matched before their province existed (a new province, old communes).
    orphans = [
        units[pk]
        for pk, code in matches.items()
        if official_by_code[code].province_code
        and units[pk].parent_id != province_pk[official_by_code[code].province_code]
    ]
    for unit in orphans:
        unit.parent_id = province_pk[official_by_code[matches[unit.pk]].province_code]
    Unit.objects.bulk_update(orphans, ["parent"], batch_size=500)

    _rebuild_paths()
    return report


def _rebuild_paths() -> None:
    rows = list(Unit.objects.values_list("pk", "parent_id", "code", "path"))
    computed = paths(
        {pk: parent for pk, parent, _, _ in rows}, {pk: code for pk, _, code, _ in rows}
    )
    stale = [Unit(pk=pk, path=computed[pk]) for pk, _, _, path in rows if path != computed[pk]]
    Unit.objects.bulk_update(stale, ["path"], batch_size=500)


def do_create_local_unit(*, parent: Unit, name: str, kind: str, acting_user) -> Unit:
    """A village or residential group under a commune/ward, created by a manager
    whose scope includes that commune."""
    from .scope import units_in_scope

    name = " ".join((name or "").split())
    if not name:
        raise UnitError(_("Enter the name of the village or residential group."))
    if len(name) > 200:
        raise UnitError(_("The name is too long (at most 200 characters)."))
    if kind not in LOCAL_KINDS:
        raise UnitError(_("Choose village or residential group."))
    if parent.kind not in COMMUNE_KINDS:
        raise UnitError(_("Villages and residential groups belong to a commune or ward."))
    if not units_in_scope(acting_user).filter(pk=parent.pk).exists():
        raise Unit.DoesNotExist
    with transaction.atomic():
        parent = Unit.objects.select_for_update().get(pk=parent.pk)
        if parent.children.filter(name__iexact=name).exists():
            raise UnitError(_("This unit already has a village or group with that name."))
        sequence = parent.children.aggregate(n=Count("id"))["n"] + 1
        code = f"{parent.code}-{sequence:03d}"
        while Unit.objects.filter(code=code).exists():
            sequence += 1
            code = f"{parent.code}-{sequence:03d}"
        return Unit.objects.create(
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            path=f"{parent.path}{code}/",
            codename=codename(name),
        )
