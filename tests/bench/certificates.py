"""Certificate rendering benchmark for `make bench` (issue 5's budget: one
certificate ≤ 150 ms median, a class of 100 in one PDF ≤ 20 s). Reuses
tests/certificates/bench_render.py; prints, never asserts.

    python -m tests.bench.certificates
"""

import random
import statistics
import time

from tests.certificates.bench_render import logo, sample

REPEAT = 21
CLASS_SIZE = 100


def main() -> None:
    from assessments.certificates.pdf import render_certificate, render_many
    from assessments.certificates.pdf_text import register_fonts

    rng = random.Random(5)
    unit_logo = logo()
    register_fonts()
    render_certificate(sample(rng, unit_logo))  # warm-up: font parsing, imports
    singles = []
    for _ in range(REPEAT):
        content = sample(rng, unit_logo)
        start = time.perf_counter()
        render_certificate(content)
        singles.append(time.perf_counter() - start)
    contents = [sample(rng, unit_logo) for _ in range(CLASS_SIZE)]
    start = time.perf_counter()
    size = len(render_many(contents))
    seconds = time.perf_counter() - start
    print(f"one certificate: median {statistics.median(singles) * 1000:.1f} ms (budget 150 ms)")
    print(
        f"{CLASS_SIZE} certificates in one PDF: {seconds:.2f} s (budget 20 s), {size / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
