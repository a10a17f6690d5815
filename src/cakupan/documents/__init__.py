"""Documents the app hands to people: PDFs rendered from Django templates, and QR codes.

Shared by every app that prints (agreement invoices and certificates, claim letters, reports).
"""
