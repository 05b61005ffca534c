"""The analyst's desk: the FastAPI application behind `wirewatch serve`.

Every page under / has a JSON twin under /api, documented by /openapi.json (the Swagger UI is
off: it would load from a CDN, and the desk works offline). Static assets are all in the package.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from wirewatch import __version__
from wirewatch.store import StoreError, open_store
from wirewatch.views.actors import ActorNotFound
from wirewatch.views.documents import DocumentNotFound
from wirewatch.views.filters import BadFilter
from wirewatch.web import routes_api, routes_export, routes_html, routes_write
from wirewatch.web.security import SecurityHeaders, TokenGate, new_secret
from wirewatch.web.templating import page

STATIC = Path(__file__).parent / "static"


def _error(request: Request, status_code: int, message: str) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"detail": message}, status_code=status_code)
    return page(request, "error.html", status_code=status_code, code=status_code,
                message=message)


def create_app(db_path: str | Path, *, token: str | None = None, write: bool = False) -> FastAPI:
    """The desk over the store at `db_path` (which must exist); `token` guards every request,
    `write` allows corrections (judgements)."""
    open_store(db_path, readonly=True).close()  # fail now, not on the first request
    app = FastAPI(title="wirewatch", version=__version__, docs_url=None, redoc_url=None,
                  description="The analyst's desk: search, articles, actors, timeline, network,"
                  " figures, places, quotes, runs, reports and exports, every fact cited.")
    app.state.db_path = str(db_path)
    app.state.write = write
    app.state.csrf = new_secret()
    if token:
        app.add_middleware(TokenGate, token=token)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (routes_api, routes_export, routes_write, routes_html):
        app.include_router(module.router)

    @app.exception_handler(BadFilter)
    async def bad_filter(request: Request, exc: BadFilter) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(ActorNotFound)
    @app.exception_handler(DocumentNotFound)
    async def not_found(request: Request, exc: LookupError) -> Response:
        return _error(request, 404, str(exc.args[0]) if exc.args else "not found")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}"
                             for e in exc.errors())
        return _error(request, 422, problems or "invalid request")

    @app.exception_handler(sqlite3.OperationalError)
    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: Exception) -> Response:
        return _error(request, 503, f"the store could not answer: {exc}")

    return app
