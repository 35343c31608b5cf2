"""Access tokens and the gateway checks every platform call goes through."""

from __future__ import annotations

import time
from dataclasses import dataclass

import jwt

from headwater.errors import BadRequest, GatewayError, NotFound, Unauthorized
from headwater.services.keys import Keys
from headwater.services.tenancy import find_sandbox, secret_matches
from headwater.store import ApiClient, Database, Org, Scope

ISSUER = "headwater"


@dataclass(frozen=True)
class Token:
    access_token: str
    expires_in: int


@dataclass(frozen=True)
class GatewayHeaders:
    """The headers the platform's gateway reads on every call."""

    authorization: str | None
    api_key: str | None
    org_id: str | None
    sandbox_name: str | None


def issue_token(
    db: Database, keys: Keys, client_id: str, client_secret: str, *, ttl_seconds: int
) -> Token:
    """A signed bearer token for a client whose secret matches; bound to its org."""
    with db.transaction() as session:
        client = session.get(ApiClient, client_id)
        if client is None or not secret_matches(client_secret, client.secret_hash):
            raise Unauthorized("invalid_client: the client id or secret is wrong", code="401")
        org_id = client.org_id
    return Token(mint_token(keys, org_id, client_id, ttl_seconds), ttl_seconds)


def mint_token(keys: Keys, org_id: str, client_id: str, ttl_seconds: int) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": client_id, "org": org_id, "iat": now, "exp": now + ttl_seconds}
    return jwt.encode(claims, keys.signing, algorithm="HS256")


def authenticate(db: Database, keys: Keys, headers: GatewayHeaders) -> Scope:
    """The caller's scope, after the checks (and with the errors) of the platform's gateway."""
    claims = _token_claims(keys, headers.authorization)
    if not headers.api_key:
        raise GatewayError(403, "403000", "Api Key is required")
    if headers.api_key != claims["sub"]:
        raise GatewayError(403, "403003", "Api Key is invalid")
    if not headers.org_id:
        raise GatewayError(400, "400003", "Missing header")
    if headers.org_id != claims["org"]:
        raise GatewayError(403, "403025", "Profile is not valid")
    if not headers.sandbox_name:
        raise BadRequest("The x-sandbox-name header is missing", code="2105")
    with db.transaction() as session:
        org = session.get(Org, claims["org"])
        client = session.get(ApiClient, claims["sub"])
        if org is None or client is None or client.org_id != org.id:
            raise GatewayError(401, "401013", "Oauth token is not valid")
        sandbox = find_sandbox(session, org.id, headers.sandbox_name.strip().lower())
        if sandbox is None:
            raise NotFound(f"Sandbox {headers.sandbox_name} not found", code="2100")
        return Scope(
            org_id=org.id,
            sandbox_id=sandbox.id,
            sandbox_name=sandbox.name,
            client_id=client.client_id,
            tenant_id=org.tenant_id,
        )


def _token_claims(keys: Keys, authorization: str | None) -> dict[str, str]:
    if not authorization or not authorization.strip():
        raise GatewayError(403, "403010", "Oauth token is missing.")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise GatewayError(401, "401013", "Oauth token is not valid")
    try:
        claims = jwt.decode(
            token.strip(),
            keys.signing,
            algorithms=["HS256"],
            issuer=ISSUER,
            options={"require": ["exp", "sub", "org"]},
        )
    except jwt.PyJWTError:
        raise GatewayError(401, "401013", "Oauth token is not valid") from None
    return {"sub": str(claims["sub"]), "org": str(claims["org"])}
