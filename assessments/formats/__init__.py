"""Question import/export formats (GIFT, Aiken, Moodle XML) as pure Python.

Parsers accept bytes or str, never raise on bad input and return a
``ParseResult`` of ``ParsedQuestion`` objects and ``ParseError`` entries whose
``code`` and ``params`` let the Django layer translate the message.
"""

from .aiken import parse_aiken
from .errors import MESSAGES
from .gift import parse_gift
from .gift_export import GiftExportError, export_gift
from .model import ParsedQuestion, ParseError, ParseResult
from .moodle_xml import parse_moodle_xml
from .moodle_xml_export import export_moodle_xml

__all__ = [
    "MESSAGES",
    "GiftExportError",
    "ParseError",
    "ParseResult",
    "ParsedQuestion",
    "export_gift",
    "export_moodle_xml",
    "parse_aiken",
    "parse_gift",
    "parse_moodle_xml",
]
