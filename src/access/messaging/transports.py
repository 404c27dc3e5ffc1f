"""Where outbound messages go: the ``NLETS_TRANSPORT`` setting names the transport.

``{"BACKEND": "dotted.path.Class", "OPTIONS": {...}}``; the class is built with the options
as keyword arguments and has one method, ``send(message) -> str``, which hands the message
over and returns a reference (a file name, a switch sequence number), or raises any exception
when it could not (the worker records the error and retries later).

- ``FileOutbox`` (development default): each message becomes one file in ``var/nlets-outbox/``,
  written atomically (a temporary file in the same folder, then renamed), named by the
  message's id so a repeated hand-over replaces the same file instead of adding a copy.
- ``MemoryOutbox`` (tests): kept in a list in memory; can be told to fail.
- Production plugs in the Nlets switch interface here: a class with the same ``send`` that
  writes to the state's Nlets message switch and returns its message sequence number.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from access.messaging.models import OutboundMessage


class Transport(Protocol):
    def send(self, message: OutboundMessage) -> str: ...


def get_transport() -> Transport:
    config: dict[str, Any] = getattr(settings, "NLETS_TRANSPORT", {})
    backend = config.get("BACKEND", "access.messaging.transports.FileOutbox")
    return import_string(backend)(**config.get("OPTIONS", {}))


def file_name(message: OutboundMessage) -> str:
    return f"{message.pk:010d}-{message.kind.lower()}-{message.destination}.txt"


class FileOutbox:
    """One file per message in ``directory`` (created when missing)."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory or Path(settings.VAR_DIR) / "nlets-outbox")

    def send(self, message: OutboundMessage) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / file_name(message)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".sending-")
        try:
            with os.fdopen(handle, "w", encoding="ascii", errors="replace") as out:
                out.write(message.text)
                out.write("\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target.name


@dataclass(frozen=True)
class Delivered:
    message_id: int
    destination: str
    text: str


class MemoryOutbox:
    """Test transport: every hand-over is appended to ``sent``; ``fail_next`` makes the next N
    hand-overs raise ``ConnectionError`` instead."""

    sent: ClassVar[list[Delivered]] = []
    fail_next: ClassVar[int] = 0

    def send(self, message: OutboundMessage) -> str:
        if MemoryOutbox.fail_next > 0:
            MemoryOutbox.fail_next -= 1
            raise ConnectionError("Nlets switch not reachable (test)")
        MemoryOutbox.sent.append(Delivered(message.pk, message.destination, message.text))
        return f"memory:{len(MemoryOutbox.sent)}"

    @classmethod
    def reset(cls) -> None:
        cls.sent.clear()
        cls.fail_next = 0
