"""Who may edit the portal: Wagtail's groups, derived from the workspace's role assignments.

There is one permission system. A user's portal rights come from the roles they hold today
(`organizations.RoleAssignment`, given and ended at /app/users/): PORTAL_EDITOR writes and
submits to review, PORTAL_PUBLISHER reviews and publishes, ADMIN administers the portal.
Each role is one Wagtail group whose permissions are set here (`groups_ensure`, after every
migrate); a user's memberships are set here too (`groups_sync`: at login, when one of
their role assignments is saved, and on every request to the admin, so that a role ending
at midnight ends the rights with it). Nothing else puts anyone in a group. Editors' rights
cover the whole site: a role is held over the committee, not over a section.

No group holds the `auth` permissions, so Wagtail's own Users and Groups pages are closed
to everyone: accounts and roles are managed at /app/users/ only."""

import datetime as dt
from collections.abc import Iterable

from django.apps import AppConfig
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_migrate, post_save
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from dangvu.common.clock import today
from dangvu.organizations.models import RoleAssignment, active_on
from dangvu.organizations.roles import Role

EDITORS = "Biên tập viên cổng thông tin"
PUBLISHERS = "Duyệt, xuất bản tin bài"
ADMINS = "Quản trị cổng thông tin"
GROUP_OF_ROLE = {Role.PORTAL_EDITOR: EDITORS, Role.PORTAL_PUBLISHER: PUBLISHERS, Role.ADMIN: ADMINS}
WORKFLOW = "Duyệt tin bài"
REVIEW_TASK = "Duyệt và xuất bản"
# What Wagtail's first migrations create and the mapping replaces.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

# Page permissions, granted on the home page (every section) or, for the administrators,
# on the tree's root.
PAGE_RIGHTS = {
    EDITORS: ("add_page", "change_page", "lock_page"),
    PUBLISHERS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    ADMINS: ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page",
             "unlock_page"),
}  # fmt: skip
# Images and documents (videos), in every collection.
MEDIA_EDIT = ("add_image", "change_image", "choose_image", "add_document", "change_document",
              "choose_document")  # fmt: skip
MEDIA_ALL = (*MEDIA_EDIT, "delete_image", "delete_document")
COLLECTION_RIGHTS = {
    EDITORS: MEDIA_EDIT,
    PUBLISHERS: MEDIA_ALL,
    ADMINS: (*MEDIA_ALL, "add_collection", "change_collection", "delete_collection"),
}
LINKS = ("portal.add_linkedwebsite", "portal.change_linkedwebsite", "portal.view_linkedwebsite")
GLOBAL_RIGHTS = {
    EDITORS: ("wagtailadmin.access_admin", *LINKS),
    PUBLISHERS: ("wagtailadmin.access_admin", *LINKS, "portal.delete_linkedwebsite"),
}
# The administrators also hold every permission on the media, the portal's own models and
# Wagtail's workflows, tasks, sites and collections; never those of `auth`.
ADMIN_APPS = ("wagtailimages", "wagtaildocs", "portal")
ADMIN_CORE_MODELS = ("workflow", "task", "site", "collection")


def _permissions(names: Iterable[str]) -> list[Permission]:
    wanted = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(wanted))


def _collection_permission(codename: str) -> str:
    model = codename.split("_", 1)[1]
    app = {"image": "wagtailimages", "document": "wagtaildocs"}.get(model, "wagtailcore")
    return f"{app}.{codename}"


def _home() -> Page | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


@transaction.atomic
def groups_ensure() -> dict[str, Group]:
    """Create the three groups, the review workflow and its task, and set their rights to
    exactly the above (what was changed by hand is put back). Idempotent."""
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    GroupApprovalTask.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_RIGHTS}
    admin_permissions = Permission.objects.filter(
        Q(content_type__app_label__in=ADMIN_APPS)
        | Q(content_type__app_label="wagtailcore", content_type__model__in=ADMIN_CORE_MODELS)
        | Q(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    groups[ADMINS].permissions.set(admin_permissions)
    for name, rights in GLOBAL_RIGHTS.items():
        groups[name].permissions.set(_permissions(rights))

    home, root = _home(), Page.get_first_root_node()
    GroupPagePermission.objects.filter(group__in=groups.values()).delete()
    for name, rights in PAGE_RIGHTS.items():
        page = root if name == ADMINS else home
        if page is None:
            continue
        for permission in _permissions(f"wagtailcore.{codename}" for codename in rights):
            GroupPagePermission.objects.create(group=groups[name], page=page, permission=permission)

    GroupCollectionPermission.objects.filter(group__in=groups.values()).delete()
    if (collection := Collection.get_first_root_node()) is not None:
        for name, rights in COLLECTION_RIGHTS.items():
            for permission in _permissions(_collection_permission(c) for c in rights):
                GroupCollectionPermission.objects.create(
                    group=groups[name], collection=collection, permission=permission
                )

    _workflow_ensure(groups[PUBLISHERS], home)
    return groups


def _workflow_ensure(reviewers: Group, home: Page | None) -> None:
    """ "Duyệt tin bài": one task, approved by the publishers, on the home page (so on every
    section and article)."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set([reviewers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if home is not None:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def groups_of(user: AbstractBaseUser, on: dt.date) -> set[str]:
    """The names of the groups USER belongs in on ON: one per portal role held that day."""
    if not user.is_active:
        return set()
    held = RoleAssignment.objects.filter(active_on(on), user_id=user.pk, role__in=GROUP_OF_ROLE)
    return {GROUP_OF_ROLE[Role(role)] for role in held.values_list("role", flat=True)}


def groups_sync(user: AbstractBaseUser) -> None:
    """Put USER in exactly the groups of the portal roles they hold today, and out of every
    other group. Idempotent: two queries when nothing changes."""
    wanted = groups_of(user, today())
    current = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    if current == wanted:
        return
    groups = list(Group.objects.filter(name__in=wanted))
    if len(groups) < len(wanted):
        found = groups_ensure()
        groups = [found[name] for name in wanted]
    user.groups.set(groups)  # type: ignore[attr-defined]
    # Django's backend caches a user's permissions on the object for the request.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)


def _assignment_saved(instance: RoleAssignment, **_: object) -> None:
    transaction.on_commit(lambda: groups_sync(instance.user))


def _logged_in(user: AbstractBaseUser, **_: object) -> None:
    groups_sync(user)


def _migrated(**_: object) -> None:
    groups_ensure()


def connect_signals(app_config: AppConfig) -> None:
    """The workspace's apps know nothing of the portal: it listens to them."""
    post_save.connect(_assignment_saved, sender=RoleAssignment, dispatch_uid="portal-roles")
    user_logged_in.connect(_logged_in, dispatch_uid="portal-login")
    # After Wagtail's and the portal's own permissions exist (they are made on the same
    # signal, by django.contrib.auth, which is installed first).
    post_migrate.connect(_migrated, sender=app_config, dispatch_uid="portal-groups")
