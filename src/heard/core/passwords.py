"""Password rules beyond Django's: a password must not be blank in disguise."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

#: Fewer different characters than this, spaces aside, is not a password.
MIN_DISTINCT_CHARACTERS = 4


class NotBlankPasswordValidator:
    """Refuses a password made only of spaces (or other whitespace), or of fewer than
    ``MIN_DISTINCT_CHARACTERS`` different characters once whitespace is left out
    ("            ", "aaaaaaaaaaaa", "ab ab ab ab ab")."""

    def validate(self, password: str, user: Any = None) -> None:
        visible = "".join(password.split())
        if not visible:
            raise ValidationError("Your password cannot be only spaces.", code="password_blank")
        if len(set(visible)) < MIN_DISTINCT_CHARACTERS:
            raise ValidationError(
                "Your password must use at least "
                f"{MIN_DISTINCT_CHARACTERS} different characters, not counting spaces.",
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return (
            "Your password cannot be only spaces, and must use at least "
            f"{MIN_DISTINCT_CHARACTERS} different characters."
        )
