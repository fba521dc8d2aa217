"""load_units carries an installation loaded with the statistics office's draft
codes over to the official codes of Quyết định 19/2025/QĐ-TTg: the same rows
(primary keys, users, scopes, villages), new codes, names and paths."""

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from lms.audit.models import AuditEvent
from lms.units.matching import OfficialUnit, StoredUnit, match_official_units
from lms.units.models import Unit, UnitKind


def old_unit(name, kind, code, parent=None):
    """A row as `vietnam-provinces` 2025.10.1 (draft codes) left it."""
    return Unit.objects.create(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        path=f"{parent.path if parent else ''}{code}/",
    )


def load_units(capsys) -> str:
    capsys.readouterr()
    call_command("load_units")
    return capsys.readouterr().out


@pytest.fixture
def draft_installation(make_user):
    nghe_an = old_unit("Nghệ An", UnitKind.PROVINCE, "40")
    quynh_son = old_unit("Xã Quỳnh Sơn", UnitKind.COMMUNE, "17152", parent=nghe_an)
    village = old_unit("Xóm 3", UnitKind.VILLAGE, "17152-001", parent=quynh_son)
    cao_bang = old_unit("Cao Bằng", UnitKind.PROVINCE, "04")
    # The draft has these three names under each other's official codes.
    vinh_quy = old_unit("Xã Vinh Quý", UnitKind.COMMUNE, "01537", parent=cao_bang)
    ly_quoc = old_unit("Xã Lý Quốc", UnitKind.COMMUNE, "01558", parent=cao_bang)
    ha_lang = old_unit("Xã Hạ Lang", UnitKind.COMMUNE, "01561", parent=cao_bang)
    ha_lang_village = old_unit("Bản Nà Lạn", UnitKind.VILLAGE, "01561-001", parent=ha_lang)
    manager = make_user(None, username="quanly_quynhson", home_unit=quynh_son)
    learner = make_user(username="hocvien_xom3", home_unit=village)
    return {
        "quynh_son": quynh_son,
        "village": village,
        "vinh_quy": vinh_quy,
        "ly_quoc": ly_quoc,
        "ha_lang": ha_lang,
        "ha_lang_village": ha_lang_village,
        "manager": manager,
        "learner": learner,
    }


@pytest.mark.django_db
def test_load_units_moves_a_draft_installation_to_the_official_codes(draft_installation, capsys):
    old = draft_installation
    out = load_units(capsys)

    quynh_son = Unit.objects.get(pk=old["quynh_son"].pk)
    assert quynh_son.code == "17170"
    assert quynh_son.name == "Xã Quỳnh Sơn"
    assert quynh_son.path == "40/17170/"
    assert quynh_son.parent.name == "Tỉnh Nghệ An"
    assert quynh_son.parent.pk == old["quynh_son"].parent_id
    village = Unit.objects.get(pk=old["village"].pk)
    assert (village.code, village.path) == ("17170-001", "40/17170/17170-001/")
    assert village.name == "Xóm 3"
    # Users keep their unit, and a manager's scope follows the unit's new path.
    old["manager"].refresh_from_db()
    old["learner"].refresh_from_db()
    assert old["manager"].home_unit_id == quynh_son.pk
    assert old["learner"].home_unit_id == village.pk
    assert set(Unit.objects.within(quynh_son)) == {quynh_son, village}
    # Nothing duplicated: exactly the official list plus the two villages.
    assert Unit.objects.count() == 3355 + 2
    assert not Unit.objects.filter(code="17152").exists()

    assert "17152 → 17170 Xã Quỳnh Sơn" in out
    event = AuditEvent.objects.get(verb="units.codes_migrated")
    assert {"old": "17152", "new": "17170", "name": "Xã Quỳnh Sơn"} in event.extra["recoded"]
    assert event.extra["local_units_recoded"] == 2


