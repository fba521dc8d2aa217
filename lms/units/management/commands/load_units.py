from django.core.management.base import BaseCommand

from lms.units.actions import load_administrative_units


class Command(BaseCommand):
    help = (
        "Load or update the 34 provinces and 3,321 communes/wards with the official codes "
        "of Quyết định 19/2025/QĐ-TTg. An installation loaded with other codes keeps its "
        "rows, users and villages; the codes that changed are listed and audited."
    )

    def handle(self, *args, **options):
        report = load_administrative_units()
        self.stdout.write(
            "units: {created} created, {updated} updated, {unchanged} unchanged".format(**report)
        )
        if report["recoded"]:
            self.stdout.write(
                f"codes changed: {len(report['recoded'])} communes/provinces, "
                f"{report['local_units_recoded']} villages/groups follow them; "
                f"{report['renamed']} names corrected"
            )
            for change in report["recoded"]:
                self.stdout.write(f"  {change['old']} → {change['new']} {change['name']}")
        for unit in report["retired"]:
            self.stdout.write(
                self.style.WARNING(
                    f"not in the official list, kept as {unit['new']}: {unit['old']} {unit['name']}"
                )
            )
