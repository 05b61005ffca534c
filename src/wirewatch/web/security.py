"""What keeps the desk safe to open: strict headers, the access token, CSRF for writes, and the
rule that a server reachable beyond this machine needs a token.

Article text is untrusted; templates escape it (Jinja autoescape) and the Content-Security-Policy
forbids inline scripts and styles, so even a missed escape cannot run code.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
       " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
       " frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
TOKEN_COOKIE = "wirewatch_token"


class UnsafeBinding(ValueError):
    """Serving beyond localhost without the token that protects it."""


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, *, token: str | None, write: bool) -> None:
    """Refuse a server others can reach unless a token guards it (reads; with --write, writes)."""
    if is_loopback(host):
        return
    if not token:
        what = "read-write" if write else "read-only"
        raise UnsafeBinding(
            f"refusing to serve on {host} without a token: anyone who can reach this address"
            f" could read the store. Pass --token SECRET ({what} access), or bind 127.0.0.1.")


def same_secret(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


class TokenGate(BaseHTTPMiddleware):
    """With a token, every request must carry it: `Authorization: Bearer`, the cookie, or
    `?token=` once (which sets the cookie, so links in the pages need not repeat it)."""

    def __init__(self, app, token: str) -> None:  # noqa: ANN001 - an ASGI app
        super().__init__(app)
        self.token = token

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        header = request.headers.get("authorization", "")
        bearer = header[7:] if header.lower().startswith("bearer ") else None
        from_query = request.query_params.get("token")
        if not any(same_secret(t, self.token) for t in
                   (bearer, request.cookies.get(TOKEN_COOKIE), from_query)):
            if request.url.path.startswith("/api/"):
                return JSONResponse({"detail": "a valid token is required"}, status_code=401)
            return PlainTextResponse("a valid token is required (?token=...)", status_code=401)
        response = await call_next(request)
        if same_secret(from_query, self.token):
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
        return response
