"""HTTP pages and the JSON fallback: thin, synchronous (served by WSGI).

The JSON endpoints give polling clients exactly what the WebSocket gives:
``state.json`` the same state message, ``answer`` the same ack, ``command``
the instructor's commands."""

from __future__ import annotations

import json

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from lms.accounts.access import staff_permission_required
from lms.core.page_cache import mark_cacheable
from lms.html_errors import action_errors, flash_and_redirect, reported_on
from lms.ratelimits import by_address

from . import actions, errors, exports, guessing, personal, state
from .actions import cookie_name
from .forms import JoinForm, StartForm
from .models import LiveSession, Mode, Participant, Status
from .scoring import formula_text
from .strings import js_strings


def _set_participant_cookie(response, participant: Participant):
    response.set_cookie(
        cookie_name(participant.session_id),
        participant.token,
        max_age=60 * 60 * 24 * 14,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG and settings.SESSION_COOKIE_SECURE,
    )
    return response


def _participant(request, session_id) -> Participant:
    return actions.access_participant(session_id, request.COOKIES.get(cookie_name(session_id)))


def _error_frame(request, error, *args, **kwargs) -> JsonResponse:
    """A refusal as the WebSocket's error frame, with the action's status."""
    return JsonResponse(errors.error_frame(error), status=error.status)


# Someone else's session is "not found": its report, screens and commands exist
# for its instructor only (and readers of every result, for the report).
not_yours = action_errors(hidden=(errors.NotInstructor,))


# --- Joining ---------------------------------------------------------------------------------


