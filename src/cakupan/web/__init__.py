"""The web interface: pages, layout, language, formatting and request-level safety."""
