"""The official list of units: 34 provinces and 3,321 communes/wards/special zones
with the codes of Quyết định 19/2025/QĐ-TTg, read from the `vietnamadminunits`
package (its dataset agrees with an independent transcription of the decision on
3,319 of 3,321 codes; see README)."""

from .matching import OfficialUnit, clean_name, codename
from .models import UnitKind

_COMMUNE_KINDS = {
    "Phường": UnitKind.WARD,
    "Xã": UnitKind.COMMUNE,
    "Đặc khu": UnitKind.SPECIAL_ZONE,
}


def official_units() -> list[OfficialUnit]:
    """Provinces first, then communes, each in code order."""
    from vietnamadminunits.database import get_data

    rows = get_data(
        fields=["provinceCode", "province", "provinceShort", "wardCode", "ward", "wardType"]
    )
    provinces: dict[str, OfficialUnit] = {}
    communes: list[OfficialUnit] = []
    for row in rows:
        province_code = f"{int(row['provinceCode']):02d}"
        province_name = clean_name(row["province"])
        provinces.setdefault(
            province_code,
            OfficialUnit(
                code=province_code,
                name=province_name,
                kind=UnitKind.CITY if province_name.startswith("Thành phố") else UnitKind.PROVINCE,
                province_code=None,
                codename=codename(row["provinceShort"]),
            ),
        )
        name = clean_name(row["ward"])
        communes.append(
            OfficialUnit(
                code=f"{int(row['wardCode']):05d}",
                name=name,
                kind=_COMMUNE_KINDS[row["wardType"]],
                province_code=province_code,
                codename=codename(name),
            )
        )
    return sorted(provinces.values(), key=lambda u: u.code) + sorted(communes, key=lambda u: u.code)
