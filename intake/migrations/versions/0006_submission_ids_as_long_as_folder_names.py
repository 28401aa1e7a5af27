"""submission ids as long as folder names (255): PostgreSQL refused INBOX folders with longer names than 200

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return  # SQLite does not enforce VARCHAR lengths; re-creating the table would gain nothing
    with op.batch_alter_table("submissions") as batch:
        batch.alter_column("submission_id", existing_type=sa.String(length=200), type_=sa.String(length=255),
                           existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    with op.batch_alter_table("submissions") as batch:
        batch.alter_column("submission_id", existing_type=sa.String(length=255), type_=sa.String(length=200),
                           existing_nullable=False)
