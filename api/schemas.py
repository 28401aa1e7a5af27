"""Response bodies of the API (for the OpenAPI schema); the contract records are carried as they are."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="machine-readable: too_large, unsupported_type, invalid_metadata, …")
    message: str = Field(description="one line saying what is wrong and how to mend it")


class ErrorBody(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: str
    database: str


class Progress(BaseModel):
    documents: int
    finished: int = Field(description="documents whose processing ended (done or failed)")


class DocumentOut(BaseModel):
    document_id: int
    state: str = Field(description="where the document is in the pipeline: received … done | failed")
    pages: int = Field(description="pages read so far (0 until the document is processed)")
    record: dict[str, Any] = Field(description="the contract's documents.jsonl record")


class SubmissionSummary(BaseModel):
    submission_id: str
    status: str
    service_center: str | None
    uploaded_by: str | None
    created_at: datetime
    batch_id: int
    progress: Progress
    submission: dict[str, Any] = Field(description="the contract's submissions.jsonl record")


class SubmissionOut(SubmissionSummary):
    documents: list[DocumentOut]


class SubmissionPage(BaseModel):
    items: list[SubmissionSummary]
    total: int
    limit: int
    offset: int


class UploadOut(BaseModel):
    batch_id: int
    created: bool = Field(description="false when this repeated an identical earlier upload (a safe retry)")
    processing: bool = Field(description="whether the batch was handed to the pipeline")
    submissions: list[SubmissionOut]


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the given error statuses, all with the JSON error body."""
    return {status: {"model": ErrorBody} for status in statuses}
