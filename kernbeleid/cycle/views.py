"""Pages of the yearly cycle (step 12): goals with their measurements, the yearly progress
of the actions, and every deadline of the user's projects. All read-only."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from projects.permissions import portfolio_view, project_view, tenant_context

from . import selectors
from .deadlines import deadline_overview, next_deadline


@project_view(require=lambda role: role.can_edit)
@require_GET
def goals(request):
    return render(
        request,
        "kernbeleid/cycle/goals.html",
        tenant_context(request, rows=selectors.goals_overview(request.project)),
    )


@project_view(require=lambda role: role.can_edit)
@require_GET
def progress(request):
    return render(
        request,
        "kernbeleid/cycle/progress.html",
        tenant_context(request, years=selectors.progress_overview(request.project)),
    )


@portfolio_view
@require_GET
def deadlines(request):
    today = timezone.localdate()
    items = deadline_overview(request.user, today)
    return render(
        request,
        "kernbeleid/cycle/deadlines.html",
        {
            "today": today,
            "overdue": [item for item in items if item.overdue],
            "upcoming": [item for item in items if not item.overdue],
            "next_item": next_deadline(items),
        },
    )
