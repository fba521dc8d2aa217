"""Browser tests wait with function predicates, never with bare expressions.

Playwright turns a bare expression such as ``"window.ready"`` into an ``eval``
on every poll after the first. Our Content-Security-Policy forbids
``unsafe-eval``, so such a wait passes when the condition happens to be true
at once and fails with an EvalError when the page is a moment slower: a flaky
test. ``"() => window.ready"`` is compiled once and polled without ``eval``.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
FUNCTION_STARTS = ("()", "async (", "function", "(")


def _bare_expression_waits():
    for module in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "wait_for_function"
                and node.args
            ):
                continue
            predicate = node.args[0]
            if (
                isinstance(predicate, ast.Constant)
                and isinstance(predicate.value, str)
                and not predicate.value.lstrip().startswith(FUNCTION_STARTS)
            ):
                yield f"{module.relative_to(TESTS)}:{node.lineno}"


def test_every_wait_for_function_uses_a_function_predicate():
    assert list(_bare_expression_waits()) == []
