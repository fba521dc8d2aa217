"""The phone's view of its standing (``visibility``) and of the options
(``phone_options``), as properties over random sessions."""

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.live import phone_options, visibility
from assessments.live.scoring import base_points, next_streak, streak_points
from assessments.live.visibility import AnswerFact, Standing

FRACTIONS = st.sampled_from([0.0, 0.25, 0.5, 1.0])
# Per question, per participant: None (no answer) or (fraction, elapsed ms).
ANSWER = st.one_of(st.none(), st.tuples(FRACTIONS, st.integers(0, 30_000)))


@dataclass
class Stored:
    """A model of what ``actions.do_answer`` and ``actions.close_question`` store."""

    score: int = 0
    correct: int = 0
    streak: int = 0
    answers: list = field(default_factory=list)

    def answer(self, position, fraction, elapsed):
        streak = next_streak(self.streak, fraction)
        bonus = streak_points(streak, enabled=True) if streak else 0
        points = base_points(fraction, elapsed, 30_000, speed=True)
        self.answers.append(AnswerFact(position, fraction, points, bonus))
        self.score += points + bonus
        self.correct += 1 if fraction >= 1 else 0
        self.streak = streak

    def close(self, position):
        if not any(a.position == position for a in self.answers):
            self.streak = 0

    def standing(self):
        return Standing(self.score, self.correct, self.streak)

    def copy(self):
        return Stored(self.score, self.correct, self.streak, list(self.answers))


def play(rounds, upto_question, answered_so_far):
    """Run questions 0 … upto_question−1 to their reveal, then open
    ``upto_question`` and let the participants in ``answered_so_far`` answer."""
    people = [Stored() for _ in rounds[0]]
    for position, row in enumerate(rounds[:upto_question]):
        for person, given_answer in zip(people, row, strict=True):
            if given_answer is not None:
                person.answer(position, *given_answer)
        for person in people:
            person.close(position)
    if upto_question < len(rounds):
        row = rounds[upto_question]
        for index in answered_so_far:
            if row[index] is not None:
                people[index].answer(upto_question, *row[index])
    return people


sessions = st.integers(1, 5).flatmap(
    lambda n: st.lists(st.lists(ANSWER, min_size=n, max_size=n), min_size=1, max_size=6)
)


@settings(max_examples=300, deadline=None)
@given(rounds=sessions, data=st.data())
def test_before_the_reveal_a_phone_sees_the_standing_of_revealed_questions_only(rounds, data):
    total = len(rounds)
    open_question = data.draw(st.integers(0, total - 1), label="open question")
    count = len(rounds[0])
    answered = data.draw(st.sets(st.integers(0, count - 1)), label="answered so far")

    now = play(rounds, open_question, answered)  # the stored state mid-question
    revealed_only = play(rounds, open_question, set())  # as if no answer had come in yet
    revealed = visibility.revealed_count("instructor", "question", open_question, total)
    views = [visibility.project(p.standing(), p.answers, revealed) for p in now]

    assert views == [p.standing() for p in revealed_only]
    for index, view in enumerate(views):
        others = [v.score for i, v in enumerate(views) if i != index]
        expected = [p.score for i, p in enumerate(revealed_only) if i != index]
        assert visibility.rank(view.score, others) == visibility.rank(view.score, expected)
    for person in now:  # the open question's answer shows as received only
        for answer in person.answers:
            shown = visibility.answer_view(answer, "0", revealed)
            if answer.position == open_question:
                assert shown == {"q": open_question, "response": "0"}
            else:
                assert shown["correct"] is answer.correct


@settings(max_examples=200, deadline=None)
@given(rounds=sessions, data=st.data())
def test_at_the_reveal_and_the_end_a_phone_sees_what_is_stored(rounds, data):
    total = len(rounds)
    question = data.draw(st.integers(0, total - 1))
    people = play(rounds, question + 1, set())
    for status in ("reveal", "ended"):
        revealed = visibility.revealed_count("instructor", status, question, total)
        for person in people:
            assert visibility.project(person.standing(), person.answers, revealed) == (
                person.standing()
            )


@settings(max_examples=200, deadline=None)
@given(rounds=sessions, status=st.sampled_from(["lobby", "running"]))
def test_learner_paced_phones_see_nothing_scored_before_the_end(rounds, status):
    people = play(rounds, len(rounds), set())
    total = len(rounds)
    assert visibility.revealed_count("learner", status, -1, total) is None
    for person in people:
        assert visibility.project(person.standing(), person.answers, None) is None
        assert visibility.standing_view(None, None) == {}
        for answer in person.answers:
            assert visibility.answer_view(answer, "1", None) == {
                "q": answer.position,
                "response": "1",
            }
    ended = visibility.revealed_count("learner", "ended", -1, total)
    for person in people:
        assert visibility.project(person.standing(), person.answers, ended) == person.standing()


@settings(max_examples=300, deadline=None)
@given(
    count=st.integers(1, 8),
    seed=st.binary(min_size=8, max_size=32),
    qtype=st.sampled_from(["single", "multiple", "ordering"]),
    data=st.data(),
)
def test_places_on_a_phone_map_back_to_the_options_it_shows(count, seed, qtype, data):
    ids = [f"id{i}" for i in range(count)]
    key_order = list(range(count))
    order = phone_options.permutation(count, seed, avoid=key_order if qtype == "ordering" else None)
    assert sorted(order) == list(range(count))
    assert order == phone_options.permutation(count, seed, avoid=None) or qtype == "ordering"
    if qtype == "ordering" and count > 1:
        assert order != key_order  # an ordering never starts in its key order
    options = [{"value": i, "text": f"text of {i}"} for i in ids]
    shown = phone_options.to_phone(options, order)
    assert [o["value"] for o in shown] == [str(i) for i in range(count)]
    text_to_id = {o["text"]: o["value"] for o in options}
    if qtype == "single":
        place = data.draw(st.integers(0, count - 1))
        chosen = phone_options.from_phone(qtype, ids, order, str(place))
        assert chosen == text_to_id[shown[place]["text"]]
        assert phone_options.response_to_phone(qtype, ids, order, chosen) == str(place)
    else:
        places = data.draw(st.permutations([str(i) for i in range(count)]))
        chosen = phone_options.from_phone(qtype, ids, order, list(places))
        assert chosen == [text_to_id[shown[int(p)]["text"]] for p in places]
        assert phone_options.response_to_phone(qtype, ids, order, chosen) == list(places)


def test_phone_places_refuse_what_is_not_on_the_screen():
    ids, order = ["a", "b", "c"], [2, 0, 1]
    for bad in ["3", "-1", "²", "1.0", True, ["0", "9"], ["0"] * 4, {"0": 1}]:
        qtype = "multiple" if isinstance(bad, list | dict) else "single"
        try:
            phone_options.from_phone(qtype, ids, order, bad)
        except phone_options.PhoneAnswerError:
            continue
        raise AssertionError(f"{bad!r} was accepted")
    assert phone_options.from_phone("truefalse", [], [], "true") == "true"
    assert phone_options.from_phone("numerical", [], [], "115") == "115"


def test_each_phone_has_its_own_stable_order():
    orders = {
        tuple(phone_options.permutation(4, phone_options.seed_for("k", pid, 1, 0)))
        for pid in range(1, 41)
    }
    assert len(orders) > 5  # 40 phones, 24 possible orders: not all alike
    again = phone_options.permutation(4, phone_options.seed_for("k", 7, 1, 0))
    assert again == phone_options.permutation(4, phone_options.seed_for("k", 7, 1, 0))
