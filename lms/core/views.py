from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .health import CHECKS


@never_cache
def healthz(request):
    results = {name: check() for name, check in CHECKS.items()}
    failing = [name for name, (ok, _detail) in results.items() if not ok]
    body = {
        "status": "ok" if not failing else "fail",
        "failing": failing,
        "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in results.items()},
    }
    return JsonResponse(body, status=200 if not failing else 503)
