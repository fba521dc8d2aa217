"""The certified roll-up (movement.rollup: one cell per home unit × audience ×
day) equals a count from scratch after any sequence of the writes that change
it: a certificate issued, revoked or deleted, a learner moved to another unit,
each through its own code path and committed, with no nightly rebuild between."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.certificates.issuing import do_revoke_certificate
from assessments.certificates.models import Certificate, CertificateStatus
from movement import rollup
from movement.models import CertifiedDaily

pytestmark = pytest.mark.django_db

_step = st.one_of(
    st.tuples(
        st.just("issue"),
        st.integers(0, 2),
        st.sampled_from(["resident", "official"]),
        st.integers(0, 40),
    ),
    st.tuples(st.just("revoke"), st.integers(0, 5)),
    st.tuples(st.just("delete"), st.integers(0, 5)),
    st.tuples(st.just("move"), st.integers(0, 2), st.integers(0, 2)),
)


def table():
    return {
        (cell.unit_id, cell.audience, cell.day): cell.count for cell in CertifiedDaily.objects.all()
    }


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(_step, min_size=1, max_size=6))
def test_the_roll_up_equals_a_recount_after_any_writes(
    steps, make_user, ward, certify, django_capture_on_commit_callbacks
):
    units = [ward["g1"], ward["g2"], ward["other"]]
    people = [make_user(home_unit=units[index]) for index in range(3)]
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            if step[0] == "issue":
                _kind, who, audience, days_ago = step
                when = timezone.now() - timedelta(days=days_ago)
                # One certificate per learner and audience, ever.
                if not Certificate.objects.filter(user=people[who], audience=audience).exists():
                    certify(people[who], audience=audience, issued_at=when)
            elif step[0] in ("revoke", "delete"):
                valid = list(
                    Certificate.objects.filter(status=CertificateStatus.VALID).order_by("pk")
                )
                if valid:
                    chosen = valid[step[1] % len(valid)]
                    if step[0] == "revoke":
                        do_revoke_certificate(chosen, "Cấp nhầm")
                    else:
                        chosen.delete()
            else:
                _kind, who, where = step
                person = people[who]
                person.home_unit = units[where]
                person.save()  # a full save, as the account forms and the admin make
        assert table() == rollup.recount()
