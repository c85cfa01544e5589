"""The shopper's orderer identities (订购人: real name and resident ID number, as customs needs
them) and delivery addresses. Checkout reads both; only this package writes them."""
