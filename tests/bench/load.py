"""A load run: wrk where it is installed (a C load generator, so the client is
not the bottleneck), otherwise a small asyncio keep-alive client."""

import asyncio
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.3f %.3f\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout + summary.errors.status,
    summary.duration / 1e6, latency:percentile(95) / 1000))
end
"""


def run_load(url: str, *, seconds: float, connections: int, headers: dict | None = None) -> dict:
    if shutil.which("wrk"):
        return _run_wrk(url, seconds, connections, headers or {})
    return asyncio.run(_run_asyncio(url, seconds, connections, headers or {}))


def _run_wrk(url, seconds, connections, headers):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    header_args = [arg for k, v in headers.items() for arg in ("-H", f"{k}: {v}")]
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t",
                "2",
                "-c",
                str(connections),
                "-d",
                f"{max(seconds, 1):g}s",
                "--latency",
                "-s",
                script.name,
                *header_args,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(script.name).unlink()
    return parse_wrk(output)


def parse_wrk(output: str) -> dict:
    match = re.search(r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+)", output)
    requests, errors, duration, p95 = (float(x) for x in match.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": requests / duration,
        "p95_ms": p95,
        "errors": int(errors) + (int(non_2xx.group(1)) if non_2xx else 0),
    }


async def _run_asyncio(url, seconds, connections, headers):
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = (f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\n{extra}\r\n").encode()
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker():
        nonlocal errors
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            writer.write(request)
            status = await reader.readline()
            length, close = 0, False
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
                elif name.lower() == "connection" and "close" in value.lower():
                    close = True
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if not status.split()[1].startswith((b"2", b"3")):
                errors += 1
            if close:
                writer.close()
                reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else 0.0
    return {"rps": len(latencies) / elapsed, "p95_ms": p95, "errors": errors}
