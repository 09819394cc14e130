"""Fixtures of the import tests."""

import pytest
from django.test import Client

from conftest import MakeUser, Tree
from dangvu.evaluation.tests.conftest import rated  # noqa: F401  (the rating import's rounds)
from dangvu.organizations.roles import Role


@pytest.fixture
def admin(tree: Tree, make_user: MakeUser, client: Client) -> Client:
    """A client logged in as a system administrator, over the shared tree."""
    client.force_login(make_user("quantri", Role.ADMIN))
    return client
