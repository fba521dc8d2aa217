"""Reading uploaded files: decoding, lines, default question names."""

from __future__ import annotations

from .model import ParseError

_BOM = "\ufeff"
_NAME_LENGTH = 80


def decode_source(data: bytes | str) -> tuple[str, ParseError | None]:
    """Text with Unix newlines and no BOM, or an error for bytes that are not UTF-8."""
    if isinstance(data, bytes | bytearray | memoryview):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            return "", ParseError.create(1, "file_not_utf8")
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(f"expected bytes or str, got {type(data).__name__}")
    text = text.removeprefix(_BOM)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _without_tags(text: str) -> str:
    # A scan rather than a regular expression: "<<<<..." must stay linear.
    parts: list[str] = []
    position = 0
    while True:
        start = text.find("<", position)
        if start < 0:
            break
        end = text.find(">", start)
        if end < 0:
            break
        parts.append(text[position:start])
        parts.append(" ")
        position = end + 1
    parts.append(text[position:])
    return "".join(parts)


def default_name(stem: str, stem_format: str) -> str:
    """A question name from the start of its text, as Moodle names unnamed questions."""
    head = stem[: _NAME_LENGTH * 20]
    if stem_format in ("html", "moodle", "markdown"):
        head = _without_tags(head)
    flat = " ".join(head.split())
    if len(flat) <= _NAME_LENGTH:
        return flat
    return flat[:_NAME_LENGTH].rstrip()
