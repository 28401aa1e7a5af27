"""The review queue page and "next document"."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from web.app import SessionDep, ViewerDep, render
from web.services.queue import FLAG_CODES, QueueFilter, flag_counts, next_document, queue_page

router = APIRouter()


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def queue_filter(request: Request) -> QueueFilter:
    params = request.query_params
    flag = params.get("flag") or None
    return QueueFilter(flag if flag in FLAG_CODES else None, params.get("issuer") or None,
                       params.get("service_center") or None, _date(params.get("from")), _date(params.get("to")))


@router.get("/queue")
def queue(request: Request, session: SessionDep, viewer: ViewerDep, offset: int = 0) -> Response:
    chosen = queue_filter(request)
    rows = queue_page(session, chosen, max(offset, 0))
    return render(request, "queue.html", {"rows": rows, "counts": flag_counts(session, chosen), "codes": FLAG_CODES,
                                          "chosen": chosen, "offset": offset, "query": request.url.query})


@router.get("/queue/next")
def queue_next(request: Request, session: SessionDep, viewer: ViewerDep, after: int | None = None) -> Response:
    found = next_document(session, queue_filter(request), viewer.user.id, after)
    if found is None:
        return RedirectResponse("/queue?done=1", status_code=303)
    return RedirectResponse(f"/documents/{found}", status_code=303)
