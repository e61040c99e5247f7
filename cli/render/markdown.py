"""Reports as markdown, for a document: the same tables as the terminal, every cell escaped."""
from __future__ import annotations

import re

from ...extractors.records import Report

from .base import Renderer
from .cells import heading
from .safe import clean
from .sections import report_sections

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """Text as markdown shows it literally: specials escaped, line breaks as <br> in a cell."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s*\n\s*", " <br> ", text)).replace("\\<br\\>", "<br>")


class MarkdownRenderer(Renderer):
    def item(self, report: Report) -> None:
        self.output.write(render_markdown(report) + "\n")


def render_markdown(report: Report) -> str:
    lines = [f"## {md(heading(report))}", ""]
    for warning in report.warnings:
        lines += [f"> warning: {md(clean(warning))}", ""]
    for section in report_sections(report):
        lines += [f"### {section.name}", ""]
        if not section.rows:
            lines += ["None found.", ""]
            continue
        lines += md_table(section.headers, section.rows) + [""]
    return "\n".join(lines)


def md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    return lines + ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
