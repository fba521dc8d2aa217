"""The pure rules of classes, property-tested: attendance batches, card codes
and the roster's rows."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courses.classes import card_codes
from courses.classes.errors import ClassError, WrongClassMark
from courses.classes.marks import MANUAL_SOURCES, changed_marks, kept_marks, parse_marks
from courses.classes.roster_rows import check_rows, person_key

ids = st.integers(min_value=1, max_value=10_000)
statuses = st.sampled_from(["present", "absent"])
marks_lists = st.lists(st.fixed_dictionaries({"learner": ids, "status": statuses}), max_size=80)


@given(marks_lists)
def test_a_batch_of_roster_learners_keeps_each_learners_last_mark(marks):
    roster = {mark["learner"] for mark in marks}
    wanted = parse_marks({"session": 7, "marks": marks}, session_id=7, roster=roster)
    assert set(wanted) == roster
    for mark in marks:
        last = [m["status"] for m in marks if m["learner"] == mark["learner"]][-1]
        assert wanted[mark["learner"]] == last


@given(marks_lists, ids)
def test_one_stranger_or_another_session_refuses_the_whole_batch(marks, stranger):
    roster = {mark["learner"] for mark in marks} - {stranger}
    with pytest.raises(WrongClassMark):
        parse_marks(
            {"session": 7, "marks": [*marks, {"learner": stranger}]}, session_id=7, roster=roster
        )
    with pytest.raises(WrongClassMark):
        parse_marks({"session": 8, "marks": marks}, session_id=7, roster=roster | {stranger})


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"session": 7},
        {"session": 7, "marks": ["x"]},
        {"session": 7, "marks": [{"learner": "1"}]},
        {"session": 7, "marks": [{"learner": True}]},
        {"session": 7, "marks": [{"learner": 1, "status": "late"}]},
    ],
)
def test_a_malformed_batch_is_refused(payload):
    with pytest.raises(ClassError):
        parse_marks(payload, session_id=7, roster={1})


sources = st.sampled_from(["tap", "qr", "live"])
stored_marks = st.dictionaries(ids, st.tuples(statuses, sources))


@given(st.dictionaries(ids, statuses), stored_marks, sources)
def test_sending_the_same_marks_again_changes_nothing(wanted, existing, via):
    changed = changed_marks(wanted, existing, via)
    after = {**existing, **{k: (v, via) for k, v in changed.items()}}
    assert changed_marks(wanted, after, via) == {}
    assert all(existing.get(k, (None,))[0] != v for k, v in changed.items())


@given(st.dictionaries(ids, statuses), stored_marks, sources)
def test_an_instructors_mark_is_only_changed_by_the_instructor(wanted, existing, via):
    changed = changed_marks(wanted, existing, via)
    kept = kept_marks(wanted, existing, via)
    for learner, (_status, source) in existing.items():
        if source in MANUAL_SOURCES and via not in MANUAL_SOURCES:
            assert learner not in changed
    # Every wanted mark is either already so, written, or kept (and only a tap is kept).
    for learner, status in wanted.items():
        already = existing.get(learner, (None,))[0] == status
        assert already + (learner in changed) + (learner in kept) == 1
    assert all(existing[k][1] in MANUAL_SOURCES for k in kept)
    # Blanks are always filled, whoever marks.
    assert all(wanted[k] == changed[k] for k in wanted if k not in existing)
    if via in MANUAL_SOURCES:
        assert kept == {}


@given(st.integers(min_value=0, max_value=2**32))
def test_a_card_code_reads_back_however_it_is_typed(seed):
    code = card_codes.new_code()
    typed = card_codes.printed(code).lower().replace("-", " - ")
    lookup, secret = card_codes.split(typed)
    assert lookup + secret == code
    assert card_codes.secret_matches(secret, card_codes.hash_secret(secret))
    assert secret not in card_codes.hash_secret(secret)


@given(st.text(max_size=20))
def test_any_text_is_either_a_code_or_refused(text):
    parts = card_codes.split(text)
    assert parts is None or all(ch in card_codes.ALPHABET for ch in "".join(parts))


names = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệ ", min_size=1, max_size=30
).filter(str.strip)


@given(names, st.integers(1900, 2020))
def test_the_same_person_typed_with_or_without_marks_is_one_key(name, year):
    from lms.text import strip_diacritics

    assert person_key(name, year, 3) == person_key(strip_diacritics(name).upper(), year, 3)


@given(st.lists(st.tuples(names, st.integers(1900, 2020)), min_size=1, max_size=30))
def test_every_row_is_either_accepted_or_reported_never_both(people):
    header = ["Họ và tên", "Năm sinh"]
    rows = [[name, str(year)] for name, year in people]
    check = check_rows(header, rows, villages={}, default_village_id=1, this_year=2026)
    accepted = {row.line for row in check.rows}
    reported = {line for line, _message in check.errors}
    assert accepted.isdisjoint(reported)
    assert accepted | reported == set(range(2, len(rows) + 2))
    keys = [person_key(r.full_name, r.birth_year, r.village_id) for r in check.rows]
    assert len(keys) == len(set(keys))  # nobody twice


def test_missing_columns_are_named():
    check = check_rows(
        ["Tên thôn", "SĐT"], [["x", "y"]], villages={}, default_village_id=1, this_year=2026
    )
    assert not check.rows and "Họ và tên" in check.errors[0][1] and "Năm sinh" in check.errors[0][1]
