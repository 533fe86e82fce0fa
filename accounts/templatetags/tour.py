from django import template

from ..tour import tour_for

register = template.Library()


@register.inclusion_tag("accounts/_tour_panel.html", takes_context=True)
def tour_panel(context):
    """The "Zo werkt Integraal" panel at the top of the page, until the user closes it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    # A page answering a POST (a form with errors) keeps the user at their task.
    if user is None or request.method != "GET":
        return {"tour": None}
    return {
        "tour": tour_for(user, getattr(request, "access", None)),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
