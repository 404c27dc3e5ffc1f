"""Password rules beyond Django's: a generous maximum length, never truncated."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    def __init__(self, max_length: int = 128):
        self.max_length = max_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"This password is longer than {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return (
            f"Use 8 to {self.max_length} characters; spaces and any printable characters are "
            "welcome. A common or easily guessed password is refused."
        )
