"""The desk's Jinja2 environment (autoescape on for every template) and the page renderer that
gives each page its filters, a query-string builder and the write/CSRF state."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from wirewatch.views.filters import Filters
from wirewatch.views.series import value_text

_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_ENV.globals["value_text"] = value_text
templates = Jinja2Templates(env=_ENV)
PAGE_KEYS = ("q", "actor", "type", "outlet", "from", "to", "place", "measure", "expand", "top")


def query_string(request: Request, **overrides: Any) -> str:
    """The current page's filters as a query string, with overrides; paging restarts unless
    an offset is given, and the access token never leaks into links."""
    values = {k: v for k, v in request.query_params.items() if k in PAGE_KEYS}
    values.update({k: v for k, v in overrides.items()})
    return urlencode({k: v for k, v in values.items() if v not in (None, "")})


def page(request: Request, template: str, *, filters: Filters | None = None,
         status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request, template,
        {"f": filters or Filters(), "qs": lambda **o: query_string(request, **o),
         "write": request.app.state.write, "csrf": request.app.state.csrf, **context},
        status_code=status_code)
