"""What personal data each app holds, declared by the app (``<app>/privacy.py``).

A ``Holding`` names a model, the path from it to the person, the personal fields
it keeps, why, who sees them and for how long, and what erasure does to it. The
processing register, a person's own copy and the erasure are all generated from
these declarations; a test fails when a model gains a link to a person or a
personal-looking field that no holding declares."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.apps import apps

Erase = Literal["delete", "anonymise", "detach"]


@dataclass(frozen=True)
class Holding:
    model: str  # "app_label.ModelName"
    person: str  # lookup from the model to the user: "user", "participant__user", "pk"
    fields: tuple[str, ...]  # the personal fields kept about that person
    category: Any  # lazy text: what kind of data, for the register
    purpose: Any
    seen_by: Any
    kept_for: Any
    # delete: the rows go; anonymise: the personal fields are blanked and the rows
    # stay (they count in statistics as an anonymous person); detach: the link to
    # the person is cut and the fields blanked (staff who acted on something).
    on_erase: Erase = "anonymise"
    # Values written on erasure instead of the field's empty value; a callable
    # receives the row.
    blank: Mapping[str, Any] = field(default_factory=dict)
    exported: tuple[str, ...] = ()  # further fields of the person's copy (scores…)
    # Runs before the generic erasure, in the same transaction: (actor, user) -> None.
    before_erase: Callable | None = None
    # The rows about the person when no foreign key leads there (an audit event
    # naming them as its target): user -> queryset. Overrides ``person``.
    select: Callable | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def person_field(self) -> str:
        return self.person.split("__", 1)[0]

    def rows_of(self, user):
        manager = self.model_class._default_manager
        if self.select is not None:
            return self.select(user)
        if self.person == "pk":
            return manager.filter(pk=user.pk)
        return manager.filter(**{self.person: user})


_holdings: list[Holding] = []


def register(*holdings: Holding) -> None:
    for holding in holdings:
        if any(h.model == holding.model and h.person == holding.person for h in _holdings):
            continue  # a module imported twice (tests reloading) registers once
        _holdings.append(holding)


def holdings() -> tuple[Holding, ...]:
    return tuple(_holdings)


def holdings_of(model_label: str) -> list[Holding]:
    return [h for h in _holdings if h.model.lower() == model_label.lower()]
