"""The admin's form of a section (CategoryPage): its organization as a plain select."""

from typing import Any

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm

from dangvu.common.clock import today
from dangvu.organizations.models import OrgKind, OrgUnit, OrgVersion
from dangvu.organizations.selectors import in_tree_order, org_version_on

# An indent per level of the tree, so that the select reads as the tree.
INDENT = "\u2003"


class SectionForm(WagtailAdminPageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("org")
        if field is None:  # not shown to this user (CategoryPage.content_panels)
            return
        # The organizations of today's tree down to the grassroots and their sub-committees;
        # the cells below them would make the list as long as the tree. The section's own
        # organization stays offered whatever it has become (dissolved: as it last stood).
        current = self.instance.org
        day = today()
        found = list(
            OrgVersion.objects.as_of(day)
            .filter(~Q(kind=OrgKind.CELL) | Q(org=current))
            .select_related("org")
        )
        if current is not None and current.pk not in {v.org_id for v in found}:
            found += [v for v in [org_version_on(current, day)] if v is not None]
        versions = in_tree_order(found)
        field.queryset = OrgUnit.objects.filter(pk__in=[v.org_id for v in versions])
        field.choices = [
            ("", "---------"),
            *((v.org_id, f"{INDENT * v.depth}{v.name} ({v.org.code})") for v in versions),
        ]
