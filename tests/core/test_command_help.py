"""Every option and argument of every `access` command says what it is for (`--help`)."""

from __future__ import annotations

import argparse

from django.core.management import get_commands, load_command_class


def _undocumented(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            # Each subcommand's own help is its line in the listing; its options are checked.
            for name, sub in action.choices.items():
                if not any(choice.dest == name for choice in action._choices_actions):
                    missing.append(f"{prefix}{name} (subcommand)")
                missing.extend(_undocumented(sub, f"{prefix}{name} "))
        elif action.help is None:
            missing.append(f"{prefix}{'/'.join(action.option_strings) or action.dest}")
    return missing


def test_every_access_command_option_has_help_text() -> None:
    missing = []
    commands = {n: app for n, app in get_commands().items() if app.startswith("access")}
    assert "bench" in commands and "matching" in commands
    for name, app in sorted(commands.items()):
        parser = load_command_class(app, name).create_parser("access", name)
        missing.extend(f"access {name} {item}" for item in _undocumented(parser))
    assert missing == []
