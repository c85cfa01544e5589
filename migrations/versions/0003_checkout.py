"""Checkout: orderer identities and addresses, stock reservations, checkouts with their orders,
lines and timeline, and payments with their notifications, refunds and sandbox charges.

Revision ID: 0003
Revises: 0002

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=30), nullable=False),
    sa.Column('phone', sa.String(length=11), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=False),
    sa.Column('city', sa.String(length=40), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('line1', sa.String(length=120), nullable=False),
    sa.Column('postcode', sa.String(length=6), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_addresses_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_addresses'))
    )
    with op.batch_alter_table('addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_addresses_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index('uq_addresses_one_default', ['owner_id'], unique=True, sqlite_where=sa.text('is_default'), postgresql_where=sa.text('is_default'))

    op.create_table('identities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('real_name_encrypted', sa.Text(), nullable=False),
    sa.Column('id_number_encrypted', sa.Text(), nullable=False),
    sa.Column('id_number_index', sa.String(length=64), nullable=False),
    sa.Column('id_number_masked', sa.String(length=18), nullable=False),
    sa.Column('consented_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('consent_channel', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_identities_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identities')),
    sa.UniqueConstraint('owner_id', 'id_number_index', name=op.f('uq_identities_owner_id_id_number_index'))
    )
    with op.batch_alter_table('identities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identities_id_number_index'), ['id_number_index'], unique=False)
        batch_op.create_index(batch_op.f('ix_identities_owner_id'), ['owner_id'], unique=False)

    op.create_table('checkouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('identity_id', sa.Integer(), nullable=True),
    sa.Column('address_id', sa.Integer(), nullable=True),
    sa.Column('payment_method', sa.String(length=10), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('goods', sa.Numeric(18, 4), nullable=False),
    sa.Column('shipping', sa.Numeric(18, 4), nullable=False),
    sa.Column('tax', sa.Numeric(18, 4), nullable=False),
    sa.Column('total', sa.Numeric(18, 4), nullable=False),
    sa.Column('fx_rates', sa.JSON(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('idempotency_key', sa.String(length=100), nullable=True),
    sa.Column('request_hash', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['address_id'], ['addresses.id'], name=op.f('fk_checkouts_address_id_addresses'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['identity_id'], ['identities.id'], name=op.f('fk_checkouts_identity_id_identities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_checkouts_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkouts')),
    sa.UniqueConstraint('user_id', 'idempotency_key', name=op.f('uq_checkouts_user_id_idempotency_key'))
    )
    with op.batch_alter_table('checkouts', schema=None) as batch_op:
        batch_op.create_index('ix_checkouts_status_expires_at', ['status', 'expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_checkouts_user_id'), ['user_id'], unique=False)

    op.create_table('orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('checkout_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('route', sa.String(length=16), nullable=False),
    sa.Column('warehouse_code', sa.String(length=40), nullable=True),
    sa.Column('customs_regime', sa.String(length=10), nullable=False),
    sa.Column('customs_mode', sa.String(length=4), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('goods', sa.Numeric(18, 4), nullable=False),
    sa.Column('shipping', sa.Numeric(18, 4), nullable=False),
    sa.Column('discount', sa.Numeric(18, 4), nullable=False),
    sa.Column('tax', sa.Numeric(18, 4), nullable=False),
    sa.Column('tariff', sa.Numeric(18, 4), nullable=False),
    sa.Column('consumption_tax', sa.Numeric(18, 4), nullable=False),
    sa.Column('vat', sa.Numeric(18, 4), nullable=False),
    sa.Column('postal_tax', sa.Numeric(18, 4), nullable=False),
    sa.Column('total', sa.Numeric(18, 4), nullable=False),
    sa.Column('dutiable_value', sa.Numeric(18, 4), nullable=False),
    sa.Column('fx_rates', sa.JSON(), nullable=False),
    sa.Column('orderer_name_encrypted', sa.Text(), nullable=False),
    sa.Column('orderer_id_number_encrypted', sa.Text(), nullable=False),
    sa.Column('orderer_id_masked', sa.String(length=18), nullable=False),
    sa.Column('orderer_index', sa.String(length=64), nullable=False),
    sa.Column('consignee', sa.String(length=30), nullable=False),
    sa.Column('consignee_phone', sa.String(length=11), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=False),
    sa.Column('city', sa.String(length=40), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('address_line', sa.String(length=120), nullable=False),
    sa.Column('postcode', sa.String(length=6), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('total = goods + shipping + tax - discount', name=op.f('ck_orders_total_adds_up')),
    sa.ForeignKeyConstraint(['checkout_id'], ['checkouts.id'], name=op.f('fk_orders_checkout_id_checkouts')),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], name=op.f('fk_orders_shop_id_shops')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_orders_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders'))
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orders_checkout_id'), ['checkout_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_orderer_index'), ['orderer_index'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index('ix_orders_shop_status', ['shop_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_orders_user_id'), ['user_id'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('checkout_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('provider', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Numeric(18, 4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=128), nullable=False),
    sa.Column('redirect_url', sa.Text(), nullable=True),
    sa.Column('return_url', sa.Text(), nullable=True),
    sa.Column('payer_name', sa.String(length=60), nullable=True),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['checkout_id'], ['checkouts.id'], name=op.f('fk_payments_checkout_id_checkouts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('public_id', name=op.f('uq_payments_public_id'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_checkout_id'), ['checkout_id'], unique=False)

    op.create_table('order_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('who', sa.String(length=20), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_order_events_actor_id_users')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_events_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], name=op.f('fk_order_events_shop_id_shops')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_events'))
    )
    with op.batch_alter_table('order_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_events_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_events_shop_id'), ['shop_id'], unique=False)

    op.create_table('order_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('sku_id', sa.Integer(), nullable=False),
    sa.Column('listing_id', sa.Integer(), nullable=False),
    sa.Column('title_zh', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=True),
    sa.Column('sku_code', sa.String(length=64), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('weight_g', sa.Integer(), nullable=False),
    sa.Column('source_price', sa.Numeric(18, 4), nullable=False),
    sa.Column('source_currency', sa.String(length=3), nullable=False),
    sa.Column('fx_rate', sa.Numeric(12, 6), nullable=False),
    sa.Column('unit_price', sa.Numeric(18, 4), nullable=False),
    sa.Column('goods', sa.Numeric(18, 4), nullable=False),
    sa.Column('freight_share', sa.Numeric(18, 4), nullable=False),
    sa.Column('dutiable_value', sa.Numeric(18, 4), nullable=False),
    sa.Column('tax_code', sa.String(length=40), nullable=False),
    sa.Column('vat_rate', sa.Numeric(12, 6), nullable=False),
    sa.Column('consumption_tax_rate', sa.Numeric(12, 6), nullable=False),
    sa.Column('tariff_rate', sa.Numeric(12, 6), nullable=False),
    sa.Column('postal_rate', sa.Numeric(12, 6), nullable=False),
    sa.Column('tariff', sa.Numeric(18, 4), nullable=False),
    sa.Column('consumption_tax', sa.Numeric(18, 4), nullable=False),
    sa.Column('vat', sa.Numeric(18, 4), nullable=False),
    sa.Column('postal_tax', sa.Numeric(18, 4), nullable=False),
    sa.Column('tax', sa.Numeric(18, 4), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_order_lines_quantity_positive')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_lines_order_id_orders'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], name=op.f('fk_order_lines_shop_id_shops')),
    sa.ForeignKeyConstraint(['sku_id'], ['skus.id'], name=op.f('fk_order_lines_sku_id_skus')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_lines'))
    )
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_lines_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_lines_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_lines_sku_id'), ['sku_id'], unique=False)

    op.create_table('payment_notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=20), nullable=False),
    sa.Column('event_id', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_payment_notifications_payment_id_payments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_notifications')),
    sa.UniqueConstraint('provider', 'event_id', name=op.f('uq_payment_notifications_provider_event_id'))
    )
    with op.batch_alter_table('payment_notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_notifications_payment_id'), ['payment_id'], unique=False)

    op.create_table('payment_refunds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(18, 4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('provider_reference', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('settled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_payment_refunds_payment_id_payments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_refunds')),
    sa.UniqueConstraint('public_id', name=op.f('uq_payment_refunds_public_id'))
    )
    with op.batch_alter_table('payment_refunds', schema=None) as batch_op:
        batch_op.create_index('ix_payment_refunds_payment_status', ['payment_id', 'status'], unique=False)

    op.create_table('sandbox_charges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('payer_name', sa.String(length=60), nullable=True),
    sa.Column('amount', sa.Numeric(18, 4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('refunded', sa.Numeric(18, 4), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_sandbox_charges_payment_id_payments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sandbox_charges')),
    sa.UniqueConstraint('event_id', name=op.f('uq_sandbox_charges_event_id')),
    sa.UniqueConstraint('payment_id', name=op.f('uq_sandbox_charges_payment_id')),
    sa.UniqueConstraint('reference', name=op.f('uq_sandbox_charges_reference'))
    )
    op.create_table('stock_reservations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stock_level_id', sa.Integer(), nullable=False),
    sa.Column('sku_id', sa.Integer(), nullable=False),
    sa.Column('location', sa.String(length=40), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('holder', sa.String(length=80), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('settled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('held', 'committed', 'released')", name=op.f('ck_stock_reservations_status_known')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_stock_reservations_quantity_positive')),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], name=op.f('fk_stock_reservations_shop_id_shops')),
    sa.ForeignKeyConstraint(['sku_id'], ['skus.id'], name=op.f('fk_stock_reservations_sku_id_skus'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stock_level_id'], ['stock_levels.id'], name=op.f('fk_stock_reservations_stock_level_id_stock_levels'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_reservations'))
    )
    with op.batch_alter_table('stock_reservations', schema=None) as batch_op:
        batch_op.create_index('ix_stock_reservations_due', ['status', 'expires_at'], unique=False)
        batch_op.create_index('ix_stock_reservations_holder', ['holder'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_reservations_shop_id'), ['shop_id'], unique=False)



def downgrade():
    with op.batch_alter_table('stock_reservations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_reservations_shop_id'))
        batch_op.drop_index('ix_stock_reservations_holder')
        batch_op.drop_index('ix_stock_reservations_due')

    op.drop_table('stock_reservations')
    op.drop_table('sandbox_charges')
    with op.batch_alter_table('payment_refunds', schema=None) as batch_op:
        batch_op.drop_index('ix_payment_refunds_payment_status')

    op.drop_table('payment_refunds')
    with op.batch_alter_table('payment_notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_notifications_payment_id'))

    op.drop_table('payment_notifications')
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_lines_sku_id'))
        batch_op.drop_index(batch_op.f('ix_order_lines_shop_id'))
        batch_op.drop_index(batch_op.f('ix_order_lines_order_id'))

    op.drop_table('order_lines')
    with op.batch_alter_table('order_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_events_shop_id'))
        batch_op.drop_index(batch_op.f('ix_order_events_order_id'))

    op.drop_table('order_events')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_checkout_id'))

    op.drop_table('payments')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orders_user_id'))
        batch_op.drop_index('ix_orders_shop_status')
        batch_op.drop_index(batch_op.f('ix_orders_shop_id'))
        batch_op.drop_index(batch_op.f('ix_orders_orderer_index'))
        batch_op.drop_index(batch_op.f('ix_orders_checkout_id'))

    op.drop_table('orders')
    with op.batch_alter_table('checkouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checkouts_user_id'))
        batch_op.drop_index('ix_checkouts_status_expires_at')

    op.drop_table('checkouts')
    with op.batch_alter_table('identities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identities_owner_id'))
        batch_op.drop_index(batch_op.f('ix_identities_id_number_index'))

    op.drop_table('identities')
    with op.batch_alter_table('addresses', schema=None) as batch_op:
        batch_op.drop_index('uq_addresses_one_default', sqlite_where=sa.text('is_default'), postgresql_where=sa.text('is_default'))
        batch_op.drop_index(batch_op.f('ix_addresses_owner_id'))

    op.drop_table('addresses')
