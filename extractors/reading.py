"""Reading an input's bytes: a local file cut at MAX_PAGE_BYTES, sniffing (binary? HTML?) and
decoding bytes to text as browsers do. Raises `InputError` with messages meant for the user."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import InputError

# Bounds that keep one hostile page from taking the run's time or memory (see README).
MAX_PAGE_BYTES = 5_000_000  # an HTML page or text file is cut here, with a warning
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<title|<!--|<div|<p[\s>]|<article|<\?xml)", re.I)
# Markup further in: HTML after a line of text (a saved page with a note above it, headers
# pasted with the body). A document tag says so alone; other tags when there are a few, as a
# plain text may name one ("the <b> tag").
SNIFF_BYTES = 4096
_DOCUMENT_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.I)
_ELEMENT_TAG = re.compile(
    rb"</?(?:p|div|span|a|br|hr|h[1-6]|article|section|main|header|footer|nav|meta|title|link|script|style"
    rb"|table|tr|td|th|ul|ol|li|img|b|i|em|strong|blockquote|figure|time)(?:\s[^<>]{0,500})?/?>", re.I)
MIN_ELEMENT_TAGS = 3


def read_file(path: str | Path) -> tuple[bytes, list[str]]:
    """The bytes of a local file, cut at MAX_PAGE_BYTES."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError("is a directory, not an article")
        with path.open("rb") as handle:
            data = handle.read(MAX_PAGE_BYTES + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory, not an article") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    return cap_bytes(data)


def cap_bytes(data: bytes) -> tuple[bytes, list[str]]:
    if len(data) <= MAX_PAGE_BYTES:
        return data, []
    return utf8_boundary(data[:MAX_PAGE_BYTES]), [f"input larger than {MAX_PAGE_BYTES:,} bytes: cut there"]


def utf8_boundary(data: bytes) -> bytes:
    """Drop a UTF-8 character the cut split in two, so UTF-8 text still decodes as UTF-8."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 == 0x80:  # a continuation byte: look further back for the lead
            continue
        if byte >= 0xC0:
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data[:-back] if needed > back else data
        return data
    return data


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_binary(data: bytes) -> bool:
    if data.startswith(_UTF16_BOMS):
        return False
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def looks_like_html(data: bytes) -> bool:
    """Markup at the start, a document tag (<html>, <body>) anywhere in the first few KB, or
    several element tags there."""
    head = data[:SNIFF_BYTES]
    if head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8)
    if _HTML_START.match(head) or _DOCUMENT_TAG.search(head):
        return True
    return len(_ELEMENT_TAG.findall(head, 0, SNIFF_BYTES)) >= MIN_ELEMENT_TAGS


_DOCUMENT_START = re.compile(r"<(?:!doctype\s+html|html)[\s>]", re.I)


def without_preamble(html: str) -> str:
    """A page from its <!doctype> or <html> on, when a line of text comes first (lxml would
    read the head as body text and lose the title and metadata)."""
    if html.lstrip().startswith("<"):
        return html
    match = _DOCUMENT_START.search(html, 0, SNIFF_BYTES)
    return html[match.start():] if match else html


_HIGH_RUN = re.compile(rb"[\x80-\xff]{3}")
_MULTIBYTE = re.compile("[\u0080-\ufffc]")  # a character UTF-8 encodes in several bytes
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.I)
# As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are read as windows-1252.
_AS_WINDOWS_1252 = {"latin_1", "ascii", "iso8859_1"}


def decode(data: bytes, *, declared: str | None = None, html: bool = False) -> str:
    """Bytes to text: a byte-order mark, else UTF-8 when the bytes are valid UTF-8 (pages
    mislabelled Latin-1 often are), else the charset the server or the page declares, else the
    detected legacy encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 text with a few stray bytes (a bad paste, a cut): more characters decode as UTF-8
    # than fail to; keep it UTF-8 and drop the strays
    text = data.decode("utf-8", errors="replace")
    if len(_MULTIBYTE.findall(text)) >= 2 * text.count("\ufffd"):
        return text.replace("\ufffd", "")
    labels = [declared]
    if html:
        head = data[:4096]
        labels += [m.group(1).decode("ascii") for m in (_XML_ENCODING.search(head), _META_CHARSET.search(head)) if m]
    for label in labels:
        codec = _codec(label)
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    # In Latin-script text the bytes above 127 stand alone or in pairs (é, “, ção), and then
    # windows-1252 is by far the likeliest; detection guesses wildly on them (café as cafщ) and
    # is kept for other scripts, whose words are runs of such bytes.
    if not _HIGH_RUN.search(data, 0, 65536):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from trafilatura.utils import decode_file

    return decode_file(data)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):  # declared, but without a byte-order mark: not to be trusted
        return None
    return "cp1252" if name.replace("-", "_") in _AS_WINDOWS_1252 else name
