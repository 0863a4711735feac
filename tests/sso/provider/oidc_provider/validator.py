"""Claims from the tests' JSON file, and the switch that makes the provider misbehave."""

import base64
import json
import os
from pathlib import Path
from typing import Any

from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator


def _state() -> dict[str, Any]:
    path = Path(os.environ["PROVIDER_CLAIMS_FILE"])
    return json.loads(path.read_text()) if path.exists() else {}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class ClaimsValidator(OAuth2Validator):
    #: Every claim, whatever the scope (the file says what each person has).
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        claims = dict(_state().get("users", {}).get(request.user.username, {}))
        claims.setdefault("email", request.user.email)
        return claims

    def finalize_id_token(self, id_token: Any, token: Any, token_handler: Any, request: Any) -> str:
        signed = str(super().finalize_id_token(id_token, token, token_handler, request))
        misbehave = _state().get("_misbehave")
        header, payload, signature = signed.split(".")
        if misbehave == "claim":  # a claim changed after signing: the signature no longer fits
            claims = json.loads(_unb64(payload))
            claims["email"] = _state().get("_tampered_email", claims.get("email"))
            payload = _b64(json.dumps(claims).encode())
            return f"{header}.{payload}.{signature}"
        if misbehave == "key":  # signed with a key the provider does not publish, same kid
            other = jwk.JWK.generate(kty="RSA", size=2048)
            token_ = jwt.JWT(header=_unb64(header).decode(), claims=_unb64(payload).decode())
            token_.make_signed_token(other)
            return str(token_.serialize())
        return signed
