from django.conf import settings
from django.db import models


class TwoFactorEnrolment(models.Model):
    """Liên kết đăng ký xác thực hai lớp: a link an administrator issues to one user, who
    opens it (logged in as themselves) to receive a new authenticator secret. It works once,
    until it expires, and a newer link replaces it. The link carries a random nonce, kept
    here only as its SHA-256."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    nonce_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)  # or replaced by a newer link

    def __str__(self) -> str:
        return f"2FA enrolment {self.pk} of user {self.user_id}"
