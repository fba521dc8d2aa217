"""factory_boy factories for the objects most tests need: people with a role,
units, questions, quizzes and attempts. Questions and attempts go through the
real actions (do_create_question, start_or_resume_attempt, submit_attempt), so
a factory never builds a row the application could not have built itself.

The shipped framework is loaded once per test session (tests/conftest.py), so
the factories look competencies up instead of creating them."""

import itertools

import factory
from factory.django import DjangoModelFactory

from lms.accounts.roles import Role, grant_role

PASSWORD = "Mat-khau-rat-manh-2025"
_unit_codes = itertools.count(1)


def current_framework():
    from lms.framework.models import FrameworkVersion

    return FrameworkVersion.objects.current()


class UnitFactory(DjangoModelFactory):
    """A ward by default; ``parent`` nests it and its path follows."""

    class Meta:
        model = "units.Unit"

    code = factory.LazyFunction(lambda: f"T{next(_unit_codes):05d}")
    name = "Phường Thử Nghiệm"
    kind = "ward"
    parent = None
    path = factory.LazyAttribute(lambda o: f"{o.parent.path if o.parent else ''}{o.code}/")


class UserFactory(DjangoModelFactory):
    """A person with one role (``role=None`` for none) and the shared test password."""

    class Meta:
        model = "accounts.User"

    # Not fields: popped in _create. The role is granted once the row exists; an
    # existing account has agreed to the current privacy notice unless told not to.
    role = Role.LEARNER
    consented = True
    username = factory.Sequence(lambda n: f"nguoidung{n}")
    phone = None
    email = ""
    full_name = "Nguyễn Văn An"
    home_unit = None
    audience = "resident"
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, role, password, consented, **kwargs):
        from django.conf import settings

        from lms.privacy.models import ConsentRecord

        user = model_class(*args, **kwargs)
        user.set_password(password)
        user.save()
        if role is not None:
            grant_role(user, role)
        if consented:
            ConsentRecord.objects.create(
                user=user, notice_version=settings.PRIVACY_NOTICE_VERSION, method="office"
            )
        return user

    @classmethod
    def _build(cls, model_class, *args, role, password, consented, **kwargs):
        user = model_class(*args, **kwargs)
        user.set_password(password)
        return user


class QuestionFactory(factory.Factory):
    """A published single-choice question tagged with ``codes`` of the current
    framework, created by ``do_create_question`` (versions, search text, tags)."""

    class Meta:
        model = dict

    name = factory.Sequence(lambda n: f"Câu hỏi thử {n}")
    stem = "<p>Một người lạ xin mã OTP của bạn. Bạn làm gì?</p>"
    spec = None
    codes = ("ND.5.2",)
    status = "published"
    category = "Ngân hàng/Thử"
    audiences = ("resident",)

    @classmethod
    def _create(cls, model_class, *, codes, category, audiences, spec, **fields):
        from assessments.actions import QuestionData, category_for_path, do_create_question
        from assessments.scoring.spec import Choice, QuestionSpec
        from lms.framework.models import Competency

        if spec is None:
            spec = QuestionSpec(
                id="",
                qtype="single",
                choices=(Choice("1", "Từ chối", 1.0), Choice("2", "Đọc mã", 0.0)),
            )
        competencies = list(
            Competency.objects.filter(framework=current_framework(), code__in=codes)
        )
        return do_create_question(
            QuestionData(
                spec=spec,
                category=category_for_path(category),
                competencies=competencies,
                audiences=list(audiences),
                **fields,
            )
        )

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("questions are created through do_create_question")


class QuizFactory(DjangoModelFactory):
    """A published resident quiz of the current framework; ``questions`` become
    fixed rules in that order."""

    class Meta:
        model = "assessments.Quiz"
        skip_postgeneration_save = True

    framework = factory.LazyFunction(current_framework)
    title = "Kiểm tra thử"
    slug = factory.Sequence(lambda n: f"kiem-tra-thu-{n}")
    audience = "resident"
    is_published = True
    shuffle_questions = False

    @factory.post_generation
    def questions(quiz, create, extracted, **kwargs):
        from assessments.models import QuizRule, RuleKind

        for position, question in enumerate(extracted or ()):
            QuizRule.objects.create(
                quiz=quiz, position=position, kind=RuleKind.FIXED, question=question
            )


class AttemptFactory(factory.Factory):
    """An attempt started by ``user`` at ``quiz`` through the real action;
    ``submitted=True`` also submits it (unanswered)."""

    class Meta:
        model = dict

    quiz = factory.SubFactory(QuizFactory)
    user = factory.SubFactory(UserFactory)
    submitted = False

    @classmethod
    def _create(cls, model_class, *, quiz, user, submitted):
        from assessments.actions import start_or_resume_attempt, submit_attempt

        attempt = start_or_resume_attempt(quiz, user)
        if submitted:
            attempt = submit_attempt(attempt).attempt
        return attempt

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("attempts are started through start_or_resume_attempt")
