from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .easy_mode import easy_mode_for, remember


@require_POST
def toggle_easy_mode(request):
    """A plain form post (works without JavaScript): flip the mode for this
    device, and for the account when signed in, then go back."""
    turn_on = not easy_mode_for(request)
    user = request.user
    if user.is_authenticated and user.easy_mode != turn_on:
        user.easy_mode = turn_on
        user.save(update_fields=["easy_mode"])
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    response = redirect(back)
    remember(response, turn_on)
    return response
