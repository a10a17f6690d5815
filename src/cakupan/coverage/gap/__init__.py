"""Gap lists: working residents matched against the registry, who is still outside."""
