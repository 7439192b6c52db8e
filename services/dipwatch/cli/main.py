"""The ``dipwatch`` command: one typer app, each sub-command in a module of its own."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="dipwatch",
    help="Diplomatic events from German and English news feeds.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines ``register(app: typer.Typer) -> None``.
COMMAND_MODULES: tuple[str, ...] = (
    "dipwatch.cli.extract_cmd",  # extract, eval
    "dipwatch.cli.watch_cmd",  # watch, feeds
    "dipwatch.cli.process_cmd",  # process
    "dipwatch.cli.index_cmd",  # index
    "dipwatch.cli.alerts_cmd",  # alerts …
    "dipwatch.cli.run_cmd",  # run
    "dipwatch.cli.search_cmd",  # search
    "dipwatch.cli.replay_cmd",  # replay
    "dipwatch.cli.deadletters_cmd",  # deadletters list|replay
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


if __name__ == "__main__":  # pragma: no cover
    app()
