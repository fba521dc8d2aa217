"""What the server side does during a measured moment: PostgreSQL's sessions
(how many, how many running, how many waiting and on what) sampled every
100 ms, and the CPU seconds each kind of process used (from /proc)."""

from __future__ import annotations

import collections
import contextlib
import os
import threading
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                queue.extend(int(child) for child in task.read_text().split())
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def forced_switches(roots: dict[int, str]) -> int:
    """Times the kernel took the CPU away from a server process (nonvoluntary
    context switches): how much the processes fought over the cores."""
    total = 0
    for root in roots:
        for pid in descendants(root):
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("nonvoluntary_ctxt_switches"):
                        total += int(line.split()[1])
    return total


def cpu_by_kind(roots: dict[int, str], database: str) -> dict[str, float]:
    """CPU seconds (user + system) by kind: each root process (``roots``: pid →
    "gunicorn", "uvicorn", "nginx") with its workers; "postgres": the backends
    serving ``database`` (alive at both ends of the window); "redis-server"
    (shared with other users of the machine); "client": this process."""
    totals: collections.Counter = collections.Counter()
    for root, kind in roots.items():
        for pid in descendants(root):
            totals[kind] += cpu_seconds(pid)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if cmdline.startswith("postgres:") and f" {database} " in cmdline:
            totals["postgres"] += cpu_seconds(int(entry.name))
        elif cmdline.startswith("redis-server"):
            totals["redis-server"] += cpu_seconds(int(entry.name))
    totals["client"] = cpu_seconds(os.getpid())
    return dict(totals)


def machine_busy() -> tuple[float, float]:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


QUERY = """
SELECT count(*),
       count(*) FILTER (WHERE state = 'active'),
       count(*) FILTER (WHERE wait_event_type = 'Lock'),
       count(*) FILTER (WHERE wait_event_type = 'LWLock'),
       count(*) FILTER (WHERE state = 'idle in transaction'),
       string_agg(wait_event_type || ':' || wait_event, ',')
         FILTER (WHERE state = 'active' AND wait_event IS NOT NULL)
FROM pg_stat_activity
WHERE datname = %s AND backend_type = 'client backend' AND pid <> pg_backend_pid()
"""


class Sampler:
    def __init__(self, database_url: str, database: str, roots: dict[int, str]):
        self.url, self.database, self.roots = database_url, database, roots
        self.samples: list[tuple] = []
        self.locks_waiting = 0
        self.waits: collections.Counter = collections.Counter()
        self._stop = threading.Event()

    def __enter__(self) -> Sampler:
        self.cpu_before, self.busy_before = cpu_by_kind(self.roots, self.database), machine_busy()
        self.switches_before = forced_switches(self.roots)
        self.started = time.perf_counter()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True, application_name="observer") as conn:
            while not self._stop.is_set():
                row = conn.execute(QUERY, [self.database]).fetchone()
                self.samples.append(row[:5])
                for wait in (row[5] or "").split(","):
                    if wait:
                        self.waits[wait] += 1
                ungranted = conn.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                self.locks_waiting = max(self.locks_waiting, ungranted.fetchone()[0])
                time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)
        self.elapsed = time.perf_counter() - self.started
        after, busy_after = cpu_by_kind(self.roots, self.database), machine_busy()
        self.switches = forced_switches(self.roots) - self.switches_before
        self.cpu = {
            kind: round(after.get(kind, 0) - self.cpu_before.get(kind, 0), 2)
            for kind in after
            if after[kind] - self.cpu_before.get(kind, 0) > 0.005
        }
        busy, total = (a - b for a, b in zip(busy_after, self.busy_before, strict=True))
        self.machine_cpu_percent = round(100 * busy / max(1, total), 0)

    def summary(self) -> dict:
        columns = list(zip(*self.samples, strict=True)) if self.samples else [[0]] * 5
        return {
            "pg_connections_peak": max(columns[0]),
            "pg_active_peak": max(columns[1]),
            "pg_waiting_on_locks_peak": max(columns[2]),
            "pg_waiting_on_lwlocks_peak": max(columns[3]),
            "pg_idle_in_transaction_peak": max(columns[4]),
            "pg_ungranted_locks_peak": self.locks_waiting,
            "pg_top_waits": dict(self.waits.most_common(4)),
            "cpu_seconds": self.cpu,
            "machine_cpu_percent": self.machine_cpu_percent,
            "server_preempted": self.switches,
        }
