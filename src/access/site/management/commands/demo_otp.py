"""Print a demo account's current one-time code (development only)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account, e.g. `access demo_otp admin`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The demo account, e.g. admin or analyst.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo_otp is disabled in production.")
        device = TOTPDevice.objects.filter(
            user__username=options["username"], confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"No confirmed authenticator for {options['username']!r}.")
        remaining = device.step - int(time.time() - device.t0) % device.step
        self.stdout.write(f"{current_code(device)}  (valid for {remaining} more seconds)")
