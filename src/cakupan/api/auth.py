"""Token authentication for machine clients.

A token stands for its user: the same roles, the same region scope.
"""

from datetime import timedelta

from django.db.models import prefetch_related_objects
from django.utils import timezone
from ninja.security import HttpBearer

from cakupan.accounts.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token))
            .first()
        )
        if found is None or not found.is_usable() or not found.user.is_active:
            return None
        now = timezone.now()
        # Stamp at most once a minute: a busy client must not turn every read into a write.
        if found.last_used_at is None or now - found.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        # Scope checks read the user's role assignments several times per request: read once.
        prefetch_related_objects([found.user], "assignments")
        request.user = found.user
        return found.user
