"""How a version's status reads on every page: who made it final, on which decision, and
which edition of a joint plan it is."""

from django import template

from reports.editions import edition_label as label_of
from reports.editions import edition_labels
from reports.selectors import final_text

register = template.Library()

register.filter("final_text", final_text)


@register.simple_tag(takes_context=True)
def edition_label(context, version) -> str:
    """ "Editie Diemen" / "Gezamenlijk plan" on a joint plan, "" otherwise. The plan's labels
    are read once per rendered page, however many versions it lists."""
    cache = context.render_context.setdefault("edition_labels", {})
    if version.project_id not in cache:
        project = context.get("project")
        if project is None or project.pk != version.project_id:
            project = version.project
        cache[version.project_id] = edition_labels(project)
    return label_of(version, cache[version.project_id])
