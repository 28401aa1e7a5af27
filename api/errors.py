"""Every error the API answers is JSON {"error": {"code", "message"}}; a lost database is 503, never 500."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from intake.upload import UploadRejected

log = logging.getLogger("tekser.api")
RETRY_AFTER_S = 5
DATABASE_DOWN = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError, sa_exc.TimeoutError)
_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          409: "conflict", 413: "too_large", 415: "unsupported_type", 422: "invalid_request",
          503: "unavailable"}


class ApiError(Exception):
    """An answer other than success, raised anywhere in a request."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.headers = headers


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _first_validation_problem(error: RequestValidationError) -> str:
    problems = error.errors()
    if not problems:
        return "the request is not valid"
    first: dict[str, Any] = problems[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg', 'invalid')}"


async def _api_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error.status, error.code, error.message, error.headers)


async def _upload_rejected(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, UploadRejected)
    return error_response(error.status, error.code, error.message)


async def _http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    message = error.detail if isinstance(error.detail, str) else "request refused"
    return error_response(error.status_code, _CODES.get(error.status_code, "error"), message,
                          dict(error.headers) if error.headers else None)


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    return error_response(422, "invalid_request", _first_validation_problem(error))


async def _database_down(request: Request, error: Exception) -> JSONResponse:
    log.warning("database unreachable during %s %s: %s", request.method, request.url.path, error.__class__.__name__)
    return error_response(503, "unavailable", "the database cannot be reached; nothing was recorded, "
                          "retry in a few seconds", {"Retry-After": str(RETRY_AFTER_S)})


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error during %s %s", request.method, request.url.path, exc_info=error)
    return error_response(500, "internal", "an unexpected error; it has been logged")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(UploadRejected, _upload_rejected)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for kind in DATABASE_DOWN:
        app.add_exception_handler(kind, _database_down)
    app.add_exception_handler(Exception, _unexpected)
