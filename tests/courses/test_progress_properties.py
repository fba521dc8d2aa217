"""The course rules (courses/progress.py) as properties over any course shape."""

from hypothesis import given
from hypothesis import strategies as st

from courses import progress
from courses.progress import StepKind, StepRef, StepState

step_lists = st.lists(st.booleans(), min_size=0, max_size=12).map(
    lambda flags: [StepRef(index + 1, required) for index, required in enumerate(flags)]
)


@st.composite
def course_and_done(draw):
    steps = draw(step_lists)
    done = draw(st.sets(st.sampled_from([s.id for s in steps]))) if steps else set()
    return steps, done


@given(course_and_done(), st.booleans())
def test_next_step_is_open_and_not_done(shape, sequential):
    steps, done = shape
    following = progress.next_step(steps, done, sequential)
    if following is not None:
        assert following.id not in done
        assert following.id in progress.open_steps(steps, done, sequential)
    else:
        assert all(
            step.id in done
            for step in steps
            if step.id in progress.open_steps(steps, done, sequential)
        )


@given(course_and_done())
def test_complete_exactly_when_every_required_step_is_done(shape):
    steps, done = shape
    required = [step for step in steps if step.required]
    assert progress.is_complete(steps, done) == (
        bool(required) and all(step.id in done for step in required)
    )
    if progress.is_complete(steps, done):
        assert progress.percent_done(steps, done) == 100
    assert 0 <= progress.percent_done(steps, done) <= 100


@given(course_and_done())
def test_without_sequence_nothing_is_locked(shape):
    steps, done = shape
    assert progress.open_steps(steps, done, False) == {step.id for step in steps}
    assert all(progress.blocker(steps, done, step.id, False) is None for step in steps)


@given(course_and_done())
def test_a_locked_step_names_an_earlier_required_step_still_to_do(shape):
    steps, done = shape
    opened = progress.open_steps(steps, done, True)
    for index, step in enumerate(steps):
        first = progress.blocker(steps, done, step.id, True)
        assert (first is None) == (step.id in opened)
        if first is not None:
            assert first.required and first.id not in done
            assert steps.index(first) < index


@given(st.lists(st.booleans(), min_size=1, max_size=12))
def test_doing_the_steps_in_order_always_finishes(flags):
    steps = [StepRef(index + 1, required) for index, required in enumerate(flags)]
    done: set[int] = set()
    for _ in steps:
        following = progress.next_step(steps, done, True)
        if following is None:
            break
        done.add(following.id)
    assert progress.is_complete(steps, done) == any(flags)


@given(st.integers(min_value=0, max_value=100), st.booleans())
def test_video_done_from_eighty_percent_or_confirmation(percent, confirmed):
    state = StepState(watched_percent=percent, confirmed=confirmed)
    assert progress.step_done(StepKind.VIDEO, state) == (percent >= 80 or confirmed)


@given(st.sets(st.sampled_from("abcde")), st.sets(st.sampled_from("abcde"), min_size=1))
def test_lesson_done_when_every_check_is_answered(answered, checks):
    state = StepState(answered=frozenset(answered))
    assert progress.step_done(StepKind.LESSON, state, checks) == (checks <= answered)


@given(st.booleans(), st.booleans(), st.integers(0, 100))
def test_a_quiz_step_needs_a_pass_whatever_else_happened(passed, confirmed, percent):
    state = StepState(
        quiz_passed=passed, confirmed=confirmed, reached_end=True, watched_percent=percent
    )
    assert progress.step_done(StepKind.QUIZ, state) == passed


@given(st.lists(st.sampled_from(["", "A", "B"]), max_size=10))
def test_modules_keep_every_step_once_in_order(titles):
    grouped = progress.modules(titles, "Các bước")
    positions = [p for _title, members in grouped for p in members]
    assert positions == list(range(len(titles)))


targets = st.lists(
    st.tuples(st.booleans(), st.integers(min_value=1, max_value=6)), max_size=12
).map(
    lambda shapes: [
        progress.StepTarget(index + 1, *((target, None) if is_quiz else (None, target)))
        for index, (is_quiz, target) in enumerate(shapes)
    ]
)
small_ids = st.sets(st.integers(min_value=1, max_value=6))


@given(targets, small_ids, small_ids, st.sets(st.integers(min_value=1, max_value=12)))
def test_credit_comes_only_from_a_pass_or_a_finished_item_and_never_twice(
    steps, passed, finished, done
):
    credited = progress.credited_steps(steps, passed, finished, done)
    by_id = {step.id: step for step in steps}
    assert credited <= set(by_id) and not credited & done
    for step_id in credited:
        step = by_id[step_id]
        assert step.quiz_id in passed or step.page_id in finished
    # Every step whose quiz was passed or item finished is credited unless already done.
    for step in steps:
        if step.id not in done and (step.quiz_id in passed or step.page_id in finished):
            assert step.id in credited
    # More history never takes credit away; crediting again adds nothing.
    assert credited <= progress.credited_steps(steps, passed | {1}, finished | {2}, done)
    assert not progress.credited_steps(steps, passed, finished, set(done) | credited)
    # A quiz passed never credits a library step pointing at a page of the same id.
    quiz_only = progress.credited_steps(steps, passed, set(), done)
    assert all(by_id[step_id].quiz_id is not None for step_id in quiz_only)
