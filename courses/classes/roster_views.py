"""Roster pages: add one learner, or import the village head's list with a
preview (per-row errors, matches offered for merging) and a confirmation."""

from dataclasses import asdict
from datetime import date

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.accounts.models import User

from . import actions
from .errors import ClassError
from .forms import LearnerForm, RosterUploadForm
from .roster_file import UnreadableRoster, read_table
from .roster_rows import RosterRow, check_rows
from .view_helpers import with_class

_ROWS_SALT = "courses.roster-preview"


def _village_choices(community_class):
    villages = actions.villages_of(community_class)
    from lms.units.models import Unit

    units = Unit.objects.filter(pk__in=villages.values()).order_by("path")
    return [(unit.pk, unit.name) for unit in units]


@with_class
def add_learner(request, community_class):
    form = LearnerForm(_village_choices(community_class), request.POST or None)
    matches = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        row = RosterRow(0, data["full_name"], data["birth_year"], data["phone"], data["village"])
        choice = request.POST.get("merge_with", "")
        matches = actions.find_matches(
            full_name=row.full_name,
            birth_year=row.birth_year,
            phone=row.phone,
            village_id=row.village_id,
        )
        person_matches = [m for m in matches if m.reason == "person"]
        if person_matches and not choice:
            messages.warning(request, _("This person may have an account already. Choose below."))
        else:
            merge_with = None
            if choice.isdigit() and choice != "0":
                merge_with = User.objects.filter(pk=int(choice)).first()
            try:
                actions.do_add_learner(
                    actor=request.user,
                    community_class=community_class,
                    row=row,
                    merge_with=merge_with,
                    new_person=choice == "0",
                )
            except ClassError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("%(name)s is on the list.") % {"name": row.full_name})
                return redirect("classes:detail", class_id=community_class.pk)
    context = {"community_class": community_class, "form": form, "matches": matches}
    return render(request, "courses/classes/add_learner.html", context)


@with_class
def import_roster(request, community_class):
    if request.method == "POST" and "rows" in request.POST:
        return _confirm_import(request, community_class)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    context = {"community_class": community_class, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        context.update(_preview(community_class, upload.read(), upload.name))
    return render(request, "courses/classes/import_roster.html", context)


def _preview(community_class, data: bytes, filename: str) -> dict:
    try:
        header, table = read_table(data, filename)
    except UnreadableRoster as problem:
        return {"errors": [(1, str(problem))]}
    check = check_rows(
        header,
        table,
        villages=actions.villages_of(community_class),
        default_village_id=community_class.unit_id,
        this_year=date.today().year,
    )
    errors = list(check.errors)
    preview = []
    for row in check.rows:
        try:
            actions.check_phone_owner(full_name=row.full_name, phone=row.phone)
        except ClassError as error:
            errors.append((row.line, str(error.message)))
            continue
        matches = actions.find_matches(
            full_name=row.full_name,
            birth_year=row.birth_year,
            phone=row.phone,
            village_id=row.village_id,
        )
        preview.append((row, matches))
    errors.sort()
    if errors:
        return {"errors": errors}
    token = signing.dumps(
        {"class": community_class.pk, "rows": [asdict(row) for row in check.rows]},
        salt=_ROWS_SALT,
        compress=True,
    )
    return {"preview": preview, "rows_token": token}


def _confirm_import(request, community_class):
    try:
        data = signing.loads(request.POST["rows"], salt=_ROWS_SALT, max_age=60 * 60)
    except signing.BadSignature:
        data = {}
    if data.get("class") != community_class.pk:
        messages.error(request, _("The preview has expired. Upload the list again."))
        return redirect("classes:import_roster", class_id=community_class.pk)
    rows = [RosterRow(**row) for row in data["rows"]]
    merges = {}
    for row in rows:
        value = request.POST.get(f"merge-{row.line}", "")
        if value.isdigit():
            merges[row.line] = int(value)
    try:
        added = actions.do_import_roster(
            actor=request.user, community_class=community_class, rows=rows, merges=merges
        )
    except ClassError as error:
        messages.error(request, str(error.message))
        return redirect("classes:import_roster", class_id=community_class.pk)
    messages.success(request, _("%(count)d learners are on the list.") % {"count": added})
    return redirect("classes:detail", class_id=community_class.pk)
