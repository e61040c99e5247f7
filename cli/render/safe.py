"""Untrusted text made safe for the place it is shown: article text is data, never markup or
escape codes. Each output format adds its own escaping on top (markdown, HTML, CSV)."""
from __future__ import annotations

import re

# ANSI CSI/OSC sequences (colours, cursor moves, OSC 8 hyperlinks) and other C0/C1 controls.
_CONTROL = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL/ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
    # bidirectional embeddings, overrides and isolates: U+202E would show the rest of the line
    # reversed ("txt.exe" for "exe.txt"); the marks U+200E, U+200F, which cannot, stay
    r"|[\u202a-\u202e\u2066-\u2069]"
)
# what ends a line on a terminal or for a program reading stderr line by line
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")


def clean(text: str | None) -> str:
    """Text safe to put on a terminal: no escape sequences or control characters."""
    return _CONTROL.sub("", text or "")


def one_line(text: str | None) -> str:
    """A message safe for a terminal that stays one line: a line break inside it (a file name
    may hold one) is shown as \\n, so it cannot forge a second `rashomon: ...` line."""
    return clean(_LINE_BREAK.sub(lambda m: "\\n" if m.group() in ("\n", "\r\n") else f"\\u{ord(m.group()):04x}", text or ""))
