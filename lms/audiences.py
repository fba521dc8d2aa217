"""The four audiences of the basic digital-skills framework (757/QĐ-BKHCN,
Phụ lục I.1–I.4). The codes are stable identifiers used by the framework
fixture, users, library items and quizzes; the labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    RESIDENT = "resident", _("Residents")
    STUDENT = "student", _("Pupils and students")
    OFFICIAL = "official", _("Officials and public employees")
    WORKER = "worker", _("Enterprise workers")


AUDIENCE_SLUGS = {
    Audience.RESIDENT: "nguoi-dan",
    Audience.STUDENT: "hoc-sinh-sinh-vien",
    Audience.OFFICIAL: "can-bo-cong-chuc-vien-chuc",
    Audience.WORKER: "nguoi-lao-dong",
}
