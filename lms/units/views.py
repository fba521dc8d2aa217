from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.accounts.access import deny_unless_role
from lms.accounts.forms import LocalUnitForm
from lms.accounts.roles import Role
from lms.html_errors import reported_on

from . import actions
from .models import COMMUNE_KINDS
from .scope import units_in_scope


def manage_index(request):
    scope = units_in_scope(request.user)
    if not scope.exists():
        return deny_unless_role(request, [Role.UNIT_MANAGER, Role.ADMINISTRATOR])
    # Managers land on their own unit; administrators choose a province.
    own_unit = scope.filter(pk=request.user.home_unit_id).first()
    if own_unit is not None:
        return redirect("units:detail", code=own_unit.code)
    provinces = scope.filter(parent__isnull=True).order_by("name")
    return render(request, "units/index.html", {"units": provinces})


@login_required
def unit_detail(request, code: str):
    scope = units_in_scope(request.user)
    unit = get_object_or_404(scope.select_related("parent"), code=code)
    children = unit.children.annotate(people=Count("residents")).order_by("name")
    form = LocalUnitForm(request.POST or None)
    can_add_local = unit.kind in COMMUNE_KINDS and request.user.has_perm("units.add_unit")
    if request.method == "POST":
        if not can_add_local:
            raise Http404
        if form.is_valid():
            with reported_on(form, field="name"):
                created = actions.do_create_local_unit(
                    parent=unit,
                    name=form.cleaned_data["name"],
                    kind=form.cleaned_data["kind"],
                    acting_user=request.user,
                )
                messages.success(request, _("“%(name)s” was added.") % {"name": created.name})
                return redirect("units:detail", code=unit.code)
    ancestors = []
    parent = unit.parent
    while parent is not None and scope.filter(pk=parent.pk).exists():
        ancestors.insert(0, parent)
        parent = parent.parent
    return render(
        request,
        "units/detail.html",
        {
            "unit": unit,
            "children": children,
            "people_count": unit.residents.count(),
            "form": form,
            "can_add_local": can_add_local,
            "ancestors": ancestors,
        },
    )
