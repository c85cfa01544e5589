"""Customs filings: each paid order's order message and payment record, filed through the gateway.

Revision ID: 0004
Revises: 0003

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('customs_filings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('message', sa.JSON(), nullable=True),
    sa.Column('gateway', sa.String(length=20), nullable=True),
    sa.Column('receipt_number', sa.String(length=64), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('filed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_customs_filings_order_id_orders')),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], name=op.f('fk_customs_filings_shop_id_shops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customs_filings')),
    sa.UniqueConstraint('order_id', 'kind', name=op.f('uq_customs_filings_order_id_kind'))
    )
    with op.batch_alter_table('customs_filings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customs_filings_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_customs_filings_shop_id'), ['shop_id'], unique=False)



def downgrade():
    with op.batch_alter_table('customs_filings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customs_filings_shop_id'))
        batch_op.drop_index(batch_op.f('ix_customs_filings_order_id'))

    op.drop_table('customs_filings')
