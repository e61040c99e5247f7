"""Reports as one self-contained HTML page per run, for a person checking the facts in a
browser: per article, its text with every evidence span highlighted (the kind by its underline,
the party by its colour), each highlight linked to its row in the tables below and each row
back to its highlight, then the accounts side by side. The page is written as the run goes
(head at `begin`, an article at each `item`, the foot at `end`, also after Ctrl-C)."""
from __future__ import annotations

from ...extractors.records import Failure, Report

from .base import Renderer
from .cells import accusation_line, quote_text
from .htmlpage import Highlight, colour, esc, highlighted, page_foot, page_head
from .safe import clean
from .sections import report_sections
from .summary import Totals, counts, plural

# A section of the report: its list of facts, the CSS class and label letter of its spans.
KINDS = (("accusations", "accusation", "A"), ("casualties", "casualty", "C"), ("statements", "statement", "S"))
LEGEND = (("accusation", "accusation (solid line: accuser's colour)"),
          ("casualty", "casualty figure (double line: the source's colour)"),
          ("statement", "statement (dotted line: speaker's colour)"))


class HtmlRenderer(Renderer):
    shows_failures = True  # the page lists what could not be read, with the reason

    def begin(self, count: int) -> None:
        self.number = 0
        self.totals = Totals()
        self.output.write(page_head(f"rashomon: {plural(count, 'article')}") + _legend())

    def item(self, result) -> None:
        self.number += 1
        if isinstance(result, Failure):
            self.output.write(f"<p class=\"failure\">{esc(result.input)}: {esc(result.error)}</p>\n")
            return
        self.totals.add(result)
        self.output.write(report_html(result, f"a{self.number}"))

    def end(self) -> None:
        self.output.write(page_foot(str(self.totals) if self.totals.articles else ""))


def _legend() -> str:
    marks = "".join(f"<span><mark class=\"{kind}\" style=\"background:none; border-color:#333\">{esc(text)}</mark></span>"
                    for kind, text in LEGEND)
    return f"<header class=\"run\"><h1>rashomon</h1><p class=\"legend\">{marks}</p></header>\n"


class _Parties:
    """Each party's colour index: the accounts' order first, then as met."""

    def __init__(self, report: Report) -> None:
        self.index = {clean(a.party): i for i, a in enumerate(report.accounts)}

    def __call__(self, mention) -> int | None:
        party = clean(mention.party) if mention is not None and mention.party else None
        if party is None:
            return None
        return self.index.setdefault(party, len(self.index))


# whose fact it is, for its colour: the accuser's, the source of the figure's, the speaker's
OWNERS = {"accusation": "accuser", "casualty": "reported_by", "statement": "speaker"}


def fact_party(kind: str, fact):
    return getattr(fact, OWNERS[kind])


def report_html(report: Report, key: str) -> str:
    parties = _Parties(report)
    spans = list(_spans(report, key, parties))
    article = report.article
    parts = [f"<article class=\"report\" id=\"{key}\">", f"<h2>{esc(article.title or report.input)}</h2>"]
    meta = [x for x in (article.source, article.published, article.url) if x]
    parts.append(f"<p class=\"meta\">{esc(report.input)}{' · ' if meta else ''}{esc(' · '.join(meta))}</p>")
    parts.append(f"<p class=\"counts\">{esc(counts(report))}</p>")
    parts.append(_about(report.to_dict()))
    parts += [f"<p class=\"warning\">warning: {esc(w)}</p>" for w in report.warnings]
    parts.append(f"<div class=\"text\">{highlighted(article.text, spans)}</div>")
    parts += _tables(report, key, parties)
    parts.append(_accounts(report, key, parties))
    parts.append("</article>\n")
    return "\n".join(parts)


# What the page shows in its own places; any other field of a report (provenance, a byline) is
# listed under the heading as it is, so new fields of the contract appear without a change here.
SHOWN = {"schema_version", "id", "input", "article", "accusations", "casualties", "statements", "accounts", "warnings"}
SHOWN_ARTICLE = {"text", "title", "url", "source", "published"}


