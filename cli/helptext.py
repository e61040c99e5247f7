"""The end of each command's --help: two or three examples and the exit codes (as sqlite-utils
ends its commands' help). Kept here, apart from the commands, so the prose is easy to review.

click rewraps each paragraph of an epilog to the terminal's width; a paragraph that starts
with a line holding only "\\b" is printed as written, so examples keep their columns: they are
kept short enough for a 60-column terminal."""
from __future__ import annotations

from textwrap import dedent, indent

EXIT_CODES = """\
\b
Exit codes:
  0    every input analysed
  1    some input failed (on stderr; the others still ran)
       or the output could not be written (a full disk)
  2    usage error (a bad option, no input, no model)
  130  interrupted: what was printed is whole
  143  stopped by SIGTERM (129: SIGHUP), as for Ctrl-C"""


def epilog(examples: str, exit_codes: str = EXIT_CODES) -> str:
    """An epilog: the examples as written, then the exit codes."""
    return "\b\nExamples:\n" + indent(dedent(examples).strip("\n"), "  ") + "\n\n" + exit_codes


MAIN = epilog("""
rashomon analyze story.html
rashomon analyze https://example.org/news/story -v
rashomon analyze -h
""")

# the command list of `rashomon --help` cuts a longer line with "..." on a narrow terminal
ANALYZE_SHORT = "Find accusations, casualties and statements."
ANALYZE = epilog("""
rashomon analyze story.html -v
rashomon analyze -i urls.txt -f jsonl > reports.jsonl
rashomon analyze corpus/ -f html > report.html
""")

SCHEMA = epilog("""
rashomon schema > report.schema.json
rashomon schema | jq '.properties | keys'
""", exit_codes="\b\nExit codes:\n  0    the schema was printed")

COMPARE_SHORT = "Line up several outlets' reports of one event."
COMPARE = epilog("""
rashomon compare wire.html local.html
rashomon compare -i urls.txt -f json
rashomon analyze a/ -f jsonl > r.jsonl
rashomon compare --reports r.jsonl
""")
