"""The shopper's endpoints: cart, orderer identities and addresses, checkout and orders."""
