"""Outreach (sosialisasi): campaigns, events, attendees and the enrolments they led to."""
