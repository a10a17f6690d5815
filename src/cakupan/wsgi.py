"""WSGI entry point for production servers (gunicorn, granian): `cakupan.wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cakupan.settings")
application = get_wsgi_application()