@pytest.mark.django_db
def test_units_holding_each_others_codes_swap_without_collision(draft_installation, capsys):
    old = draft_installation
    load_units(capsys)
    codes = {
        key: Unit.objects.get(pk=old[key].pk).code for key in ("vinh_quy", "ly_quoc", "ha_lang")
    }
    assert codes == {"ly_quoc": "01537", "ha_lang": "01558", "vinh_quy": "01561"}
    village = Unit.objects.get(pk=old["ha_lang_village"].pk)
    assert (village.code, village.path) == ("01558-001", "04/01558/01558-001/")


@pytest.mark.django_db
def test_two_units_exchanging_codes(capsys):
    cao_bang = old_unit("Tỉnh Cao Bằng", UnitKind.PROVINCE, "04")
    ly_quoc = old_unit("Xã Lý Quốc", UnitKind.COMMUNE, "01558", parent=cao_bang)
    ha_lang = old_unit("Xã Hạ Lang", UnitKind.COMMUNE, "01537", parent=cao_bang)
    load_units(capsys)
    ly_quoc.refresh_from_db()
    ha_lang.refresh_from_db()
    assert (ly_quoc.code, ly_quoc.path) == ("01537", "04/01537/")
    assert (ha_lang.code, ha_lang.path) == ("01558", "04/01558/")


@pytest.mark.django_db
def test_rerunning_load_units_changes_nothing(draft_installation, capsys):
    load_units(capsys)
    before = list(Unit.objects.values_list("pk", "code", "name", "path", "parent_id"))
    events = AuditEvent.objects.count()
    out = load_units(capsys)
    assert "0 created, 0 updated, 3355 unchanged" in out
    assert "codes changed" not in out
    assert list(Unit.objects.values_list("pk", "code", "name", "path", "parent_id")) == before
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_spelling_variants_of_a_name_are_the_same_unit(capsys):
    tuyen_quang = old_unit("Tuyên Quang", UnitKind.PROVINCE, "08")
    # Old tone placement and a double space, as the draft spelled them.
    thai_hoa = old_unit("Xã  Thái Hoà", UnitKind.COMMUNE, "02419", parent=tuyen_quang)
    load_units(capsys)
    thai_hoa.refresh_from_db()
    assert (thai_hoa.name, thai_hoa.code) == ("Xã Thái Hòa", "02419")
    assert Unit.objects.filter(name="Xã Thái Hòa", parent__code="08").count() == 1


# --- the matching rule itself ---------------------------------------------------------

names = st.lists(
    st.text(alphabet="abcdeghiklmnopqrstuvxyàáảãạđêôơư", min_size=2, max_size=8),
    min_size=1,
    max_size=12,
    unique_by=lambda name: name.casefold(),
)


@given(names=names, data=st.data())
def test_units_are_recognised_by_name_whatever_codes_they_hold(names, data):
    official_codes = [f"{i:05d}" for i in range(1, len(names) + 1)]
    stored_codes = data.draw(st.permutations(official_codes))
    official = [OfficialUnit("40", "Tỉnh Nghệ An", UnitKind.PROVINCE, None)] + [
        OfficialUnit(code, f"Xã {name}", UnitKind.COMMUNE, "40")
        for code, name in zip(official_codes, names, strict=True)
    ]
    stored = [StoredUnit(1, "40", "Nghệ An", True, False, None)] + [
        StoredUnit(pk, code, f"Xã {name}", False, True, 1)
        for pk, (code, name) in enumerate(zip(stored_codes, names, strict=True), start=2)
    ]
    matches = match_official_units(stored, official)
    assert matches.official_code == {
        1: "40",
        **{pk: official_codes[pk - 2] for pk in range(2, len(names) + 2)},
    }


def test_the_dataset_is_read_as_the_package_reads_it():
    """official_units reads the package's file itself (importing the package
    loads its address parser): the same rows in the same order as its get_data."""
    from vietnamadminunits.database import get_data

    from lms.units.official import FIELDS, dataset_rows

    assert dataset_rows() == get_data(fields=FIELDS)
