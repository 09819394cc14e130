"""Who the command line acts as. Commands read through the same scoping layer as the web:
with --user, as that user; without, as the operator at the server's console."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from dangvu.common.access import Operator, User


def cli_user(username: object) -> User:
    if not username:
        return Operator()
    user = get_user_model().objects.filter(username=str(username)).first()
    if user is None:
        raise CommandError(f"Không có người dùng {username}.")
    return user
