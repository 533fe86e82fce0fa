"""The only two ways markup from the database reaches a template.

Rich text (Trix fields, report blocks) goes through the nh3 sanitiser and charts through the SVG
allow-list, every time they are shown, so a snapshot or a text stored before a sanitiser fix is
cleaned as well. Templates never use ``|safe`` on stored content.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from analysis.richtext import sanitize, sanitize_svg

register = template.Library()


@register.filter
def sanitized(html: str | None) -> SafeString:
    # mark_safe is right here: the string is the sanitiser's output.
    return mark_safe(sanitize(html or ""))


@register.filter
def chart(svg: str | None) -> SafeString:
    # mark_safe is right here: the string is the SVG allow-list's output.
    return mark_safe(sanitize_svg(svg or ""))
