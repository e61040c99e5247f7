"""rashomon: who accused whom, who was killed, and who said what, in news articles about conflict.

The command line is `rashomon` (`rashomon.cli`); the library is `rashomon.extractors`. For a
notebook, `rashomon.analyze` takes a text, an HTML page or a URL and returns a `Report`:

    >>> import rashomon
    >>> report = rashomon.analyze("Rebels shelled the market, the army said on Monday.")
    >>> report.to_dict()["statements"][0]["speaker"]["text"]
    'the army'

The installed folders `cli/` and `extractors/` are `rashomon.cli` and `rashomon.extractors`
(see pyproject.toml), so nothing with a generic name lands in site-packages.
"""
from __future__ import annotations

from .extractors import __version__

__all__ = ["__version__", "analyze"]


def __getattr__(name: str):
    # The API pulls in spaCy; `import rashomon` (and `rashomon --help`) should not.
    if name == "analyze":
        from .extractors.api import analyze

        return analyze
    raise AttributeError(f"module 'rashomon' has no attribute {name!r}")
