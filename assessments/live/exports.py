"""The session report (per participant, per question) and its CSV/XLSX files.
Every text cell goes through ``safe_cell``: a name such as "=HYPERLINK(…)"
is shown as text, never run as a formula."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.exports.cells import safe_cell
from assessments.lint import plain
from assessments.models import QType
from assessments.presentation import response_text

from .models import LiveAnswer, LiveSession
from .scoring import is_correct


def _plain_stem(html: str) -> str:
    """The stem as readers see it: tags dropped *and* entities decoded (the
    stored HTML says ``&quot;``; templates and files escape on their own)."""
    return plain(html)


def qtype_label(qtype: str) -> str:
    try:
        return str(QType(qtype).label)
    except ValueError:
        return qtype


def session_report(session: LiveSession) -> dict:
    questions = list(session.questions.select_related("question_version").order_by("position"))
    participants = list(session.participants.select_related("user").order_by("-score", "joined_at"))
    answers = defaultdict(dict)
    for row in LiveAnswer.objects.filter(session=session).select_related("question"):
        answers[row.participant_id][row.question.position] = row
    people = []
    rank = 0
    for participant in participants:
        if not participant.removed:
            rank += 1
        mine = answers[participant.pk]
        times = [a.elapsed_ms for a in mine.values()]
        people.append(
            {
                "participant": participant,
                "rank": rank if not participant.removed else None,
                "name": participant.display_name,
                "account": participant.user.get_username() if participant.user else "",
                "joined": timezone.localtime(participant.joined_at),
                "score": participant.score,
                "correct": participant.correct_count,
                "answered": len(mine),
                "avg_seconds": round(sum(times) / len(times) / 1000, 1) if times else None,
                "removed": participant.removed,
                "cells": [mine.get(q.position) for q in questions],
            }
        )
    per_question = []
    for question in questions:
        spec = question.question_version.question_spec
        rows = [answers[p.pk].get(question.position) for p in participants]
        given = [a for a in rows if a is not None]
        times = [a.elapsed_ms for a in given]
        per_question.append(
            {
                "number": question.position + 1,
                "text": _plain_stem(question.question_version.stem),
                "qtype": spec.qtype,
                "qtype_label": qtype_label(spec.qtype),
                "competencies": ", ".join(spec.competency_codes),
                "answered": len(given),
                "correct": sum(1 for a in given if is_correct(a.fraction)),
                "avg_seconds": round(sum(times) / len(times) / 1000, 1) if times else None,
                "spec": spec,
            }
        )
    return {"people": people, "questions": per_question}


def _rows(session: LiveSession):
    report = session_report(session)
    specs = [q["spec"] for q in report["questions"]]
    header = [
        _("Rank"),
        _("Name"),
        _("Account"),
        _("Joined"),
        _("Score"),
        _("Correct answers"),
        _("Answered"),
        _("Average time (s)"),
        _("Removed"),
    ]
    header += [_("Q%(number)s") % {"number": q["number"]} for q in report["questions"]]
    people = [header]
    for person in report["people"]:
        row = [
            person["rank"],
            person["name"],
            person["account"],
            person["joined"].strftime("%Y-%m-%d %H:%M:%S"),
            person["score"],
            person["correct"],
            person["answered"],
            person["avg_seconds"],
            _("yes") if person["removed"] else "",
        ]
        for spec, cell in zip(specs, person["cells"], strict=True):
            if cell is None:
                row.append("")
            else:
                row.append(f"{response_text(spec, cell.response)} ({cell.total_points})")
        people.append([safe_cell(value) for value in row])
    questions = [
        [
            _("Question"),
            _("Text"),
            _("Type"),
            _("Competencies"),
            _("Answered"),
            _("Correct"),
            _("Average time (s)"),
        ]
    ]
    for q in report["questions"]:
        questions.append(
            [
                safe_cell(value)
                for value in (
                    q["number"],
                    q["text"],
                    q["qtype_label"],
                    q["competencies"],
                    q["answered"],
                    q["correct"],
                    q["avg_seconds"],
                )
            ]
        )
    return people, questions


def report_csv(session: LiveSession) -> bytes:
    people, questions = _rows(session)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(people)
    writer.writerow([])
    writer.writerows(questions)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def report_xlsx(session: LiveSession) -> bytes:
    people, questions = _rows(session)
    from openpyxl import Workbook  # imported when used: ~0.2 s of CPU per process start

    book = Workbook(write_only=True)
    for title, rows in ((_("Participants"), people), (_("Questions"), questions)):
        sheet = book.create_sheet(title=title[:31])
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
