"""accessibility: statement, required page keys, the sign-language film

Revision ID: 0009_accessibility
Revises: 0008_editor
Create Date: 2026-11-25 10:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0009_accessibility'
down_revision = '0008_editor'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accessibility_statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_url', sa.String(length=300), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('updated_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('prepared_on', sa.Date(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('assessment', sa.String(length=20), nullable=False),
    sa.Column('auditor', sa.String(length=300), nullable=False),
    sa.Column('contact_person', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=200), nullable=False),
    sa.Column('contact_phone', sa.String(length=50), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accessibility_statements'))
    )
    op.create_table('accessibility_statement_translations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=False),
    sa.Column('body_name', sa.String(length=300), nullable=False),
    sa.Column('site_name', sa.String(length=300), nullable=False),
    sa.Column('noncompliance', sa.Text(), nullable=False),
    sa.Column('exemptions', sa.Text(), nullable=False),
    sa.Column('shortcuts', sa.Text(), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('architecture', sa.Text(), nullable=False),
    sa.Column('sign_language', sa.Text(), nullable=False),
    sa.Column('mobile_apps', sa.Text(), nullable=False),
    sa.Column('locale', sa.String(length=12), nullable=False),
    sa.Column('source_version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['accessibility_statements.id'], name=op.f('fk_accessibility_statement_translations_parent_id_accessibility_statements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accessibility_statement_translations')),
    sa.UniqueConstraint('parent_id', 'locale', name=op.f('uq_accessibility_statement_translations_parent_id_locale'))
    )
    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('video', sa.String(length=300), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_pages_key'), ['key'])

    with op.batch_alter_table('page_translations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('video_text', sa.Text(), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('page_translations', schema=None) as batch_op:
        batch_op.drop_column('video_text')

    with op.batch_alter_table('pages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_pages_key'), type_='unique')
        batch_op.drop_column('video')
        batch_op.drop_column('key')

    op.drop_table('accessibility_statement_translations')
    op.drop_table('accessibility_statements')
