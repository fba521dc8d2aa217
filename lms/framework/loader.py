"""Load a framework fixture (JSON, see lms/framework/fixtures/) into the
database. Idempotent: names and descriptions are updated in place by code, so
an administrator's later additions are kept and a second load creates nothing."""

import json
from pathlib import Path

from django.db import transaction

from lms.audiences import Audience

from .models import Competency, CompetencyArea, FrameworkVersion

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"


class FrameworkFixtureError(ValueError):
    pass


def fixture_paths() -> list[Path]:
    return sorted(FIXTURE_DIR.glob("*.json"))


def load_framework_file(path: Path) -> dict[str, int]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FrameworkFixtureError(f"{path}: {exc}") from exc
    return load_framework_data(data)


def load_framework_data(data: dict) -> dict[str, int]:
    meta = data["framework"]
    guidance = meta.get("assessment_guidance") or {}
    valid_audiences = set(Audience.values)
    stats = {"areas": 0, "competencies": 0, "created": 0}
    with transaction.atomic():
        framework, created = FrameworkVersion.objects.update_or_create(
            code=meta["code"],
            defaults={
                "version": meta["version"],
                "name": meta["name"],
                "name_en": meta.get("name_en", ""),
                "decision": meta.get("decision", ""),
                "issued_on": meta.get("issued_on"),
                "sources": meta.get("sources", []),
                "note": meta.get("note", ""),
                "pass_mark_percent": guidance.get("pass_mark_percent", 70),
                "area_minimum_percent": guidance.get("area_minimum_percent", 50),
                "questions_per_test": guidance.get("questions_per_test"),
                "time_limit_minutes": guidance.get("time_limit_minutes"),
                "guidance_source": guidance.get("source", ""),
                "guidance_basis": guidance.get("basis", ""),
            },
        )
        stats["created"] += created
        for audience_block in data["audiences"]:
            audience = audience_block["audience"]
            if audience not in valid_audiences:
                raise FrameworkFixtureError(f"unknown audience {audience!r}")
            for area_position, area_data in enumerate(audience_block["areas"]):
                area, created = CompetencyArea.objects.update_or_create(
                    framework=framework,
                    code=area_data["code"],
                    defaults={
                        "audience": audience,
                        "appendix": audience_block.get("appendix", ""),
                        "name": area_data["name"],
                        "name_en": area_data.get("name_en", ""),
                        "description": area_data.get("description", ""),
                        "position": area_position,
                    },
                )
                stats["areas"] += 1
                stats["created"] += created
                for position, item in enumerate(area_data["competencies"]):
                    _competency, created = Competency.objects.update_or_create(
                        framework=framework,
                        code=item["code"],
                        defaults={
                            "area": area,
                            "name": item["name"],
                            "name_en": item.get("name_en", ""),
                            "description": item.get("description", ""),
                            "position": position,
                        },
                    )
                    stats["competencies"] += 1
                    stats["created"] += created
    return stats
