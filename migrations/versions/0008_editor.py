"""revisions record the version of the Polish text they hold

Revision ID: 0008_editor
Revises: 0006_content
Create Date: 2026-11-26 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_editor'
down_revision = '0006_content'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=True))

    # Earlier revisions kept the version inside their snapshot: copy it out.
    revisions = sa.table(
        'revisions', sa.column('id', sa.Integer()), sa.column('version', sa.Integer()),
        sa.column('data', sa.JSON()),
    )
    connection = op.get_bind()
    for row in connection.execute(sa.select(revisions.c.id, revisions.c.data)).all():
        version = (row.data or {}).get('version')
        if isinstance(version, int):
            connection.execute(
                revisions.update().where(revisions.c.id == row.id).values(version=version)
            )


def downgrade():
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_column('version')
