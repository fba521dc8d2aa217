"""A made-up province with its communes and their villages (lms units). Codes
start with BENCH so they never collide with the official ones."""

from __future__ import annotations

from lms.text import search_key
from lms.units.models import Unit, UnitKind

from .plan import PROVINCE_CODE, Built, insert


def build_places(built: Built) -> None:
    sizes = built.sizes
    province = Unit.objects.create(
        code=PROVINCE_CODE,
        name="Tỉnh Đo Lường",
        kind=UnitKind.PROVINCE,
        path=f"{PROVINCE_CODE}/",
        codename=search_key("Đo Lường"),
    )
    communes = insert(
        Unit,
        (
            Unit(
                code=f"{PROVINCE_CODE}C{index:03d}",
                name=f"Xã Thử {index:03d}",
                kind=UnitKind.COMMUNE if index % 3 else UnitKind.WARD,
                parent=province,
                path=f"{province.path}{PROVINCE_CODE}C{index:03d}/",
                codename=f"thu {index:03d}",
            )
            for index in range(1, sizes.communes + 1)
        ),
    )
    villages = insert(
        Unit,
        (
            Unit(
                code=f"{commune.code}V{index:02d}",
                name=f"Thôn {index:02d}",
                kind=UnitKind.VILLAGE
                if commune.kind == UnitKind.COMMUNE
                else UnitKind.RESIDENTIAL_GROUP,
                parent=commune,
                path=f"{commune.path}{commune.code}V{index:02d}/",
                codename=f"thon {index:02d}",
            )
            for commune in communes
            for index in range(1, sizes.villages_per_commune + 1)
        ),
    )
    built.province, built.communes, built.villages = province, communes, villages
