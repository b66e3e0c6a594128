"""The Typer application every command module registers on, and how it reports wrong arguments.

A wrong argument (an unknown option, a value of the wrong type, a missing argument) ends with one
line on stderr naming the command and the problem, and exit code 2, instead of Click's usage
block: a newcomer sees what to fix, a script can grep one line.
"""

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from .. import __version__

try:  # Typer 0.2x carries its own copy of Click; older ones use the click package
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover
    from click import exceptions as click  # type: ignore[no-redef]

err = Console(stderr=True)


def one_line_error(error: click.ClickException) -> str:
    """``entente timeline: --limit: 'abc' is not a valid integer (see entente timeline --help)``."""
    ctx = getattr(error, "ctx", None)
    where = ctx.command_path if ctx is not None else "entente"
    message = " ".join(error.format_message().split())
    param = getattr(error, "param", None)
    if (
        isinstance(error, click.BadParameter)
        and not isinstance(error, click.MissingParameter)
        and param is not None
    ):
        name = param.opts[0] if getattr(param, "opts", None) else param.human_readable_name
        message = f"{name}: {' '.join(str(error.message).split())}"
    return f"{where}: {message} (see {where} --help)"


class OneLineErrors(TyperGroup):
    """The group whose usage errors are one line (exit 2); everything else as Typer does it."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.NoArgsIsHelpError as e:  # Typer has printed the help already
            sys.exit(e.exit_code)
        except click.ClickException as e:
            err.print(escape(one_line_error(e)), style="red", soft_wrap=True, highlight=False)
            sys.exit(e.exit_code)
        except typer.Abort:
            err.print("aborted", style="red")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=OneLineErrors,
    add_completion=False,
    no_args_is_help=True,
    help="entente: evidence-linked records of relations between countries, from news text.",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"entente {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    pass


def report_failures(failures: list[tuple[str, str]], ok: int, what: str = "documents") -> None:
    """The partial-failure summary every batch command ends with (on stderr)."""
    if failures:
        err.print(f"[bold red]{len(failures)} input(s) failed[/] ({ok} {what} done):")
        for source, reason in failures:
            err.print(f"  [red]✗[/] {escape(source)}: {escape(reason)}", soft_wrap=True, highlight=False)
    else:
        err.print(f"[green]{ok} {what} done[/], no failures")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` as one red line on stderr; ``raise fail(...)`` ends the command with ``code``."""
    err.print(escape(message), style="red", soft_wrap=True, highlight=False)
    return typer.Exit(code)
