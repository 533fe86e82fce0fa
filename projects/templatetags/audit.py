"""The audit log in words: `{% for line in entry|audit_detail %}` (projects.audit_text)."""

from django import template

from projects.audit_text import detail_lines, without_placeholder_code

register = template.Library()

register.filter("without_placeholder_code", without_placeholder_code)


@register.filter
def audit_detail(entry) -> list[str]:
    return detail_lines(entry.detail, action=entry.action, object_type=entry.object_type)
