"""api tokens and service centers (HTTP intake): api_tokens; submissions.service_center and uploaded_by

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("service_center", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("token_hash"),
    )
    # plain ALTER TABLE, not batch mode: SQLite's copy-and-drop of `submissions` breaks documents' foreign keys
    op.add_column("submissions", sa.Column("service_center", sa.String(length=64), nullable=True))
    op.add_column("submissions", sa.Column("uploaded_by", sa.String(length=200), nullable=True))
    op.create_index("ix_submissions_service_center", "submissions", ["service_center"], unique=False)
    op.create_index("uq_submissions_uploaded_by", "submissions", ["uploaded_by", "submission_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_submissions_uploaded_by", table_name="submissions")
    op.drop_index("ix_submissions_service_center", table_name="submissions")
    op.drop_column("submissions", "uploaded_by")
    op.drop_column("submissions", "service_center")
    op.drop_table("api_tokens")
