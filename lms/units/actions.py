"""Every write to units goes through these functions (views, API and commands call them)."""

from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import COMMUNE_KINDS, LOCAL_KINDS, Unit, UnitKind


class UnitError(ValueError):
    pass


def load_administrative_units() -> dict[str, int]:
    """Create or update the 34 provinces and 3,321 communes/wards of the 2025
    structure from the `vietnam-provinces` package. Idempotent: a second run
    creates nothing and changes nothing."""
    from vietnam_provinces import Province, VietNamDivisionType, Ward

    province_kind = {
        VietNamDivisionType.TINH: UnitKind.PROVINCE,
        VietNamDivisionType.THANH_PHO_TRUNG_UONG: UnitKind.CITY,
    }
    ward_kind = {
        VietNamDivisionType.XA: UnitKind.COMMUNE,
        VietNamDivisionType.PHUONG: UnitKind.WARD,
        VietNamDivisionType.DAC_KHU: UnitKind.SPECIAL_ZONE,
    }
    stats = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        provinces = _upsert_units(
            [
                (f"{p.code.value:02d}", p.name, province_kind[p.division_type], None, p.codename)
                for p in Province.iter_all()
            ],
            stats,
        )
        _upsert_units(
            [
                (
                    f"{w.code.value:05d}",
                    w.name,
                    ward_kind[w.division_type],
                    provinces[f"{w.province_code.value:02d}"],
                    w.codename,
                )
                for w in Ward.iter_all()
            ],
            stats,
        )
    return stats


def _upsert_units(rows, stats) -> dict[str, Unit]:
    """rows: (code, name, kind, parent unit or None, codename). Returns code → saved unit."""
    existing = Unit.objects.in_bulk([row[0] for row in rows], field_name="code")
    to_create, to_update = [], []
    for code, name, kind, parent, codename in rows:
        path = f"{parent.path if parent else ''}{code}/"
        wanted = {"name": name, "kind": kind, "parent": parent, "path": path, "codename": codename}
        unit = existing.get(code)
        if unit is None:
            to_create.append(Unit(code=code, **wanted))
        elif any(getattr(unit, field) != value for field, value in wanted.items()):
            for field, value in wanted.items():
                setattr(unit, field, value)
            to_update.append(unit)
        else:
            stats["unchanged"] += 1
    Unit.objects.bulk_create(to_create, batch_size=500)
    Unit.objects.bulk_update(to_update, ["name", "kind", "parent", "path", "codename"], 500)
    stats["created"] += len(to_create)
    stats["updated"] += len(to_update)
    return Unit.objects.in_bulk([row[0] for row in rows], field_name="code")


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
            codename=slugify(name.replace("đ", "d").replace("Đ", "D")),
        )
