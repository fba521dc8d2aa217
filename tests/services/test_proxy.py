"""Through the shipped proxy: Debian's nginx runs deploy/nginx.conf (only the
upstream addresses, the listen address and the media path are swapped for local
ones) in front of gunicorn with the production settings. The client connects
from 127.0.0.2, so its address differs from the proxy's (127.0.0.1)."""

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password

from .test_production_stack import ROOT, free_port, production_env, start, wait_for

pytestmark = [
    pytest.mark.services,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (
            os.environ.get("REDIS_URL")
            and os.environ.get("DATABASE_URL", "").startswith("postgres")
        ),
        reason="needs the CI run's PostgreSQL and Redis (DATABASE_URL, REDIS_URL)",
    ),
]

CLIENT = "127.0.0.2"
PASSWORD = "Mat-khau-rat-manh-2025"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)


def render_nginx_conf(tmp: Path, port: int, web_port: int, asgi_port: int) -> Path:
    """deploy/nginx.conf inside a minimal main config; the server block is the shipped one."""
    shipped = (ROOT / "deploy" / "nginx.conf").read_text()
    swaps = {
        "server web:8000;": f"server 127.0.0.1:{web_port};",
        "server asgi:8001;": f"server 127.0.0.1:{asgi_port};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "alias /srv/media/;": f"alias {tmp}/media/;",
    }
    for old, new in swaps.items():
        assert shipped.count(old) == 1, f"deploy/nginx.conf no longer has {old!r}"
        shipped = shipped.replace(old, new)
    for folder in ("media", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / folder).mkdir()
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"""daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{shipped}
}}
"""
    )
    return conf


class Browser:
    """Plain HTTP from one source address, with its own cookies."""

    def __init__(self, port: int, source: str = CLIENT):
        self.port, self.source, self.cookies = port, source, {}

    def request(self, method, path, form=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.source, 0)
        )
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";")[0]
        connection.close()
        return response.status, text

    def post_form(self, path, form, headers=None):
        """GET the page for its CSRF token, then POST the form."""
        _status, page = self.request("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, {**form, "csrfmiddlewaretoken": token}, headers)


def spoofed(n: int) -> dict:
    return {
        "X-Forwarded-For": f"198.51.100.{n}, 203.0.113.{n}",
        "X-Real-IP": f"192.0.2.{n}",
        "Forwarded": f"for=192.0.2.{n}",
        "X-Forwarded-Proto": "https",
    }


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Production serves hashed static files: collect them once, as the Dockerfile does."""
    if NGINX is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing: .ci/run installs Debian's nginx package in CI")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    root = tmp_path_factory.mktemp("static")
    env = production_env(
        {"USER": "build", "HOST": "localhost", "PORT": "5432", "NAME": "build"},
        STATIC_ROOT=str(root),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return root


@pytest.fixture
def stack(static_root, transactional_db, tmp_path):
    from django.db import connection

    web_port, asgi_port, port = free_port(), free_port(), free_port()
    env = production_env(
        connection.settings_dict,
        TRUSTED_PROXY_COUNT="1",
        CERTIFICATE_VERIFY_LIMIT="3",
        STATIC_ROOT=str(static_root),
        # Production refuses a local BASE_URL; nothing here follows it.
        BASE_URL="http://hocvuso.example.vn",
        EMAIL_URL="consolemail://",
        PRIVACY_CONTROLLER="UBND xã thử nghiệm",
        CERTIFICATE_SIGNING_KEY_PATH=str(tmp_path / "signing-key.pem"),
    )
    log = (tmp_path / "gunicorn.log").open("wb")
    web = start("gunicorn (web)", web_port, env, stdout=log)
    conf = render_nginx_conf(tmp_path, port, web_port, asgi_port)
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", nginx, "nginx in front of gunicorn")
        yield port, tmp_path / "gunicorn.log"
    finally:
        nginx.terminate()
        web.terminate()
        nginx.wait(timeout=20)
        web.wait(timeout=20)
        log.close()


def test_behind_nginx_wrong_passwords_lock_the_account_not_the_address(stack, make_user):
    from axes.models import AccessAttempt

    port, _log = stack
    an = make_user(username="an")
    binh = make_user(username="binh")
    for user in (an, binh):
        user.password = make_password(PASSWORD, hasher="argon2")
        user.save(update_fields=["password"])

    browser = Browser(port)
    for n in range(5):
        status, _ = browser.post_form(
            "/accounts/login/", {"username": "an", "password": "sai"}, spoofed(n)
        )
        assert status == (429 if n == 4 else 200)  # the fifth failure locks the account
    # Another account on the same address signs in.
    status, _ = Browser(port).post_form(
        "/accounts/login/", {"username": "binh", "password": PASSWORD}
    )
    assert status == 302
    # The locked account stays locked whatever headers it sends.
    status, body = browser.post_form(
        "/accounts/login/", {"username": "an", "password": PASSWORD}, spoofed(9)
    )
    assert status == 429
    assert "Bạn đã thử quá nhiều lần" in body
    # Axes recorded the client's real address, not the proxy's nor a spoofed one.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT}


def test_behind_nginx_spoofed_forwarding_headers_change_nothing(stack, make_user):
    port, log = stack
    lookups = [
        Browser(port).request("GET", "/api/v1/certificates/ABCDE-FGHJK/", headers=spoofed(n))[0]
        for n in range(4)
    ]
    assert all(status in (400, 404) for status in lookups[:3]) and lookups[3] == 429
    # Another client of the same proxy has its own count.
    other = Browser(port, source="127.0.0.3")
    assert other.request("GET", "/api/v1/certificates/ABCDE-FGHJK/", headers=spoofed(1))[0] != 429

    # X-Forwarded-Proto comes from nginx ($scheme), not from the client: the reset
    # link Django builds for a plain-HTTP request is http://, though the client said https.
    make_user(username="lan", email="lan@example.vn")
    status, _ = Browser(port).post_form(
        "/accounts/password/reset/", {"email": "lan@example.vn"}, spoofed(2)
    )
    assert status == 302
    deadline = time.monotonic() + 10
    while "/accounts/password/reset/" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    links = re.findall(r"(https?)://127\.0\.0\.1/accounts/password/reset/", log.read_text())
    assert links and set(links) == {"http"}
