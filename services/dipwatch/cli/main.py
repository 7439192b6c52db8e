"""The ``dipwatch`` command: one typer app, each sub-command in a module of its own.

A run imports only the module of the command it names: ``dipwatch extract`` then starts without
loading Kafka, Faust, HTTP and Elasticsearch code (≈ 0.3 s of its start-up). ``--help`` or an
unknown command loads them all.
"""

from __future__ import annotations

import importlib
import sys
from functools import lru_cache
from typing import Any

import typer

# Each module defines ``register(app: typer.Typer) -> None`` for the commands listed with it.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "dipwatch.cli.extract_cmd": ("extract", "eval"),
    "dipwatch.cli.watch_cmd": ("watch", "feeds"),
    "dipwatch.cli.process_cmd": ("process",),
    "dipwatch.cli.index_cmd": ("index",),
    "dipwatch.cli.alerts_cmd": ("alerts",),
    "dipwatch.cli.run_cmd": ("run",),
    "dipwatch.cli.search_cmd": ("search",),
    "dipwatch.cli.replay_cmd": ("replay",),
    "dipwatch.cli.deadletters_cmd": ("deadletters",),
}


def build_app(modules: tuple[str, ...] = tuple(COMMAND_MODULES)) -> typer.Typer:
    """The app with the commands of ``modules``."""
    app = typer.Typer(
        name="dipwatch",
        help="Diplomatic events from German and English news feeds.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @app.callback()
    def _group() -> None:
        """Diplomatic events from German and English news feeds."""  # a group even with one command

    for name in modules:
        importlib.import_module(name).register(app)
    return app


def modules_for(argv: list[str]) -> tuple[str, ...]:
    """The command module the first non-option argument names, else all of them."""
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    for module, commands in COMMAND_MODULES.items():
        if command in commands:
            return (module,)
    return tuple(COMMAND_MODULES)


def main() -> None:
    """Entry point of the ``dipwatch`` script."""
    build_app(modules_for(sys.argv[1:]))(prog_name="dipwatch")


@lru_cache(maxsize=1)
def _full_app() -> typer.Typer:
    return build_app()


def __getattr__(name: str) -> Any:
    """``app``: every command (for tests and embedding), built on first use."""
    if name == "app":
        return _full_app()
    raise AttributeError(name)


if __name__ == "__main__":  # pragma: no cover
    main()
