"""The documentation describes what exists: the README's command table lists every CLI command and only
those, no command named in the README or ``docs/`` (in code) is missing from the CLI, and
``docs/extract.md`` describes every data file and every pipeline component."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from entente.cli import app
from entente.data import data_files
from entente.extract.pipeline import COMPONENTS

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = set(get_command(app).commands)


def _table_commands(readme: str) -> list[str]:
    """The first word after ``entente`` in each row of the README's command table."""
    start = readme.index("| command | what it does |")
    rows = []
    for line in readme[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        m = re.match(r"\|\s*`entente ([a-z][a-z_-]*)", line)
        assert m, f"a command-table row that names no command: {line}"
        rows.append(m.group(1))
    return rows


def test_the_readme_table_lists_every_command_and_only_those():
    listed = _table_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(listed) == len(set(listed)), "a command listed twice"
    assert set(listed) - COMMANDS == set(), (
        f"the table lists commands that do not exist: {set(listed) - COMMANDS}"
    )
    assert COMMANDS - set(listed) == set(), (
        f"commands missing from the README table: {COMMANDS - set(listed)}"
    )


def _code(text: str) -> list[str]:
    fenced = re.findall(r"```.*?```", text, re.S)
    inline = re.findall(r"`[^`\n]+`", re.sub(r"```.*?```", "", text, flags=re.S))
    return fenced + inline


def test_docs_name_only_commands_that_exist():
    unknown = {}
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for segment in _code(path.read_text(encoding="utf-8")):
            for m in re.finditer(r"\bentente ([a-z][a-z_-]*)", segment):
                if m.group(1) not in COMMANDS:
                    unknown.setdefault(path.name, set()).add(m.group(1))
    assert not unknown, f"docs name commands the CLI does not have: {unknown}"


def _extract_doc() -> str:
    return (ROOT / "docs" / "extract.md").read_text(encoding="utf-8")


def _data_table_files(doc: str) -> list[str]:
    """The file named in the first cell of each row of the data-file table of ``docs/extract.md``."""
    start = doc.index("| file | read by | format |")
    rows = []
    for line in doc[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        m = re.match(r"\|\s*`([\w.-]+)`\s*\|", line)
        assert m, f"a data-file row that names no file: {line}"
        rows.append(m.group(1))
    return rows


def test_extract_doc_describes_every_data_file_and_only_those():
    listed = _data_table_files(_extract_doc())
    shipped = set(data_files())
    assert len(listed) == len(set(listed)), "a data file listed twice"
    assert shipped - set(listed) == set(), f"data files missing from docs/extract.md: {shipped - set(listed)}"
    assert set(listed) - shipped == set(), (
        f"docs/extract.md lists data files that do not exist: {set(listed) - shipped}"
    )


def test_extract_doc_describes_the_bench_data_files():
    doc = _extract_doc()
    start = doc.index("| bench file | read by | format |")
    listed = {m.group(1) for m in re.finditer(r"^\|\s*`([\w.-]+)`\s*\|", doc[start:].split("\n\n", 1)[0], re.M)}
    assert listed == set(data_files("entente.bench"))


def test_extract_doc_names_every_component():
    doc = _extract_doc()
    missing = [name for _, name in COMPONENTS if f"`{name}`" not in doc]
    assert not missing, f"pipeline components missing from docs/extract.md: {missing}"


def _options(command) -> set[str]:
    return {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}


def test_docs_name_only_subcommands_and_options_that_exist():
    """``entente review list``, ``entente timeline MYS --since ...``: each subcommand and ``--option`` written
    after a command in the README's or docs' code exists on that command."""
    group = get_command(app)
    unknown: dict[str, set[str]] = {}
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for segment in _code(path.read_text(encoding="utf-8")):
            for line in segment.splitlines():
                for m in re.finditer(r"\bentente ([a-z][a-z_-]*)(?: ([a-z][a-z_-]*))?([^|;&`]*)", line):
                    command = group.commands.get(m.group(1))
                    if command is None:
                        continue  # test_docs_name_only_commands_that_exist says so
                    rest = f" {m.group(2) or ''}{m.group(3)}"
                    if hasattr(command, "commands"):  # a group: the next word is its subcommand
                        sub = command.commands.get(m.group(2) or "")
                        if sub is None:
                            if m.group(2):
                                unknown.setdefault(path.name, set()).add(f"{m.group(1)} {m.group(2)}")
                            continue
                        command, rest = sub, m.group(3)
                    for option in re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", rest):
                        if option not in _options(command):
                            unknown.setdefault(path.name, set()).add(f"{m.group(1)} {option}")
    assert not unknown, f"docs name subcommands or options the CLI does not have: {unknown}"
