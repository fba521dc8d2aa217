"""make bench takes each ratio within a round and reports the median of the
rounds (tests/bench/__main__.py), so a machine whose speed drifts between
measurements does not move the ratio."""

from tests.bench.__main__ import summarise


def result(rps, p95=10.0, errors=0):
    return {"rps": rps, "p95_ms": p95, "errors": errors}


def test_a_ratio_is_taken_within_each_round():
    # The machine ran at full speed in the first round and at half in the others:
    # a baseline from round 1 against a scenario from round 2 would say 0.4.
    rounds = [
        {"bare": result(2000), "minimal": result(1600), "verify": result(800)},
        {"bare": result(1000), "minimal": result(800), "verify": result(400, errors=1)},
        {"bare": result(1000), "minimal": result(800), "verify": result(400)},
    ]
    verify = summarise(rounds, "verify")
    assert verify["ratio"] == 0.5
    assert verify["to_bare"] == 0.4
    assert verify["rps"] == 400 and verify["errors"] == 1
    assert summarise(rounds, "minimal")["to_bare"] == 0.8


def test_the_signed_in_floor_is_the_round_s_own():
    rounds = [
        {
            "bare": result(2000),
            "minimal": result(1600),
            "learner: minimal (floor)": result(1000),
            "learner: course": result(700),
        },
        {
            "bare": result(1000),
            "minimal": result(800),
            "learner: minimal (floor)": result(500),
            "learner: course": result(350),
        },
    ]
    assert summarise(rounds, "learner: course")["signed_in"] == 0.7
