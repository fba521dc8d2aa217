"""A large, deterministic question bank for benchmarks (``manage.py bench_library_data``):
single-choice questions in one category, spread over the competencies, written with
bulk inserts (a question, its first version, its competency) and the folded search
text a save would store."""

import random

from django.db import transaction

from assessments.actions import category_for_path
from assessments.bank_search import question_search_text
from assessments.models import Question, QuestionVersion
from assessments.scoring.spec import Choice, QuestionSpec
from lms.framework.models import Competency

CATEGORY = "Dữ liệu thử tải/Ngân hàng lớn"
IDNUMBER_PREFIX = "BENCH-"
BATCH = 500
SITUATIONS = [
    "Có người gọi điện xưng là công an và đề nghị bạn chuyển tiền",
    "Bạn nhận tin nhắn báo trúng thưởng kèm một đường link lạ",
    "Ứng dụng ngân hàng yêu cầu cập nhật mật khẩu",
    "Bạn cần nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
    "Người lạ trên mạng xã hội xin mã OTP của bạn",
    "Bạn muốn thanh toán tiền điện bằng mã QR",
    "Một trang web bán hàng giảm giá 90% yêu cầu chuyển khoản trước",
    "Bạn cần kích hoạt tài khoản VNeID mức 2",
    "Con bạn nhận được lời mời kết bạn từ người không quen",
    "Bạn muốn lưu ảnh giấy tờ tùy thân trên điện thoại",
]
ANSWERS = [
    ("Từ chối và báo cho người thân hoặc cơ quan chức năng", 1.0),
    ("Làm theo hướng dẫn ngay để khỏi lỡ việc", 0.0),
    ("Gửi thông tin qua tin nhắn cho nhanh", 0.0),
]


def bench_question_count() -> int:
    return Question.objects.filter(idnumber__startswith=IDNUMBER_PREFIX).count()


@transaction.atomic
def grow_bank(total: int, seed: int = 14) -> int:
    """Add bench questions until the bank holds ``total``; returns how many were added."""
    missing = total - Question.objects.count()
    if missing <= 0:
        return 0
    start = bench_question_count()
    rng = random.Random(seed + start)  # noqa: S311 - repeatable bench data, not secrets
    category = category_for_path(CATEGORY)
    competencies = list(Competency.objects.order_by("code"))
    for first in range(0, missing, BATCH):
        numbers = range(start + first + 1, start + min(first + BATCH, missing) + 1)
        _write_batch(rng, category, competencies, numbers)
    return missing


def _write_batch(rng, category, competencies, numbers) -> None:
    questions, versions = [], []
    for number in numbers:
        situation = rng.choice(SITUATIONS)
        name = f"Tình huống {number}: {situation[:80]}"
        idnumber = f"{IDNUMBER_PREFIX}{number}"
        stem = f"<p>{situation}. Bạn nên làm gì?</p>"
        competency = competencies[number % len(competencies)] if competencies else None
        question = Question(
            category=category,
            name=name,
            idnumber=idnumber,
            qtype="single",
            status="published",
            audiences=["resident"],
            search_text=question_search_text(name, idnumber, stem),
        )
        spec = QuestionSpec(
            id=idnumber,
            qtype="single",
            choices=tuple(
                Choice(str(index), text, fraction)
                for index, (text, fraction) in enumerate(ANSWERS, start=1)
            ),
            competency_codes=(competency.code,) if competency else (),
        )
        questions.append((question, competency))
        versions.append((stem, spec.to_dict()))
    Question.objects.bulk_create([question for question, _c in questions])
    created = QuestionVersion.objects.bulk_create(
        [
            QuestionVersion(question=question, number=1, stem=stem, spec=spec)
            for (question, _c), (stem, spec) in zip(questions, versions, strict=True)
        ]
    )
    for (question, _c), version in zip(questions, created, strict=True):
        question.current_version = version
    Question.objects.bulk_update([question for question, _c in questions], ["current_version"])
    Through = Question.competencies.through
    Through.objects.bulk_create(
        [
            Through(question_id=question.pk, competency_id=competency.pk)
            for question, competency in questions
            if competency
        ]
    )
