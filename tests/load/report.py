"""Figures of a live run, from what the phones and the screen recorded and
what the database stored."""

from __future__ import annotations

import collections


def pct(values, q: float):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def live_figures(teacher, phones, timeline: dict, join_seconds: float) -> dict:
    from assessments.live.models import LiveAnswer

    playing = [p for p in phones if p.joined_in is not None]
    stored_by_q = collections.Counter(
        LiveAnswer.objects.filter(session_id=teacher.session_id).values_list(
            "question__position", flat=True
        )
    )
    fanout, reveal, missed = [], [], 0
    for position, sent in enumerate(timeline["next"]):
        for phone in playing:
            if position in phone.seen:
                fanout.append((phone.seen[position] - sent) * 1000)
            else:
                missed += 1
    for position, trigger in enumerate(timeline["reveal"]):
        for phone in playing:
            if position in phone.revealed:
                reveal.append(max(0.0, phone.revealed[position] - trigger) * 1000)
            else:
                missed += 1
    ends = [(p.ended_at - timeline["end"]) * 1000 for p in playing if p.ended_at]
    missed += len(playing) - len(ends)
    acks = [ms for p in playing for ms in p.acks]
    errors = collections.Counter(e for p in phones for e in p.errors)
    sent = sum(p.sent for p in playing)
    stored = sum(stored_by_q.values())
    joins = [p.joined_in * 1000 for p in playing]
    return {
        "joined": len(playing),
        "all_joined_in_s": round(join_seconds, 1),
        "join_p95_ms": pct(joins, 0.95),
        "answers_sent": sent,
        "answers_acked": len(acks),
        "answers_stored": stored,
        "lost": sent - stored,
        "double_taps": sum(p.double_taps for p in playing),
        "double_taps_acked_as_duplicate": sum(p.duplicates_acked for p in playing),
        "ack_p50_ms": pct(acks, 0.5),
        "ack_p95_ms": pct(acks, 0.95),
        "fanout_p95_ms": pct(fanout, 0.95),
        "reveal_p95_ms": pct(reveal, 0.95),
        "end_p95_ms": pct(ends, 0.95),
        "events_missed": missed,
        "reconnects": sum(p.reconnects for p in playing),
        "reconnects_on_current_question": sum(p.reconnects_on_question for p in playing),
        "keys_before_reveal": sum(p.key_leaks for p in playing),
        "screen_counts_match_stored": all(
            teacher.counts.get(q, 0) == n for q, n in stored_by_q.items()
        ),
        "connections_dropped_by_server": sum(len(p.dropped_by_server) for p in phones),
        "drop_codes": dict(collections.Counter(c for p in phones for c in p.dropped_by_server)),
        "screen_reconnects": teacher.screen_drops,
        # Page requests sent again on a new connection after the server closed an
        # idle keep-alive one (tests/load/browser.py), as a browser does.
        "page_requests_resent": sum(p.browser.resent for p in phones),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors.most_common(6)),
    }
