"""Classes at community places: roster, sessions, attendance, login cards, report.
Models live in ``courses.models.classes``; the rules and actions here."""
