from django import template

from dangvu.organizations.models import OrgUnit

register = template.Library()


@register.filter
def org_name(org: OrgUnit | None) -> str:
    """The organization's name as it was last called, for pages that name it beside a
    record (a plan's committee, a meeting's cell). Lists prefetch `versions`, so a row
    costs no query."""
    if org is None:
        return "—"
    versions = list(org.versions.all())
    if not versions:
        return org.code
    return max(versions, key=lambda version: version.valid_from).name
