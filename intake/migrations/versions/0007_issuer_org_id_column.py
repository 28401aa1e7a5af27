"""documents.issuer_org_id as its own indexed column: the review queue filters by issuer without reading JSON

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("issuer_org_id", sa.String(length=64), nullable=True))
    op.create_index("ix_documents_issuer_org_id", "documents", ["issuer_org_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE documents SET issuer_org_id = fields::json->>'issuer_org_id' WHERE fields IS NOT NULL")
    else:
        op.execute("UPDATE documents SET issuer_org_id = json_extract(fields, '$.issuer_org_id') "
                   "WHERE fields IS NOT NULL")


def downgrade() -> None:
    op.drop_index("ix_documents_issuer_org_id", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("issuer_org_id")
