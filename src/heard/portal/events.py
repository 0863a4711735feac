"""What happens to portal sign-in codes, in the audit log's words."""

from __future__ import annotations

from heard.core.events import CREATE, SIGN_IN, UPDATE, event

SIGN_IN_CODE_ISSUED = event("sign_in_code.issued", "Gave a portal sign-in code", action=CREATE)
SIGN_IN_CODE_REVOKED = event(
    "sign_in_code.revoked", "Took back the portal sign-in code", action=UPDATE
)
#: The young person signed in with it: Heard records it (actor None) on their behalf.
SIGN_IN_CODE_USED = event(
    "sign_in_code.used", "Signed in to the portal with the code", action=SIGN_IN
)
