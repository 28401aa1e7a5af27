"""SQLAlchemy 2 models: batches, submissions, documents and pages (the database is the truth)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    inbox: Mapped[str] = mapped_column(Text)
    registry_dir: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submissions: Mapped[list[Submission]] = relationship(back_populates="batch")


class Submission(Base):
    __tablename__ = "submissions"
    # an uploader's submission_id is recorded once: a retried upload finds the first one (NULLs are distinct)
    __table_args__ = (UniqueConstraint("batch_id", "submission_id"),
                      Index("uq_submissions_uploaded_by", "uploaded_by", "submission_id", unique=True))

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), index=True)
    submission_id: Mapped[str] = mapped_column(String(255))  # a folder name: at most 255 bytes
    applicant_iin: Mapped[str | None] = mapped_column(String(12), index=True)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="received")
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # credit units, eligibility, shortfalls
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    service_center: Mapped[str | None] = mapped_column(String(64), index=True)  # set for HTTP uploads
    uploaded_by: Mapped[str | None] = mapped_column(String(200))  # API token name or workspace user
    batch: Mapped[Batch] = relationship(back_populates="submissions")
    documents: Mapped[list[Document]] = relationship(back_populates="submission", order_by="Document.file")


class Document(Base):
    """One input file. `state` is where it is in the pipeline; `status` the contract's outcome."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("submission_pk", "file"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_pk: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    file: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), default="received", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    pipeline_version: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))
    doc_type: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(8))
    fields: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    confidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    flags: Mapped[list[Any] | None] = mapped_column(JSON)
    credit_units: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    image_hash: Mapped[str | None] = mapped_column(String(32), index=True)  # perceptual hash of page 1
    canonical_number: Mapped[str | None] = mapped_column(String(64), index=True)
    issuer_org_id: Mapped[str | None] = mapped_column(String(64), index=True)  # also in fields, for filtering
    error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    submission: Mapped[Submission] = relationship(back_populates="documents")
    pages: Mapped[list[Page]] = relationship(back_populates="document", order_by="Page.page_no")


class Page(Base):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "page_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    page_no: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    mean_confidence: Mapped[float | None]
    text: Mapped[str] = mapped_column(Text, default="")
    lines: Mapped[list[Any] | None] = mapped_column(JSON)
    document: Mapped[Document] = relationship(back_populates="pages")
