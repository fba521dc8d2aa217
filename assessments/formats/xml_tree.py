"""Reading an uploaded XML file safely into a small tree that knows its lines.

defusedxml's SAX parser refuses DTDs, entity declarations and external
references, so no file can read the server's files (XXE) or expand entities
exponentially ("billion laughs"). SAX reports the line of each element, which
error messages need and ElementTree does not keep.
"""

from __future__ import annotations

import xml.sax
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.sax import parseString

from .model import ParseError


@dataclass(slots=True)
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def child(self, tag: str) -> Node | None:
        return next((child for child in self.children if child.tag == tag), None)

    def all(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def child_text(self, tag: str, default: str = "") -> str:
        """The stripped text of the first ``tag`` child (Moodle trims them too)."""
        node = self.child(tag)
        return node.text.strip() if node is not None else default

    def text_of(self, tag: str) -> str:
        """``<tag><text>...</text></tag>``: Moodle's way of writing any text."""
        node = self.child(tag)
        return node.child_text("text") if node is not None else ""


class _Builder(xml.sax.handler.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: Node | None = None
        self._stack: list[Node] = []
        self._locator = None

    def setDocumentLocator(self, locator):
        self._locator = locator

    def startElement(self, name, attrs):
        line = self._locator.getLineNumber() if self._locator else 0
        node = Node(name, dict(attrs.items()), line)
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            self.root = node
        self._stack.append(node)

    def endElement(self, name):
        self._stack.pop()

    def characters(self, content):
        if self._stack:
            self._stack[-1].parts.append(content)


def read_xml(data: bytes) -> tuple[Node | None, ParseError | None]:
    """The document's root element, or the error that stops reading it."""
    builder = _Builder()
    try:
        parseString(data, builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except xml.sax.SAXParseException as problem:
        return None, ParseError.create(problem.getLineNumber() or 1, "xml_malformed")
    except DefusedXmlException:
        line = builder._locator.getLineNumber() if builder._locator else 1
        return None, ParseError.create(line or 1, "xml_forbidden")
    return builder.root, None
