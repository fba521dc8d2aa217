"""A Submit builds its slots without Model.__init__ (assessments.actions.scoring.
loaded_slot): the same object from_db and the relations' setters give."""

from django.db import connection
from django.db.models.signals import post_init, pre_init

from assessments.actions.scoring import _SLOT_COLUMNS, loaded_slot
from assessments.models import Attempt, AttemptSlot, QuestionVersion


def test_a_loaded_slot_is_the_slot_from_db_gives_with_its_relations_cached():
    values = (7, 3, 2, 11, [1, 0], ["b"], None, 0.5, None, "", None)
    version, attempt = QuestionVersion(pk=11), Attempt(pk=3)
    fast = loaded_slot(connection.alias, values, version, attempt)
    slow = AttemptSlot.from_db(connection.alias, _SLOT_COLUMNS, values)
    slow.question_version, slow.attempt = version, attempt
    assert {name: getattr(fast, name) for name in _SLOT_COLUMNS} == {
        name: getattr(slow, name) for name in _SLOT_COLUMNS
    }
    assert (fast._state.adding, fast._state.db) == (slow._state.adding, slow._state.db)
    assert fast.question_version is version and fast.attempt is attempt
    assert fast.pk == 7 and fast.is_answered


def test_nothing_listens_to_a_slot_being_built():
    """What skipping Model.__init__ would silently skip."""
    assert not pre_init.has_listeners(AttemptSlot)
    assert not post_init.has_listeners(AttemptSlot)
