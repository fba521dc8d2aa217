"""Building blocks of completion certificates that need no database.

* ``codes``: verification codes with a check character.
* ``eligibility``: the completion rule as a pure function over attempt outcomes.
* ``content``: what a certificate says, as plain data.
* ``pdf``: the printable A4 landscape certificate (reportlab, shipped Lora font).
* ``credentials``: the signed Open Badges 3.0 credential (eddsa-jcs-2022).

Submodules are imported explicitly (``from assessments.certificates import
codes``) so that checking a code does not load reportlab.
"""
