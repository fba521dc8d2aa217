from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("Centrally-run city")
    WARD = "ward", _("Ward")
    COMMUNE = "commune", _("Commune")
    SPECIAL_ZONE = "special_zone", _("Special zone")
    VILLAGE = "village", _("Village (thôn, bản, ấp)")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group (tổ dân phố)")


PROVINCE_KINDS = {UnitKind.PROVINCE, UnitKind.CITY}
COMMUNE_KINDS = {UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE}
LOCAL_KINDS = {UnitKind.VILLAGE, UnitKind.RESIDENTIAL_GROUP}


class UnitQuerySet(models.QuerySet):
    def within(self, unit):
        """The unit and everything under it: the scope of that unit's managers."""
        return self.filter(path__startswith=unit.path)

    def children_of(self, unit):
        return self.filter(parent=unit)


class Unit(models.Model):
    """An administrative unit of the two-level structure (province → commune/ward)
    plus the villages and residential groups communes add under themselves.

    `path` is the chain of codes from the province down ("01/00070/"), so a
    manager's scope is one indexed prefix query.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    codename = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]

    def __str__(self):
        return self.name

    @property
    def level(self) -> int:
        return self.path.count("/")

    def is_within(self, other: "Unit") -> bool:
        return self.path.startswith(other.path)

    def full_name(self) -> str:
        """ "Xã Sơn Mai, Tỉnh Quảng Ngãi" style, from the unit up to its province."""
        names = []
        unit = self
        while unit is not None:
            names.append(unit.name)
            unit = unit.parent
        return ", ".join(names)
