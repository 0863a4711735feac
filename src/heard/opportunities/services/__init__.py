"""Every write for opportunities and sign-ups: validate, check permission, save, audit."""

from heard.opportunities.services.attendance import sign_ups_attend
from heard.opportunities.services.opportunities import (
    opportunity_add,
    opportunity_delete,
    opportunity_update,
)
from heard.opportunities.services.sign_ups import sign_up_add, sign_up_give, sign_up_withdraw

__all__ = [
    "opportunity_add",
    "opportunity_delete",
    "opportunity_update",
    "sign_up_add",
    "sign_up_give",
    "sign_up_withdraw",
    "sign_ups_attend",
]
