"""Login cards: the instructor's page (issue, print, revoke) and the page a
shared phone opens when a card's QR code is scanned."""

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses.models import LoginCard
from lms.errors import ActionError

from . import actions, card_codes, cards
from .view_helpers import with_class


@with_class
def card_list(request, community_class):
    members = list(actions.roster_query(community_class))
    active = set(
        LoginCard.objects.filter(
            community_class=community_class, revoked_at__isnull=True
        ).values_list("learner_id", flat=True)
    )
    rows = [(member, member.pk in active) for member in members]
    return render(
        request,
        "courses/classes/cards.html",
        {"community_class": community_class, "rows": rows},
    )


@never_cache
@require_POST
@with_class
def print_cards(request, community_class):
    """Issue new cards (for the chosen learners, or everyone) and show the sheet:
    the codes exist only on this sheet, so printing again issues new cards."""
    roster = actions.roster_query(community_class)
    chosen = [int(v) for v in request.POST.getlist("learner") if v.isdigit()]
    learners = roster.filter(pk__in=chosen) if chosen else roster
    issued = cards.do_issue_cards(
        actor=request.user, community_class=community_class, learners=learners
    )
    sign_in_url = request.build_absolute_uri(reverse("classes:card_sign_in"))
    sheet = [
        (
            card,
            segno.make(f"{sign_in_url}?c={card.code}", error="m").svg_inline(
                scale=3, border=2, dark="#111"
            ),
        )
        for card in issued
    ]
    return render(
        request,
        "courses/classes/card_sheet.html",
        {"community_class": community_class, "sheet": sheet, "sign_in_url": sign_in_url},
    )


@require_POST
@with_class
def revoke_card(request, community_class, learner_id):
    learner = get_object_or_404(actions.roster_query(community_class), pk=learner_id)
    cards.do_revoke_cards(actor=request.user, community_class=community_class, learner=learner)
    messages.success(request, _("The card of %(name)s no longer works.") % {"name": learner})
    return redirect("classes:cards", class_id=community_class.pk)


class CardForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code on the card"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


@never_cache
def card_sign_in(request):
    """GET shows the form (filled in from the QR); only the POST signs in, so a
    link preview or a prefetch never signs anybody in."""
    initial = {"code": card_codes.printed(request.GET.get("c", ""))[:20]}
    form = CardForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            learner = cards.do_sign_in_with_card(request, form.cleaned_data["code"])
        except ActionError as error:
            form.add_error("code", str(error.message))
            status = error.status
        else:
            messages.success(
                request,
                _(
                    "Hello %(name)s! You are signed in on this phone until the browser "
                    "is closed. Sign out when you finish."
                )
                % {"name": learner.get_full_name()},
            )
            return redirect("accounts:dashboard")
    return render(request, "courses/classes/card_sign_in.html", {"form": form}, status=status)
