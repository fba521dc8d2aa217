"""The audit trail for staff with a scope: a filtered, paginated list and its
XLSX export. Thin callers of lms/audit/queries.py and exports.py."""

from __future__ import annotations

import tempfile
from datetime import date

from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from lms.accounts.access import deny_unless_role, signed_in_required
from lms.accounts.roles import Role
from lms.core.replica import reads_from_replica

from .exports import do_export_trail
from .forms import TrailFilterForm
from .queries import NotAllowedToReadTheTrail, access_audit_trail
from .verbs import verb_label

PER_PAGE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request):
    """The reader's events narrowed by the query's filters, and the form; or the
    answer for someone who may not read the trail."""
    try:
        events = access_audit_trail(request.user)
    except NotAllowedToReadTheTrail:
        return None, None, deny_unless_role(request, [Role.UNIT_MANAGER, Role.ADMINISTRATOR])
    present = events.order_by().values_list("verb", flat=True).distinct()
    form = TrailFilterForm(request.GET or None, reader=request.user, present_verbs=present)
    return form.filters().apply(events), form, None


@signed_in_required
@never_cache
@reads_from_replica
def trail(request):
    events, form, refused = _filtered(request)
    if refused:
        return refused
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    for event in page:
        event.verb_label = verb_label(event.verb)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "audit/trail.html", context)


@signed_in_required
@never_cache
@reads_from_replica
def export(request):
    events, form, refused = _filtered(request)
    if refused:
        return refused
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    do_export_trail(request.user, events, form.filters(), spool)
    spool.seek(0)
    name = f"nhat-ky-{date.today().isoformat()}.xlsx"
    return FileResponse(spool, as_attachment=True, filename=name, content_type=XLSX_TYPE)
