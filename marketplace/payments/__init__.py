"""Payments: one payment per attempt to pay a whole checkout, through a provider adapter (the
sandbox, Alipay, WeChat Pay), the providers' verified notifications, and refunds.

The checkout above creates payments (``services.create_payment``) and hears of their outcome
through ``events.payment_succeeded`` and ``events.payment_refunded``; nothing here knows about
checkouts or orders beyond the checkout's id."""