@never_cache
def join(request):
    form = JoinForm(
        request.POST or None,
        initial={"pin": request.GET.get("pin", ""), "key": request.GET.get("key", "")},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        address = by_address(request)
        # A wrong PIN (404) or a locked lobby (403) is said on the form, not a page.
        with reported_on(form, refusals_too=True) as outcome:
            session = actions.access_session_by_pin(data["pin"], ip=address, key=data["key"])
            if data["rejoin_code"].strip():
                participant = actions.do_rejoin(session, data["rejoin_code"], ip=address)
            else:
                user = request.user if request.user.is_authenticated else None
                participant = actions.do_join(session, name=data["name"].strip() or None, user=user)
            response = redirect("live:play", session_id=session.pk)
            return _set_participant_cookie(response, participant)
        status = outcome.status
    elif request.method == "POST":
        status = 400
    response = render(request, "live/join.html", {"form": form}, status=status)
    if request.method == "GET":
        # The same form for every anonymous phone of a hall (the QR code's PIN and
        # key are part of the entry): a hit is one cache read, with the phone's own
        # CSRF token swapped in (cms.middleware). Signed-in visitors never share it.
        mark_cacheable(response, query_params=("pin", "key"))
    return response


@never_cache
@require_GET
@action_errors(on_error=flash_and_redirect(lambda request, session_id: reverse("live:join")))
def play(request, session_id):
    participant = _participant(request, session_id)
    session = participant.session
    context = {
        "session": session,
        "participant": participant,
        "strings": js_strings(),
        "config": {
            "role": "play",
            "session": session.pk,
            "ws": f"/ws/live/{session.pk}/play/",
            "state": reverse("live:state", args=[session.pk]),
            "answer": reverse("live:answer", args=[session.pk]),
            "claim": reverse("live:claim", args=[session.pk]),
            "login": f"{reverse(settings.LOGIN_URL)}?next={request.path}",
        },
    }
    return render(request, "live/play.html", context)


# --- JSON fallback ---------------------------------------------------------------------------


@never_cache
@require_GET
@action_errors(answer=_error_frame)
def state_json(request, session_id):
    """The same state message the WebSocket sends; ``?role=screen`` for the
    instructor's screens. Polling also runs the lazy timers."""
    if request.GET.get("role") == "screen":
        session = actions.access_session_as_instructor(session_id, request.user)
        if actions.do_tick(session):
            session.refresh_from_db()
        data = {**state.public_state(session), "extras": state.screen_extras(session)}
    else:
        participant = _participant(request, session_id)
        session = participant.session
        if actions.do_tick(session):
            session.refresh_from_db()
            participant.refresh_from_db()
        data = {
            **state.for_phone(state.public_state(session)),
            "me": personal.personal_state(participant, session),
        }
    data["server_time"] = state.now_ms()
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _json_body(request) -> dict:
    if len(request.body) > settings.LIVE_MAX_MESSAGE_BYTES:
        raise errors.BadRequest(code="too_large")
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        raise errors.BadRequest() from None
    if not isinstance(body, dict):
        raise errors.BadRequest()
    return body


@never_cache
@require_POST
@action_errors(answer=_error_frame)
def answer(request, session_id):
    body = _json_body(request)
    if "q" not in body or "response" not in body:
        raise errors.BadRequest()
    token = request.COOKIES.get(cookie_name(session_id))
    result = actions.do_answer_with_token(session_id, token, body["q"], body["response"])
    client_id = body.get("id") if isinstance(body.get("id"), str | int) else None
    data = state.ack(
        result.answer,
        created=result.created,
        client_id=client_id,
        session=result.answer.session,
    )
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@never_cache
@require_POST
@action_errors(answer=_error_frame)
def command(request, session_id):
    body = _json_body(request)
    kind = body.get("type")
    if not isinstance(kind, str):
        raise errors.BadRequest()
    actions.check_message_allowed(kind, "screen")
    actions.do_command(session_id, request.user, kind, body)
    return JsonResponse({"type": "done"})


def _play_url(request, session_id) -> str:
    return reverse("live:play", args=[session_id])


@require_POST
@action_errors(on_error=flash_and_redirect(_play_url))
def claim(request, session_id):
    if not request.user.is_authenticated:
        return redirect(f"{reverse(settings.LOGIN_URL)}?next={_play_url(request, session_id)}")
    participant = _participant(request, session_id)
    actions.do_claim_guest_result(participant, request.user)
    messages.success(request, _("Your result is saved in your account."))
    return redirect("live:play", session_id=session_id)


# --- Instructor pages --------------------------------------------------------------------------

# A signed-in user without the permission gets 403, never the login page: that
# page sends signed-in users back here, an endless loop.
instructor_required = staff_permission_required(actions.START_PERMISSION)


@instructor_required
@action_errors
def start(request):
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A refusal is said on the form, answered 200 like the form itself.
        with reported_on(form):
            session = actions.do_start_session(
                request.user,
                quiz=form.cleaned_data.get("quiz"),
                questions=list(form.cleaned_data.get("questions") or []),
                options=form.options(),
            )
            return redirect("live:control", session_id=session.pk)
    sessions = actions.sessions_of(request.user)[:20]
    return render(request, "live/start.html", {"form": form, "sessions": sessions})


def _screen_config(request, session: LiveSession, role: str) -> dict:
    return {
        "role": role,
        "session": session.pk,
        "ws": f"/ws/live/{session.pk}/screen/",
        "state": reverse("live:state", args=[session.pk]) + "?role=screen",
        "command": reverse("live:command", args=[session.pk]),
    }


def _join_address(request) -> tuple[str, str]:
    url = request.build_absolute_uri(reverse("live:join"))
    short = url.split("://", 1)[-1].rstrip("/")
    return url, short


@never_cache
@login_required
@not_yours
def control(request, session_id):
    session = actions.access_session_as_instructor(session_id, request.user)
    _url, short = _join_address(request)
    context = {
        "session": session,
        "strings": js_strings(),
        "config": _screen_config(request, session, "control"),
        "formula": formula_text(speed=session.speed_bonus, streak=session.streak_bonus),
        "join_short": short,
        "present_url": reverse("live:present", args=[session.pin]),
        "left_out": [
            {"name": item["name"], "type": exports.qtype_label(item["qtype"])}
            for item in session.left_out
        ],
    }
    return render(request, "live/control.html", context)


@never_cache
@login_required
@not_yours
def present(request, pin):
    session = actions.access_presented_session(pin, request.user)
    join_url, short = _join_address(request)
    # The QR code carries the join key: scanning it is never refused (guessing.py).
    join_url = f"{join_url}?pin={session.pin}&key={guessing.join_key(session)}"
    qr = segno.make(join_url, error="m")
    context = {
        "session": session,
        "config": _screen_config(request, session, "present"),
        "strings": js_strings(),
        "qr_svg": qr.svg_inline(scale=8, border=2, dark="#111"),
        "join_short": short,
        "join_url": join_url,
        "formula": formula_text(speed=session.speed_bonus, streak=session.streak_bonus),
        "learner_paced": session.mode == Mode.LEARNER,
    }
    return render(request, "live/present.html", context)


@login_required
@not_yours
def report(request, session_id):
    session = actions.access_session_results(session_id, request.user)
    context = {
        "session": session,
        # Administrators read reports of sessions they do not run: no controls for them.
        "can_run": session.instructor_id == request.user.pk or request.user.is_superuser,
        "report": exports.session_report(session),
        "ended": session.status == Status.ENDED,
    }
    return render(request, "live/report.html", context)


@login_required
@not_yours
def export(request, session_id, fmt):
    session = actions.access_session_results(session_id, request.user)
    actions.do_record_report_export(request.user, session, fmt)
    if fmt == "csv":
        body, content_type = exports.report_csv(session), "text/csv; charset=utf-8"
    else:
        body = exports.report_xlsx(session)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    filename = f"live-{session.pin}-{session.created_at:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
@action_errors(hidden=(errors.LiveError,))
def remove(request, session_id, participant_id):
    """No-JavaScript removal from the report page; any refusal is "not found"."""
    session = actions.access_session_as_instructor(session_id, request.user)
    actions.do_remove_participant(session, request.user, participant_id)
    messages.success(request, _("The participant was removed."))
    return redirect("live:report", session_id=session.pk)
