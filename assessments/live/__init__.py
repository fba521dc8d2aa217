"""Live classroom quizzes: an instructor runs a session, learners join by PIN.

Layout: ``models`` (durable state), ``scoring`` (pure bonus maths), ``names``
(display-name rules), ``actions`` (every write), ``state`` (what screens see),
``events`` (channel-layer fan-out, best effort), ``consumers`` and ``views``
(thin transports over the same actions)."""
