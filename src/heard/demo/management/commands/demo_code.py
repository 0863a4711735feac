"""``heard demo_code``: the current two-factor code of the demo logins.

For trying Heard without an authenticator app: the demo's staff logins that must use two-factor
sign-in (every role but the board member) share one published key
(``heard.demo.data.DEMO_TOTP_KEY``), and this prints the six digits it gives now. It reads no
account and works only for that published key, so it can never produce a code for a real account.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from heard.demo import data


def demo_code(at: float | None = None) -> tuple[str, int]:
    """The demo key's code at ``at`` (Unix time, default now) and the seconds it stays valid."""
    device = TOTP(bytes.fromhex(data.DEMO_TOTP_KEY), step=30, t0=0, digits=6, drift=0)
    now = time.time() if at is None else at
    device.time = now
    return f"{device.token():06d}", 30 - int(now) % 30


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo logins (the published demo key only)."

    def handle(self, *args: Any, **options: Any) -> None:
        code, seconds = demo_code()
        self.stdout.write(f"Demo two-factor code: {code} (valid for about {seconds} more seconds)")
