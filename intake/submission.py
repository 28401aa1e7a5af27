"""Validates a submission folder's submission.json into a frozen SubmissionMeta."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from intake.iin import iin_problem

Purpose = Literal["qualification", "foreign_admission"]
Category = Literal["second", "first", "highest"]
Channel = Literal["service_center", "hr_upload"]


class InvalidSubmission(ValueError):
    """submission.json is missing or wrong; the message names the field."""


@dataclass(frozen=True)
class SubmissionMeta:
    iin: str
    full_name: str
    latin_name: str | None
    purpose: Purpose
    target_category: Category | None
    submitted_at: date
    channel: Channel


class _Applicant(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    iin: str
    full_name: str = Field(min_length=3)
    latin_name: str | None = None

    @field_validator("iin", mode="before")
    @classmethod
    def _iin_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @field_validator("iin")
    @classmethod
    def _valid_iin(cls, value: str) -> str:
        problem = iin_problem(value)
        if problem:
            raise ValueError(f"IIN {value!r}: {problem}")
        return value


class _Submission(BaseModel):
    model_config = ConfigDict(extra="allow")

    applicant: _Applicant
    purpose: Purpose
    target_category: Category | None = None
    submitted_at: date
    channel: Channel

    @model_validator(mode="after")
    def _category_for_qualification(self) -> _Submission:
        if self.purpose == "qualification" and self.target_category is None:
            raise ValueError("target_category is required when purpose is 'qualification'")
        return self


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "submission"
    message = first["msg"].removeprefix("Value error, ")
    return f"{where}: {message}"


def parse_submission(raw: bytes) -> SubmissionMeta:
    """Parse submission.json bytes; raise InvalidSubmission naming the first wrong field."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidSubmission(f"submission.json is not valid UTF-8 JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InvalidSubmission("submission.json must hold a JSON object")
    try:
        model = _Submission.model_validate(data)
    except ValidationError as exc:
        raise InvalidSubmission(_first_error(exc)) from exc
    return SubmissionMeta(
        iin=model.applicant.iin,
        full_name=model.applicant.full_name,
        latin_name=model.applicant.latin_name or None,
        purpose=model.purpose,
        target_category=model.target_category,
        submitted_at=model.submitted_at,
        channel=model.channel,
    )
