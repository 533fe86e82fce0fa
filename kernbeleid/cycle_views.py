"""Pages of the yearly cycle (step 12): goals with their measurements, the yearly progress
of the actions, and every deadline of the user's projects. All read-only."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from projects.permissions import gemeente_view
from projects.selectors import project_get_for_gemeente

from . import cycle


def _context(request, project, **extra):
    return {"gemeente": request.access.gemeente, "project": project, **extra}


@gemeente_view()
@require_GET
def goals(request, project_uuid):
    project = project_get_for_gemeente(request.access.gemeente, project_uuid)
    return render(
        request,
        "kernbeleid/cycle/goals.html",
        _context(request, project, rows=cycle.goals_overview(project)),
    )


@gemeente_view()
@require_GET
def progress(request, project_uuid):
    project = project_get_for_gemeente(request.access.gemeente, project_uuid)
    return render(
        request,
        "kernbeleid/cycle/progress.html",
        _context(request, project, years=cycle.progress_overview(project)),
    )


@login_required
@require_GET
def deadlines(request):
    today = timezone.localdate()
    items = cycle.deadline_overview(request.user, today)
    return render(
        request,
        "kernbeleid/cycle/deadlines.html",
        {
            "today": today,
            "overdue": [item for item in items if item.overdue],
            "upcoming": [item for item in items if not item.overdue],
        },
    )
