"""The server processes a load run starts on 127.0.0.1 (and stops): uvicorn
(pages and /ws/, or /ws/ only), gunicorn (pages), and Debian's nginx running the
shipped deploy/nginx.conf in front of them, as tests/services/test_proxy.py does."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listens on port {port}")


def uvicorn(port: int, workers: int, env: dict) -> subprocess.Popen:
    env = {"DB_POOL_MAX_SIZE": "8", **env}  # as docker-compose.yml sizes the asgi service
    return subprocess.Popen(
        [
            sys.executable, "-m", "uvicorn", "lms.asgi:application",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--log-level", "warning", "--ws", "websockets-sansio", "--backlog", "4096",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip


def gunicorn(port: int, workers: int, threads: int, env: dict) -> subprocess.Popen:
    env = {"DB_POOL_MAX_SIZE": str(threads), **env}  # one connection per thread, as in compose
    return subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "lms.wsgi:application",
            "-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", str(threads),
            "--backlog", "4096", "--log-level", "warning",
        ],
        cwd=ROOT,
        env={**env, "GUNICORN_CMD_ARGS": ""},
    )  # fmt: skip


def render_nginx(folder: Path, port: int, web_ports: list[int], asgi_ports: list[int]) -> Path:
    """deploy/nginx.conf with its upstreams pointing at the local processes
    (several per upstream: nginx balances round robin) and a log naming the
    node that served each request."""
    shipped = (ROOT / "deploy" / "nginx.conf").read_text()
    swaps = {
        "server web:8000;": " ".join(f"server 127.0.0.1:{p};" for p in web_ports),
        "server asgi:8001;": " ".join(f"server 127.0.0.1:{p};" for p in asgi_ports),
        "listen 80;": f"listen 127.0.0.1:{port} backlog=4096;",
        "alias /srv/media/;": f"alias {folder}/media/;",
    }
    for old, new in swaps.items():
        assert shipped.count(old) == 1, f"deploy/nginx.conf no longer has {old!r}"
        shipped = shipped.replace(old, new)
    for sub in ("media", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / sub).mkdir(exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""daemon off;
master_process off;
worker_rlimit_nofile 65536;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 16384; }}
http {{
    log_format nodes '$request_method $uri $status $upstream_addr';
    access_log {folder}/access.log nodes;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{shipped}
}}
"""
    )
    return conf


class Stack:
    """Processes for one scenario. ``topology``:
    - "uvicorn": one uvicorn with ``asgi_workers`` workers serves pages and /ws/;
    - "nginx": nginx → ``web_nodes`` gunicorn (pages) and ``asgi_nodes`` uvicorn (/ws/)."""

    def __init__(self, env: dict, *, topology="uvicorn", asgi_nodes=1, asgi_workers=2,
                 web_nodes=1, web_workers=2, web_threads=1):  # fmt: skip
        self.env, self.topology = env, topology
        self.asgi_nodes, self.asgi_workers = asgi_nodes, asgi_workers
        self.web_nodes, self.web_workers, self.web_threads = web_nodes, web_workers, web_threads
        self.procs: list[subprocess.Popen] = []
        self.roots: dict[int, str] = {}  # pid -> kind, for the CPU figures
        self.folder = Path(tempfile.mkdtemp(prefix="hvs-load-"))
        self.port = 0
        self.asgi_ports: list[int] = []

    def describe(self) -> str:
        asgi = f"{self.asgi_nodes} uvicorn × {self.asgi_workers} workers"
        if self.topology == "uvicorn":
            return asgi + " (pages and /ws/)"
        return (
            f"nginx → {self.web_nodes} gunicorn × {self.web_workers} workers × "
            f"{self.web_threads} threads (pages), {asgi} (/ws/)"
        )

    def __enter__(self) -> Stack:
        self.asgi_ports = [free_port() for _ in range(self.asgi_nodes)]
        for port in self.asgi_ports:
            self.start("uvicorn", uvicorn(port, self.asgi_workers, self.env))
        if self.topology == "uvicorn":
            self.port = self.asgi_ports[0]
        else:
            web_ports = [free_port() for _ in range(self.web_nodes)]
            for port in web_ports:
                self.start("gunicorn", gunicorn(port, self.web_workers, self.web_threads, self.env))
            self.port = free_port()
            conf = render_nginx(self.folder, self.port, web_ports, self.asgi_ports)
            for port in web_ports:
                wait_for_port(port)
            self.start("nginx", subprocess.Popen([NGINX, "-c", str(conf), "-p", str(self.folder)]))
        for port in [*self.asgi_ports, self.port]:
            wait_for_port(port)
        time.sleep(1.0)
        return self

    def start(self, kind: str, proc: subprocess.Popen) -> None:
        self.procs.append(proc)
        self.roots[proc.pid] = kind

    def websocket_nodes(self) -> dict[str, int]:
        """WebSocket upgrades per uvicorn node, from nginx's log."""
        log = self.folder / "access.log"
        counts: dict[str, int] = {}
        if log.exists():
            for line in log.read_text().splitlines():
                parts = line.split()
                if len(parts) >= 4 and parts[1].startswith("/ws/"):
                    counts[parts[3]] = counts.get(parts[3], 0) + 1
        return counts

    def __exit__(self, *exc) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
