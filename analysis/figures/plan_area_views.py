"""The plan area of a joint plan (issue 19): the figures of all its gemeenten combined, each
gemeente's own beside them, and where one stands out; and each gemeente's inhabitants aged
15 and over, which the combination weighs with."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from projects.forms import apply_validation_error
from projects.joint import plan_gemeenten
from projects.permissions import can_edit, project_view, tenant_context

from . import plan_area_selectors
from .population_forms import PopulationForm
from .services import population_set


@project_view(require=can_edit)
@require_http_methods(["GET", "POST"])
def plan_area(request):
    project = request.project
    if not project.joint:
        raise Http404("Dit is geen gezamenlijk plan van meer gemeenten.")
    gemeente = request.access.gemeente
    gemeenten = plan_gemeenten(project)
    years = plan_area_selectors.plan_years(project, gemeenten)
    year = _year(request, years)
    form = PopulationForm(
        request.POST if request.method == "POST" else None,
        initial=plan_area_selectors.population_initial(gemeente, year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            population_set(actor=request.user, gemeente=gemeente, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"Het aantal inwoners van 15 jaar en ouder van {gemeente.name} is opgeslagen.",
            )
            return redirect(request.get_full_path())
    context = tenant_context(request, years=years, year=year, form=form, gemeenten=gemeenten)
    if year is not None:
        editions = plan_area_selectors.plan_editions(project, gemeenten, year)
        plan = plan_area_selectors.plan_area_for_editions(
            editions,
            indicators=plan_area_selectors.plan_indicators([e for _g, e in editions if e]),
            min_n=project.min_n,
            warn_n=project.warn_n,
        )
        context["plan"] = plan
        context["standing_out"] = [s for row in plan.rows for s in row.standing_out]
    return render(request, "analysis/figures/plan_area.html", context)


def _year(request, years: list[int]) -> int | None:
    asked = request.GET.get("editie")
    if asked is None:
        return years[-1] if years else None
    if not asked.isdigit() or int(asked) not in years:
        raise Http404("Deze editie is er niet voor de gemeenten van dit plan.")
    return int(asked)
