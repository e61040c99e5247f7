"""Rendering: fixed-width text, untrusted article text never becomes markup or escape codes."""
import io

from rashomon.cli.env import Environment
from rashomon.cli.render import Output, OutputOptions, clean, renderer_for
from rashomon.cli.render.markdown import render_markdown
from rashomon.extractors.records import Article, Evidence, Mention, Report, Statement


def rendered(reports, format: str = "table", width: int | None = 200, terminal: bool = False,
             details: bool = False, **env) -> str:
    """What a run with these reports prints, into a string (a terminal of `width` columns
    when `terminal`, never paged)."""
    out = io.StringIO()
    environment = Environment(stdout=out, stderr=io.StringIO(), stdout_isatty=terminal, stderr_isatty=False,
                              no_color=True, width=width, **env)
    renderer = renderer_for(Output(environment, OutputOptions(format=format, details=details, pager=False)))
    renderer.begin(len(reports))
    for report in reports:
        renderer.item(report)
    renderer.end()
    return out.getvalue()


def report_with(content: str, speaker: str = "Ministry") -> Report:
    text = f"{speaker} said {content}"
    evidence = Evidence(text=text, start=0, end=len(text))
    statement = Statement(Mention(speaker, party="Ruritania"), content, False, "say", evidence)
    return Report(input="x.txt", article=Article(text=text, title="A [bold]title[/bold]"), statements=[statement])


def table_text(report: Report, width: int = 200, terminal: bool = False) -> str:
    return rendered([report], width=width, terminal=terminal, details=True)


def test_markup_in_the_article_is_shown_as_text():
    out = table_text(report_with("[bold red]all clear[/] and [link=https://evil.example]click[/link]"))
    assert "[bold red]all clear[/]" in out
    assert "[link=https://evil.example]click[/link]" in out
    assert "A [bold]title[/bold]" in out


def test_terminal_escapes_are_stripped():
    hostile = "safe \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x1b[31mred\x1b[0m \x07bell"
    out = table_text(report_with(hostile), terminal=True)
    assert "evil.example" not in out
    assert "\x07" not in out and "\x1b[31m" not in out
    assert "safe link red bell" in clean(hostile)


def test_tables_fit_the_width_and_name_every_section():
    out = table_text(report_with("the bridge was closed"), width=80)
    assert all(len(line) <= 80 for line in out.splitlines())
    for section in ("Accusations: none found", "Casualties: none found", "Statements"):
        assert section in out
    assert "Ruritania" in out and "the bridge was closed" in out


def test_markdown_cells_are_escaped():
    out = render_markdown(report_with("a | b and <script>x</script> *bold*"))
    assert "a \\| b" in out and "\\<script\\>" in out and "\\*bold\\*" in out
    row = next(line for line in out.splitlines() if line.startswith("| 0 |"))
    assert row.count(" | ") == 5  # six columns: the pipe in the content is escaped


def test_two_sides_accounts_stand_side_by_side():
    from rashomon.extractors.records import Account

    report = report_with("the bridge was closed", speaker="Ministry")
    other = Statement(Mention("Rebels", party="Free Front"), "the bridge was open", False, "say",
                      Evidence(text="x", start=0, end=1))
    report.statements.append(other)
    report.accounts = [Account("Ruritania", [0]), Account("Free Front", [1])]
    out = table_text(report, width=120)
    header = next(line for line in out.splitlines() if "Ruritania" in line and "Free Front" in line)
    assert header.index("Ruritania") < header.index("Free Front")
    row = next(line for line in out.splitlines() if "[0]" in line)
    assert "[1]" in row  # both accounts on the same line: columns, not rows


def test_output_options_are_shared_by_any_command():
    """The decorator gives a second command the same --format, handed over as OutputOptions."""
    import typer

    from rashomon.cli.render import OutputOptions, output_options

    app, seen = typer.Typer(), []

    @app.command()
    @output_options(formats=("table", "json"))
    def other(name: str = typer.Argument(...), output: OutputOptions = OutputOptions(), loud: bool = False):
        seen.append((name, output, loud))

    command = typer.main.get_command(app)
    command.main(["x", "--format", "json", "--loud"], standalone_mode=False)
    assert seen == [("x", OutputOptions(format="json"), True)]
    command.main(["y"], standalone_mode=False)
    assert seen[-1] == ("y", OutputOptions(format="table"), False)
