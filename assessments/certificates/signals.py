"""What the certificate actions announce, after their transaction commits.

``certificate_issued`` (kwargs: ``certificate``) is what the follow-ups
subscribe to (``receivers``: render the PDF, e-mail the holder, both through
Celery), so issuing never names the tasks that run after it: ``tasks`` imports
the actions, never the reverse."""

from django.dispatch import Signal

certificate_issued = Signal()
