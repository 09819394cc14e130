"""Who may edit the portal: Wagtail's groups, derived from the workspace's role assignments.

There is one permission system. A user's portal rights come from the roles they hold today
(`organizations.RoleAssignment`, given and ended at /app/users/): PORTAL_EDITOR writes and
submits to review, PORTAL_PUBLISHER reviews and publishes, ADMIN administers the portal.
Each role is a Wagtail group whose permissions are set here (`groups_ensure`, after every
migrate); a user's memberships are set here too (`groups_sync`: at login, when one of
their role assignments is saved, and on every request to the admin, so that a role ending
at midnight ends the rights with it). Nothing else puts anyone in a group.

Editors are limited to their sections. A section (CategoryPage) may belong to an
organization (`CategoryPage.org`; blank: the committee's own section). An editor's
assignment covers its organization's subtree, as every assignment does
(`organizations.access`):
- held over the tree's top (the committee: no parent on that day), it gives the group
  EDITORS, whose rights are granted on the home page: every section, the linked websites;
- held over a lower organization (a grassroots organization, a cell), it gives one group
  per section whose organization is in that subtree on that day ("Biên tập chuyên mục: …
  (#id)", rights granted on that section page only, and the admin and the media as
  EDITORS have them), and nothing elsewhere. An editor assigned over an organization with
  no section enters the admin and can add nothing.
A section's group is made and renamed when the section is saved (a change of its
organization counts once published, as every field of a page does) and removed with it;
`groups_ensure` puts them all back. Rights follow a changed section or an ended
assignment on the user's next request to the admin.

Publishers and administrators stay site-wide whatever organization their assignment names:
the review workflow is one task for the whole site, approved by the group PUBLISHERS, and
splitting it per section is left for when a grassroots organization reviews its own news.
Only those site-wide (EDITORS, PUBLISHERS, ADMINS) choose a section's organization
(`ASSIGN_SECTION`), so that a limited editor cannot widen their own rights.

No group holds the `auth` permissions, so Wagtail's own Users and Groups pages are closed
to everyone: accounts and roles are managed at /app/users/ only."""

import datetime as dt
import re
from collections.abc import Iterable

from django.apps import AppConfig
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_migrate, post_save
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
from dangvu.organizations.access import Scope, visible_org_ids
from dangvu.organizations.models import OrgVersion, RoleAssignment, active_on
from dangvu.organizations.roles import Role
from dangvu.portal.models import CategoryPage
from dangvu.portal.models.pages import ASSIGN_SECTION

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
SECTION_ORG = f"portal.{ASSIGN_SECTION}"
GLOBAL_RIGHTS = {
    EDITORS: ("wagtailadmin.access_admin", *LINKS, SECTION_ORG),
    PUBLISHERS: ("wagtailadmin.access_admin", *LINKS, "portal.delete_linkedwebsite", SECTION_ORG),
}
# A section's editors: EDITORS' page rights on that section only; the admin and the media,
# but not the linked websites, which are the whole site's.
SECTION_GROUP = "Biên tập chuyên mục: {title} (#{pk})"
SECTION_GROUP_PREFIX = SECTION_GROUP.split("{")[0]
SECTION_GROUP_ID = re.compile(r"\(#(\d+)\)$")
SECTION_PAGE_RIGHTS = PAGE_RIGHTS[EDITORS]
SECTION_GLOBAL_RIGHTS = ("wagtailadmin.access_admin",)
GROUP_NAME_LENGTH = 150  # auth.Group.name
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
    """Create the three groups, the review workflow and its task, and the sections' groups,
    and set their rights to exactly the above (what was changed by hand is put back); the
    three groups by name. Idempotent."""
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
    section_groups_ensure()
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


def section_group_name(section_id: int, title: str) -> str:
    """The name of the group of the section SECTION_ID, its title shortened to fit."""
    room = GROUP_NAME_LENGTH - len(SECTION_GROUP.format(title="", pk=section_id))
    if len(title) > room:
        title = title[: room - 1] + "…"
    return SECTION_GROUP.format(title=title, pk=section_id)


def _section_groups() -> dict[int, Group]:
    """The sections' groups, by the id of their section (the end of their name)."""
    found = {}
    for group in Group.objects.filter(name__startswith=SECTION_GROUP_PREFIX):
        if match := SECTION_GROUP_ID.search(group.name):
            found[int(match[1])] = group
    return found


