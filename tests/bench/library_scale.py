"""Search and browse cost as the library grows: 20 (the demo library), 500 and
5,000 items, in a throwaway test database on DATABASE_URL (PostgreSQL for the
figures that matter; the embedded SQLite mode has no trigram index and scans).

    DATABASE_URL=postgres://… python -m tests.bench.library_scale

For each size: the median server time (wall and this process's CPU) and the
queries of each request, in process with Django's test client, and the ratio of
the minimal view's time to its time (as a req/s ratio), measured in the same run. The page cache is
bypassed (a session cookie), so every request renders. Then the planner's own
choice for the search and shelf queries at that size (EXPLAIN), to show the trigram
indexes. Last, the anonymous search and shelf: page-cache hits after the first."""

from __future__ import annotations

import io
import statistics
import time

from tests.bench.exam_moment import _setup

SIZES = (20, 500, 5000)
RUNS = 15
REQUESTS = [
    ("minimal view (baseline)", "/_bench/minimal"),
    ("search 'dich vu cong'", "/search/?q=dich+vu+cong"),
    ("search 'dịch vụ công' page 2", "/search/?q=d%E1%BB%8Bch+v%E1%BB%A5+c%C3%B4ng&page=2"),
    ("search that finds nothing", "/search/?q=khong+co+bai+nao+nhu+vay"),
    ("browse a shelf (newest)", "/thu-vien/nguoi-dan/"),
    ("browse a shelf, popular, page 3", "/thu-vien/nguoi-dan/?sort=popular&page=3"),
    ("browse by type (search page)", "/search/?type=guide&audience=student"),
]
# The same pages for an anonymous visitor (no cookie): after the first, page-cache hits.
ANONYMOUS = [
    ("anonymous search 'dich vu cong'", "/search/?q=dich+vu+cong"),
    ("anonymous shelf (newest)", "/thu-vien/nguoi-dan/"),
]


def _timed(client, path):
    from tests.bench.queries import counted_queries

    with counted_queries() as queries:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert response.status_code == 200, (path, response.status_code)
    sql = sum(float(query["time"]) for query in queries.captured_queries)
    return elapsed * 1000, cpu * 1000, len(queries), sql * 1000


def measure() -> list[tuple[str, float, float, int, float]]:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "bench-no-page-cache"
    anonymous = Client()
    rows = []
    plan = [(*row, client) for row in REQUESTS] + [(*row, anonymous) for row in ANONYMOUS]
    for name, path, visitor in plan:
        _timed(visitor, path)  # warm (and, for the anonymous visitor, stored)
        runs = [_timed(visitor, path) for _ in range(RUNS)]
        rows.append(
            (
                name,
                statistics.median(run[0] for run in runs),
                statistics.median(run[1] for run in runs),
                runs[-1][2],
                statistics.median(run[3] for run in runs),
            )
        )
    return rows


def explain_search() -> str:
    from cms.models.browsing import visible_items
    from cms.search import search_items

    return _scans(search_items("dịch vụ công", visible_items()).explain())


def explain_shelf() -> str:
    from cms.models.browsing import LibraryFilters, visible_items

    filters = LibraryFilters(audience="resident")
    return _scans(filters.order(filters.apply(visible_items()))[:12].explain())


def _scans(plan: str) -> str:
    return "\n".join("    " + line.strip() for line in plan.splitlines() if "Scan" in line)


def main() -> None:
    runner, old = _setup()
    try:
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import override_settings

        from cms.bench_data import LIBRARY_TABLES, grow_library, refresh_planner_statistics
        from cms.demo import seed as seed_library
        from cms.models import LibraryItemPage

        call_command("load_framework", stdout=io.StringIO())
        seed_library(stdout=io.StringIO())
        print(
            f"library search and browse ({connection.vendor}; median of {RUNS}, "
            "page cache bypassed; ratio = minimal view's time ÷ time, as req/s ratios, same run)",
            flush=True,
        )
        with override_settings(ROOT_URLCONF="lms.bench_urls"):
            for size in SIZES:
                started = time.perf_counter()
                grow_library(size)
                grown = time.perf_counter() - started
                refresh_planner_statistics(*LIBRARY_TABLES)
                count = LibraryItemPage.objects.count()
                print(f"\n  {count:,} items (grown in {grown:.1f} s)", flush=True)
                rows = measure()
                baseline = rows[0][1] or 1
                for name, wall, cpu, queries, sql in rows:
                    print(
                        f"  {name:<34} {wall:>7.1f} ms (cpu {cpu:>6.1f}, sql {sql:>6.1f})"
                        f" {queries:>3} queries"
                        f"  {baseline / wall:>6.3f}",
                        flush=True,
                    )
                if connection.vendor == "postgresql":
                    print("  EXPLAIN search 'dịch vụ công':\n" + explain_search(), flush=True)
                    print("  EXPLAIN resident shelf, newest:\n" + explain_shelf(), flush=True)
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
