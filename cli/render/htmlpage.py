"""The pieces of a self-contained HTML page, for any kind of document (a report, a comparison):
the page's head and foot with its style inline, escaping, and an article's text with spans
highlighted and linked.

Self-contained: no script, no external style, font or image, and a Content-Security-Policy
that forbids the browser to fetch anything, so the page opens offline and a hostile article
cannot make it call out. Every string from an article is escaped (`esc`); a URL from a page is
shown as text, never made a link (it could be `javascript:`)."""
from __future__ import annotations

import html
from dataclasses import dataclass

from .safe import clean

# Parties' colours, in the order a report first names them (colour-blind-friendly Tableau 10);
# a span with no party is grey.
PARTY_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
NO_PARTY_COLOUR = "#7f7f7f"
TINT = "2e"  # the alpha of a highlight's background, as two hex digits (18%)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

STYLE = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1b1b1b; background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
header.run { border-bottom: 1px solid #ddd; margin-bottom: 1rem; }
article.report { border-top: 3px solid #333; margin-top: 2rem; padding-top: .5rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.3rem; margin: .3rem 0; } h3 { font-size: 1.1rem; margin-top: 1.5rem; }
.meta, .counts { color: #555; margin: .2rem 0; }
.warning { color: #8a5a00; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; color: #555; margin: .3rem 0; }
dl.about dd { margin: 0; }
.failure { border-left: 4px solid #b00020; padding: .3rem .8rem; background: #fdecee; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
.text { white-space: pre-wrap; line-height: 1.9; background: #fafafa; border: 1px solid #e5e5e5; padding: 1rem; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark a { color: inherit; text-decoration: none; }
mark.accusation { border-bottom: 3px solid; }
mark.casualty { border-bottom: 3px double; }
mark.statement { border-bottom: 2px dotted; }
mark:target, tr:target { outline: 3px solid #ffbf00; }
a.ref { font-size: .7em; vertical-align: super; text-decoration: none; color: #fff; border-radius: 3px; padding: 0 .25em; margin-right: 1px; }
.scroll { overflow-x: auto; }  /* a wide table scrolls on its own on a narrow screen */
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border-bottom: 1px solid #e0e0e0; padding: .3rem .45rem; text-align: left; vertical-align: top; white-space: pre-wrap; }
th { background: #f2f2f2; }
td.party-cell { border-left: 5px solid; }
td.chars { white-space: nowrap; }
.accounts { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.account { border-top: 5px solid; padding: .3rem .6rem; background: #fafafa; }
.account h4 { margin: .2rem 0 .4rem; }
.account li { margin-bottom: .3rem; }
footer.run { margin-top: 2rem; color: #555; border-top: 1px solid #ddd; padding-top: .5rem; }
"""


def esc(text) -> str:
    """Untrusted text as HTML shows it literally."""
    return html.escape(clean("" if text is None else str(text)), quote=True)


def colour(index: int | None) -> str:
    return NO_PARTY_COLOUR if index is None else PARTY_COLOURS[index % len(PARTY_COLOURS)]


def page_head(title: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    )


def page_foot(summary: str = "") -> str:
    footer = f"<footer class=\"run\">{esc(summary)}</footer>\n" if summary else ""
    return f"{footer}</main>\n</body>\n</html>\n"


@dataclass(frozen=True)
class Highlight:
    """A span of the text to highlight: its element id, what it is (a CSS class), its party's
    colour index, the row it links to, and the short label of its link ("A1")."""

    start: int
    end: int
    id: str
    kind: str
    party: int | None
    href: str
    label: str
    title: str = ""


def highlighted(text: str, spans: list[Highlight]) -> str:
    """`text` escaped, each span in a <mark> (nested where spans overlap) that links to its row,
    with a small labelled link before each span. A span that crosses another's edge is cut into
    pieces there; its first piece carries its id, every piece its `data-span`."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    edges = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    started: set[str] = set()
    out = []
    for a, b in zip(edges, edges[1:]):
        for span in (s for s in spans if s.start == a):
            out.append(_ref(span))
        covering = sorted((s for s in spans if s.start <= a and b <= s.end), key=lambda s: (s.start, -s.end))
        piece = esc(text[a:b])
        if covering:  # the innermost span's row is what a click on the text opens
            piece = f"<a href=\"#{covering[-1].href}\">{piece}</a>"
        for span in reversed(covering):
            piece = _mark(span, piece, first=span.id not in started)
            started.add(span.id)
        out.append(piece)
    return "".join(out)


def _ref(span: Highlight) -> str:
    return (f"<a class=\"ref\" href=\"#{span.href}\" style=\"background:{colour(span.party)}\" "
            f"title=\"{esc(span.title)}\">{esc(span.label)}</a>")


def _mark(span: Highlight, inner: str, first: bool) -> str:
    tint = colour(span.party)
    anchor = f" id=\"{span.id}\" title=\"{esc(span.title)}\"" if first else ""
    return (f"<mark class=\"{span.kind}\" data-span=\"{span.id}\"{anchor} "
            f"style=\"background:{tint}{TINT}; border-color:{tint}\">{inner}</mark>")
