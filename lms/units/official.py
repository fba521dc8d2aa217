"""The official list of units: 34 provinces and 3,321 communes/wards/special zones
with the codes of Quyết định 19/2025/QĐ-TTg, read from the `vietnamadminunits`
package (its dataset agrees with an independent transcription of the decision on
3,319 of 3,321 codes; see README)."""

import contextlib
import importlib.util
import sqlite3
from pathlib import Path

from .matching import OfficialUnit, clean_name, codename
from .models import UnitKind

_COMMUNE_KINDS = {
    "Phường": UnitKind.WARD,
    "Xã": UnitKind.COMMUNE,
    "Đặc khu": UnitKind.SPECIAL_ZONE,
}


FIELDS = ["provinceCode", "province", "provinceShort", "wardCode", "ward", "wardType"]
# get_data's own query for FIELDS.
QUERY = (
    "SELECT DISTINCT provinceCode,province,provinceShort,wardCode,ward,wardType FROM [admin_units]"
)


def dataset_rows() -> list[dict]:
    """What ``vietnamadminunits.database.get_data(fields=FIELDS)`` returns, read from
    the package's SQLite file without importing the package: its ``__init__``
    loads the address parser (geopy and more), ~0.45 s of CPU on every load."""
    package = importlib.util.find_spec("vietnamadminunits")
    dataset = Path(package.submodule_search_locations[0]) / "data" / "dataset.db"
    with contextlib.closing(sqlite3.connect(f"{dataset.as_uri()}?mode=ro", uri=True)) as db:
        db.row_factory = sqlite3.Row
        return [dict(row) for row in db.execute(QUERY)]


def official_units() -> list[OfficialUnit]:
    """Provinces first, then communes, each in code order."""
    rows = dataset_rows()
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
