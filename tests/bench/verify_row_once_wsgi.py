"""The site with the verify page reading each certificate's row once per process,
for tests/bench/verify_floor.py only. Never deployed."""

from lms.wsgi import application  # noqa: F401 (what gunicorn serves)
from tests.bench.verify_floor import read_row_once

read_row_once()
