"""Properties of the scoring engine over generated questions and responses."""

import copy
import json
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.scoring import (
    UNASSIGNED,
    AcceptedAnswer,
    Choice,
    MatchPair,
    NumericAnswer,
    NumericRange,
    OrderItem,
    QuestionSpec,
    correct_response,
    grade_response,
    question_from_dict,
    score_attempt,
)

settings.register_profile("scoring", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("scoring")

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐƯƠ"
)
words = st.text(alphabet=VIETNAMESE + "ABC019 .,-", min_size=1, max_size=12).filter(str.strip)
patterns = st.text(alphabet=VIETNAMESE + "AB09 *\\", min_size=1, max_size=10).filter(str.strip)
fractions_signed = st.sampled_from([-1.0, -0.5, -0.25, 0.0, 0.0, 0.1, 0.25, 0.5])
fractions_partial = st.sampled_from([0.0, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9])
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
codes = st.lists(st.sampled_from(["ND.1.1", "ND.1.2", "ND.2.1", "ND.3.1", "XX.9"]), max_size=3)
points = st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 0.1, 1 / 3])
AREAS = {"ND.1.1": "ND.1", "ND.1.2": "ND.1", "ND.2.1": "ND.2", "ND.3.1": "ND.3"}


@st.composite
def single_questions(draw):
    size = draw(st.integers(2, 6))
    others = draw(st.lists(fractions_signed, min_size=size - 1, max_size=size - 1))
    fractions = draw(st.permutations([1.0, *others]))
    texts = draw(st.lists(words, min_size=size, max_size=size))
    choices = tuple(Choice(f"c{i}", texts[i], fractions[i]) for i in range(size))
    return QuestionSpec("q", "single", draw(points), tuple(draw(codes)), choices=choices)


@st.composite
def multiple_questions(draw):
    weights = draw(st.lists(st.integers(1, 5), min_size=1, max_size=4))
    negatives = draw(st.lists(fractions_signed.filter(lambda f: f <= 0), max_size=4))
    fractions = [w / sum(weights) for w in weights] + negatives
    fractions = draw(st.permutations(fractions))
    choices = tuple(Choice(f"c{i}", f"lựa chọn {i}", f) for i, f in enumerate(fractions))
    penalty = draw(st.sampled_from([0.0, 0.25, 0.5, 1.0]))
    return QuestionSpec(
        "q", "multiple", draw(points), tuple(draw(codes)), choices=choices, wrong_penalty=penalty
    )


@st.composite
def truefalse_questions(draw):
    key = draw(st.booleans())
    choices = (Choice("true", "Đúng", float(key)), Choice("false", "Sai", float(not key)))
    return QuestionSpec("q", "truefalse", draw(points), tuple(draw(codes)), choices=choices)


@st.composite
def ordering_questions(draw):
    size = draw(st.integers(1, 8))
    items = tuple(OrderItem(f"i{i}", f"bước {i}") for i in range(size))
    return QuestionSpec("q", "ordering", draw(points), tuple(draw(codes)), items=items)


@st.composite
def matching_questions(draw):
    rights = draw(st.lists(words, min_size=1, max_size=5))
    pairs = tuple(MatchPair(f"l{i}", f"vế {i}", right) for i, right in enumerate(rights))
    extra = tuple(draw(st.lists(words, max_size=2)))
    return QuestionSpec(
        "q", "matching", draw(points), tuple(draw(codes)), pairs=pairs, extra_rights=extra
    )


@st.composite
def shortanswer_questions(draw):
    others = draw(st.lists(st.tuples(patterns, fractions_partial), max_size=3))
    answers = [(draw(patterns), 1.0), *others]
    answers = draw(st.permutations(answers))
    return QuestionSpec(
        "q",
        "shortanswer",
        draw(points),
        tuple(draw(codes)),
        accepted_answers=tuple(AcceptedAnswer(text, fraction) for text, fraction in answers),
        case_sensitive=draw(st.booleans()),
        ignore_diacritics=draw(st.booleans()),
    )


@st.composite
def numerical_questions(draw):
    entries = [(draw(finite), draw(st.floats(0, 10)), 1.0)]
    entries += draw(st.lists(st.tuples(finite, st.floats(0, 10), fractions_partial), max_size=2))
    answers = tuple(NumericAnswer(value, tolerance, f) for value, tolerance, f in entries)
    bounds = draw(st.lists(st.tuples(finite, finite, fractions_partial), max_size=2))
    ranges = tuple(NumericRange(min(a, b), max(a, b), f) for a, b, f in bounds)
    if draw(st.booleans()):
        answers += (NumericAnswer(None, 0.0, 0.0, "Sai rồi"),)
    return QuestionSpec(
        "q",
        "numerical",
        draw(points),
        tuple(draw(codes)),
        numeric_answers=draw(st.permutations(answers)),
        numeric_ranges=ranges,
    )


gradable_questions = st.one_of(
    single_questions(),
    multiple_questions(),
    truefalse_questions(),
    ordering_questions(),
    matching_questions(),
    shortanswer_questions(),
    numerical_questions(),
)
essays = st.builds(
    QuestionSpec, st.just("q"), st.just("essay"), points, codes.map(tuple), st.just("")
)
descriptions = st.builds(QuestionSpec, st.just("q"), st.just("description"))
any_questions = st.one_of(gradable_questions, essays, descriptions)

junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.binary(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.frozensets(st.text(max_size=4), max_size=4)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=8,
)


@st.composite
def shaped_response(draw, question):
    """A response of the right shape for the question's type, right or wrong."""
    qtype = question.qtype
    if qtype in ("single", "truefalse"):
        return draw(st.sampled_from([c.id for c in question.choices]))
    if qtype == "multiple":
        return frozenset(draw(st.sets(st.sampled_from([c.id for c in question.choices]))))
    if qtype == "ordering":
        return tuple(draw(st.permutations([item.id for item in question.items])))
    if qtype == "matching":
        rights = [pair.right_text for pair in question.pairs] + list(question.extra_rights)
        return {
            pair.left_id: draw(st.none() | st.sampled_from(rights))
            for pair in question.pairs
            if draw(st.booleans())
        }
    if qtype == "shortanswer":
        texts = [answer.text for answer in question.accepted_answers]
        return draw(st.sampled_from(texts) | words)
    if qtype == "numerical":
        return draw(finite | finite.map(lambda value: str(value).replace(".", ",")))
    return draw(st.text(max_size=30))


def responses_for(question):
    return st.one_of(shaped_response(question), junk)


@given(st.data(), any_questions)
def test_grade_is_a_fraction_or_none_only_for_essays(data, question):
    response = data.draw(responses_for(question))
    grade = grade_response(question, response)
    if grade is None:
        assert question.qtype == "essay"
    else:
        assert isinstance(grade, float)
        assert 0.0 <= grade <= 1.0


@given(gradable_questions)
def test_the_key_scores_full_marks(question):
    assert grade_response(question, correct_response(question)) == 1.0


def shuffled(question, draw):
    """The same question with its choices, pairs and answers in another order."""
    changes = {}
    for name in ("choices", "pairs", "accepted_answers", "numeric_answers", "numeric_ranges"):
        parts = getattr(question, name)
        if parts and not (question.qtype == "truefalse" and name == "choices"):
            changes[name] = tuple(draw(st.permutations(parts)))
    return QuestionSpec(**{**question_fields(question), **changes})


def question_fields(question):
    return {name: getattr(question, name) for name in QuestionSpec.__dataclass_fields__}


@given(st.data(), gradable_questions)
def test_shuffling_choice_order_does_not_change_the_grade(data, question):
    response = data.draw(responses_for(question))
    reordered = shuffled(question, data.draw)
    assert grade_response(reordered, response) == grade_response(question, response)


@given(st.data(), any_questions)
def test_grading_is_deterministic_and_leaves_the_response_alone(data, question):
    response = data.draw(responses_for(question))
    before = copy.deepcopy(response)
    first = grade_response(question, response)
    assert grade_response(question, response) == first
    # deepcopy keeps atoms such as a NaN float as the same object
    assert response is before or response == before


@given(st.data(), multiple_questions())
def test_picking_another_correct_choice_never_lowers_the_score(data, question):
    picked = data.draw(shaped_response(question))
    missing = [c.id for c in question.choices if c.fraction > 0 and c.id not in picked]
    if missing:
        extra = data.draw(st.sampled_from(missing))
        assert grade_response(question, picked | {extra}) >= grade_response(question, picked)


@given(st.data(), shortanswer_questions(), patterns, fractions_partial)
def test_accepting_another_answer_never_lowers_the_score(data, question, text, fraction):
    response = data.draw(responses_for(question))
    widened = QuestionSpec(
        **{
            **question_fields(question),
            "accepted_answers": (*question.accepted_answers, AcceptedAnswer(text, fraction)),
        }
    )
    assert grade_response(widened, response) >= grade_response(question, response)


@given(st.data(), matching_questions())
def test_fixing_one_more_match_never_lowers_the_score(data, question):
    response = data.draw(shaped_response(question))
    pair = data.draw(st.sampled_from(question.pairs))
    fixed = {**response, pair.left_id: pair.right_text}
    assert grade_response(question, fixed) >= grade_response(question, response)


@given(any_questions)
def test_snapshot_round_trip(question):
    assert question_from_dict(json.loads(json.dumps(question.to_dict()))) == question


@st.composite
def attempts(draw):
    questions = draw(st.lists(any_questions, max_size=12))
    slots = [
        (f"s{index}", question, draw(responses_for(question)))
        for index, question in enumerate(questions)
    ]
    manual = {
        slot_id: draw(fractions_partial)
        for slot_id, question, _ in slots
        if question.qtype == "essay" and draw(st.booleans())
    }
    return slots, manual


@given(attempts())
def test_subscores_add_up_exactly_to_the_total(attempt):
    slots, manual = attempt
    score = score_attempt(slots, AREAS, manual_fractions=manual)
    for subscores in (score.per_area, score.per_competency):
        assert sum((s.points for s in subscores.values()), Fraction(0)) == score.total_points
        assert sum((s.max_points for s in subscores.values()), Fraction(0)) == score.max_points
    assert 0 <= score.total_points <= score.max_points
    assert set(score.per_area) <= {*AREAS.values(), UNASSIGNED}
    expected_max = sum(Fraction(q.points) for _, q, _ in slots if q.qtype != "description")
    assert score.max_points == expected_max
