"""Shared fixtures: regions of Sukamara, users with roles, logged-in clients."""
