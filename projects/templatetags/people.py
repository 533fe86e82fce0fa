"""`{% person entry.actor entry.actor_label %}`: a person by name (projects.people), the
current name while the account exists, else the label stored with the row."""

from django import template

from projects.people import person_label

register = template.Library()


@register.simple_tag(takes_context=True)
def person(context, user, stored_label: str = "") -> str:
    if user is None:
        return stored_label
    # One lookup per person per page, however many rows name them.
    cache = context.render_context.setdefault("people_labels", {})
    if user.pk not in cache:
        cache[user.pk] = person_label(user, gemeente=context.get("gemeente"))
    return cache[user.pk]
