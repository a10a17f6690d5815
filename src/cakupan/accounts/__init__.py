"""Users, roles, permissions and each user's region scope."""
