"""Corrections from the desk (server started with --write): merge, split, alias or reject an
actor. A POST form with the page's CSRF token records a judgement and re-resolves the actors;
judgements are kept apart from machine output and re-applied after every run."""

from __future__ import annotations

from urllib.parse import parse_qs, quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from wirewatch.actors.stage import JUDGEMENT_ACTIONS, add_judgement, resolve
from wirewatch.store import open_store
from wirewatch.views.actors import find_actor
from wirewatch.web.security import same_secret

router = APIRouter(include_in_schema=False)
MAX_FORM_BYTES = 10_000


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: v[0].strip() for k, v in fields.items()}


@router.post("/actors/{name}/judgements")
async def judge(request: Request, name: str) -> RedirectResponse:
    if not request.app.state.write:
        raise HTTPException(403, "this server is read-only (start it with --write)")
    form = await _form(request)
    if not same_secret(form.get("csrf"), request.app.state.csrf):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page")
    action = form.get("action", "")
    if action not in JUDGEMENT_ACTIONS:
        raise HTTPException(400, f"action must be one of {', '.join(JUDGEMENT_ACTIONS)}")
    obj = form.get("object") or None
    if action != "reject" and not obj:
        raise HTTPException(400, f"{action} needs an object (the other actor or the alias)")
    store = open_store(request.app.state.db_path)
    try:
        subject = find_actor(store, name)["id"]
        add_judgement(store, action, subject, obj, form.get("note") or None)
        resolve(store)
    finally:
        store.close()
    target = subject if action != "reject" else ""
    return RedirectResponse(f"/actors/{quote(target, safe='')}" if target else "/actors",
                            status_code=303)
