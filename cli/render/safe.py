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
)


def clean(text: str | None) -> str:
    """Text safe to put on a terminal: no escape sequences or control characters."""
    return _CONTROL.sub("", text or "")
