"""Certificate rendering times (issue 5's budget: one certificate ≤ 150 ms median,
a class of 100 in one PDF ≤ 20 s). Not a test: timings depend on the machine.

    python -m tests.certificates.bench_render [--repeat 21] [--class-size 100]
"""

import argparse
import io
import random
import statistics
import time
from datetime import date

from PIL import Image

from assessments.certificates.codes import new_code
from assessments.certificates.content import CertificateContent
from assessments.certificates.pdf import render_certificate, render_many
from assessments.certificates.pdf_text import register_fonts

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
GIVEN = ["Thị Hồng Nhung", "Văn Tám", "Ỷ Lan", "Đức Thắng", "Thị Diễm Kiều", "Quang Huy"]


def logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), (180, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def sample(rng: random.Random, unit_logo: bytes) -> CertificateContent:
    code = new_code(rng)
    return CertificateContent(
        holder_name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
        audience_label="Người dân",
        framework_name="Khung kiến thức, kỹ năng số cơ bản",
        framework_version="1.0",
        issuing_unit_name="Ủy ban nhân dân phường Hoàn Kiếm",
        signer_title="TM. Ủy ban nhân dân\nChủ tịch",
        signer_name="Trần Văn Bình",
        issue_date=date(2025, 6, 5),
        score_percent=rng.randint(700, 1000) / 10,
        verification_code=code,
        verify_url=f"https://hocvuso.example.vn/certificates/verify/{code}/",
        competency_profile=tuple(
            (f"Lĩnh vực năng lực số {i}", rng.randint(50, 100)) for i in range(1, 6)
        ),
        date_of_birth=date(1970, 1, 1),
        place_name="Hoàn Kiếm",
        logo=unit_logo,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--class-size", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(5)
    unit_logo = logo()
    register_fonts()
    render_certificate(sample(rng, unit_logo))  # warm-up: font parsing, imports

    singles = []
    for _ in range(args.repeat):
        content = sample(rng, unit_logo)
        start = time.perf_counter()
        render_certificate(content)
        singles.append(time.perf_counter() - start)

    contents = [sample(rng, unit_logo) for _ in range(args.class_size)]
    classes = []
    size = 0
    for _ in range(3):
        start = time.perf_counter()
        size = len(render_many(contents))
        classes.append(time.perf_counter() - start)

    print(f"one certificate: median {statistics.median(singles) * 1000:.1f} ms (budget 150 ms)")
    print(
        f"{args.class_size} certificates in one PDF: median {statistics.median(classes):.2f} s "
        f"(budget 20 s), {size / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
