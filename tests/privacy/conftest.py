# The certified learner and the quiz come from the certificates suite.
from tests.certificates.conftest import (  # noqa: F401
    _private_dirs,
    certificate,
    completion_quiz,
    framework,
    issuer,
    learner,
    resident_areas,
    take_quiz,
)
