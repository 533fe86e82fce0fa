from django import template

from ..tour import REOPENED_PARAM, tour_for

register = template.Library()

# The portfolio, a gemeente's page, a project's page and the account page.
STARTING_PAGES = {
    "projects:home",
    "projects:gemeente_home",
    "projects:project_home",
    "accounts:overview",
}


@register.inclusion_tag("accounts/_tour_panel.html", takes_context=True)
def tour_panel(context):
    """The "Zo werkt Integraal" panel at the top of the page, until the user closes it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    # A page answering a POST (a form with errors) keeps the user at their task.
    if user is None or request.method != "GET":
        return {"tour": None}
    # Until closed, it greets the user on the pages where work starts; a form, a question
    # or a report page shows it only when the user asked for it from the Help menu.
    match = getattr(request, "resolver_match", None)
    asked = request.GET.get(REOPENED_PARAM) == "1"
    if not asked and (match is None or match.view_name not in STARTING_PAGES):
        return {"tour": None}
    return {
        "tour": tour_for(user, getattr(request, "access", None)),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