def _about(data: dict) -> str:
    extra = {k: v for k, v in data.items() if k not in SHOWN}
    extra.update({f"article.{k}": v for k, v in data["article"].items() if k not in SHOWN_ARTICLE})
    rows = [f"<dt>{esc(key)}</dt><dd>{esc(value)}</dd>" for key, value in _flat(extra) if value not in (None, "", [])]
    return f"<dl class=\"about\">{''.join(rows)}</dl>" if rows else ""


def _flat(data: dict, prefix: str = ""):
    """Nested fields as ("a.b", value) pairs; a list of plain values joined."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _flat(value, f"{prefix}{key}.")
        elif isinstance(value, list):
            yield f"{prefix}{key}", ", ".join(str(v) for v in value)
        else:
            yield f"{prefix}{key}", value


def fact_id(key: str, letter: str, index: int) -> str:
    return f"{key}-{letter}{index + 1}"


def _spans(report: Report, key: str, parties: _Parties):
    """Every evidence span of every fact: the first links as the fact, the others as its
    further evidence (an accusation made again later in the article)."""
    for name, kind, letter in KINDS:
        for i, fact in enumerate(getattr(report, name)):
            fid = fact_id(key, letter, i)
            party = parties(fact_party(kind, fact))
            evidence = [fact.evidence, *getattr(fact, "more_evidence", [])]
            for j, ev in enumerate(evidence):
                yield Highlight(ev.start, ev.end, fid if j == 0 else f"{fid}-{j + 1}", kind, party,
                                f"{fid}-row", f"{letter}{i + 1}", f"{kind} {letter}{i + 1}")


def _tables(report: Report, key: str, parties: _Parties) -> list[str]:
    """The terminal's --details tables (`sections`), each row with its id, its party's colour
    and a link back to its highlight (the Chars cell)."""
    out = []
    for section, (name, kind, letter) in zip(report_sections(report), KINDS):
        out.append(f"<h3>{esc(section.name)} ({len(section.rows)})</h3>")
        if not section.rows:
            out.append("<p class=\"meta\">None found.</p>")
            continue
        head = "".join(f"<th>{esc(h)}</th>" for h in ["", *section.headers])
        rows = []
        for i, (fact, row) in enumerate(zip(getattr(report, name), section.rows)):
            fid = fact_id(key, letter, i)
            cells = [f"<td class=\"party-cell\" style=\"border-color:{colour(parties(fact_party(kind, fact)))}\">"
                     f"<a href=\"#{fid}\">{letter}{i + 1}</a></td>"]
            cells += [f"<td class=\"chars\"><a href=\"#{fid}\">{esc(c)}</a></td>" if h == "Chars" else f"<td>{esc(c)}</td>"
                      for h, c in zip(section.headers, row)]
            rows.append(f"<tr id=\"{fid}-row\">{''.join(cells)}</tr>")
        out.append(f"<div class=\"scroll\"><table class=\"{kind}\"><thead><tr>{head}</tr></thead>"
                   f"<tbody>{''.join(rows)}</tbody></table></div>")
    return out


def _accounts(report: Report, key: str, parties: _Parties) -> str:
    if not report.accounts:
        return "<h3>Accounts</h3><p class=\"meta\">None found.</p>"
    columns = []
    for account in report.accounts:
        party = clean(account.party)
        said = [f"<li><a href=\"#{fact_id(key, 'S', i)}-row\">S{i + 1}</a> {esc(quote_text(report.statements[i]))}</li>"
                for i in account.statements]
        said += [f"<li><a href=\"#{fact_id(key, 'A', i)}-row\">A{i + 1}</a> accuses "
                 f"{esc(accusation_line(report.accusations[i]))}</li>" for i in account.accusations]
        columns.append(f"<section class=\"account\" style=\"border-color:{colour(parties.index.get(party))}\">"
                       f"<h4>{esc(party)}</h4><ul>{''.join(said)}</ul></section>")
    return f"<h3>Accounts ({len(columns)})</h3><div class=\"accounts\">{''.join(columns)}</div>"
