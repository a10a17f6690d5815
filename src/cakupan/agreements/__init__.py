"""Cooperation agreements (PKS) and roster imports that enrol many people for a duty period."""
