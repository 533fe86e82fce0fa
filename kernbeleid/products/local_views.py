"""The page where a gemeente writes its local chapter of a joint plan (products/local.py)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from projects.permissions import project_view, tenant_context

from . import local
from .forms import LocalChapterForm


@project_view(require=lambda role: role.can_edit)
@require_http_methods(["GET", "POST"])
def local_chapter(request, document):
    """GET ?gemeente=<slug> (the lead's editors choose any chapter) or the requester's own;
    POST sends the slug as a field."""
    if document not in local.Document.values:
        raise Http404("Dit document heeft geen lokale hoofdstukken.")
    project = request.project
    source = request.POST if request.method == "POST" else request.GET
    gemeente = local.chapter_gemeente(
        access_gemeente=request.access.gemeente,
        project=project,
        slug=source.get("gemeente", ""),
    )
    chapter = local.local_chapter(project, gemeente, document)
    if request.method == "POST":
        form = LocalChapterForm(request.POST)
        if form.is_valid():
            local.local_chapter_save(
                actor=request.user,
                project=project,
                gemeente=gemeente,
                document=document,
                **form.cleaned_data,
            )
            messages.success(request, f"Het lokale hoofdstuk van {gemeente.name} is opgeslagen.")
            url = redirect(
                "kernbeleid:local_chapter",
                gemeente_slug=request.access.gemeente.slug,
                project_uuid=project.uuid,
                document=document,
            ).url
            return redirect(f"{url}?gemeente={gemeente.slug}")
    else:
        form = LocalChapterForm(
            initial={name: getattr(chapter, name) for name in local.LOCAL_TEXTS}
        )
    is_lead = request.access.gemeente.pk == project.gemeente_id
    others = [
        other for other in local.plan_gemeenten(project) if is_lead and other.pk != gemeente.pk
    ]
    return render(
        request,
        "kernbeleid/products/local_chapter.html",
        tenant_context(
            request,
            form=form,
            chapter=chapter,
            chapter_gemeente=gemeente,
            document=document,
            document_label=local.Document(document).label,
            others=others,
        ),
    )