@transaction.atomic
def section_group_ensure(section: CategoryPage, group: Group | None = None) -> Group | None:
    """Make, rename and set the rights of the group of SECTION (GROUP, when already found);
    remove it when the section belongs to no organization. Idempotent."""
    group = group or _section_groups().get(section.pk)
    if section.org_id is None:
        if group is not None:
            group.delete()
        return None
    name = section_group_name(section.pk, section.title)
    if group is None:
        group = Group.objects.create(name=name)
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    group.permissions.set(_permissions(SECTION_GLOBAL_RIGHTS))
    GroupPagePermission.objects.filter(group=group).delete()
    for permission in _permissions(f"wagtailcore.{c}" for c in SECTION_PAGE_RIGHTS):
        GroupPagePermission.objects.create(group=group, page=section, permission=permission)
    GroupCollectionPermission.objects.filter(group=group).delete()
    if (collection := Collection.get_first_root_node()) is not None:
        for permission in _permissions(_collection_permission(c) for c in MEDIA_EDIT):
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=permission
            )
    return group


def section_groups_ensure() -> None:
    """One group per section that belongs to an organization, and none for another."""
    groups = _section_groups()
    for section in CategoryPage.objects.order_by("pk"):
        section_group_ensure(section, groups.pop(section.pk, None))
    Group.objects.filter(pk__in=[group.pk for group in groups.values()]).delete()


def groups_of(user: AbstractBaseUser, on: dt.date) -> set[str]:
    """The names of the groups USER belongs in on ON: one per portal role held that day; for
    an editor assigned below the committee, one per section of their subtree instead."""
    if not user.is_active:
        return set()
    held = RoleAssignment.objects.filter(active_on(on), user_id=user.pk, role__in=GROUP_OF_ROLE)
    names, editor_orgs = set(), set()
    for role, org_id in held.values_list("role", "org_id"):
        if role == Role.PORTAL_EDITOR:
            editor_orgs.add(org_id)
        else:
            names.add(GROUP_OF_ROLE[Role(role)])
    if not editor_orgs:
        return names
    tops = OrgVersion.objects.as_of(on).filter(org_id__in=editor_orgs, parent__isnull=True)
    if tops.exists():
        return names | {EDITORS}
    # The organizations the assignments cover, as the workspace's scoping layer reads them.
    covered = visible_org_ids(Scope(roots=frozenset(editor_orgs)), on)
    sections = CategoryPage.objects.filter(org_id__in=covered).values_list("pk", "title")
    return names | {section_group_name(pk, title) for pk, title in sections}


# What Django and Wagtail cache on a user object for the request.
PERMISSION_CACHES = (
    "_perm_cache",
    "_user_perm_cache",
    "_group_perm_cache",
    "_page_permission_cache",
    "_explorable_root_page_cache",
    "_collection_permission_cache",
    "_site_permission_cache",
)


def groups_sync(user: AbstractBaseUser) -> None:
    """Put USER in exactly the groups of the portal roles they hold today (and of the
    sections these cover), and out of every other group. Idempotent: three to five queries
    when nothing changes."""
    wanted = groups_of(user, today())
    current = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    if current == wanted:
        return
    groups = list(Group.objects.filter(name__in=wanted))
    if len(groups) < len(wanted):
        groups_ensure()
        groups = list(Group.objects.filter(name__in=wanted))
    user.groups.set(groups)  # type: ignore[attr-defined]
    for cache in PERMISSION_CACHES:
        user.__dict__.pop(cache, None)


def _assignment_saved(instance: RoleAssignment, **_: object) -> None:
    transaction.on_commit(lambda: groups_sync(instance.user))


def _section_saved(
    instance: CategoryPage, raw: bool, update_fields: Iterable[str] | None, **_: object
) -> None:
    # A draft's partial saves (save_revision) change neither the title nor the organization.
    if raw or (update_fields is not None and not {"title", "org"} & set(update_fields)):
        return
    section_group_ensure(instance)


def _section_deleted(instance: CategoryPage, **_: object) -> None:
    if (group := _section_groups().get(instance.pk)) is not None:
        group.delete()


def _logged_in(user: AbstractBaseUser, **_: object) -> None:
    groups_sync(user)


def _migrated(**_: object) -> None:
    groups_ensure()


def connect_signals(app_config: AppConfig) -> None:
    """The workspace's apps know nothing of the portal: it listens to them."""
    post_save.connect(_assignment_saved, sender=RoleAssignment, dispatch_uid="portal-roles")
    post_save.connect(_section_saved, sender=CategoryPage, dispatch_uid="portal-section")
    post_delete.connect(_section_deleted, sender=CategoryPage, dispatch_uid="portal-section")
    user_logged_in.connect(_logged_in, dispatch_uid="portal-login")
    # After Wagtail's and the portal's own permissions exist (they are made on the same
    # signal, by django.contrib.auth, which is installed first).
    post_migrate.connect(_migrated, sender=app_config, dispatch_uid="portal-groups")
