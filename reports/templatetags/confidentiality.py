"""Badges beside parts marked vertrouwelijk, for editors' pages (analysis themes, kadernota
chapters). The project's marks are read once per request and kept on the project."""

from django import template
from django.utils.html import format_html

from projects.confidentiality import confidential_marks, theme_key, theme_text_key

register = template.Library()


def _marks(project) -> dict:
    marks = getattr(project, "_confidential_marks_cache", None)
    if marks is None:
        marks = confidential_marks(project)
        project._confidential_marks_cache = marks
    return marks


def _key(part, text: str = "") -> str:
    if isinstance(part, str):
        return part
    return theme_text_key(part, text) if text else theme_key(part)


@register.simple_tag
def confidential_badge(project, part, text: str = "") -> str:
    """ "Vertrouwelijk: <reden>" when the part is marked, else nothing. `part` is a theme
    (with `text`: one of its texts) or a key such as "kadernota:visie"."""
    mark = _marks(project).get(_key(part, text))
    if mark is None:
        return ""
    return format_html(
        '<span class="badge text-bg-danger confidential-badge">Vertrouwelijk: {}</span>',
        mark.get_reason_display(),
    )
