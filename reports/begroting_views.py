"""The download of the paragraaf veiligheid for the begroting or the jaarverslag."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from projects.permissions import can_edit, project_view

from .begroting_export import paragraph_build, paragraph_docx, paragraph_xlsx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@project_view(require=can_edit)
@require_GET
def begroting_paragraph(request, year, variant, fmt):
    """Editors only: the paragraph is a working file for the begroting or jaarverslag."""
    if fmt not in CONTENT_TYPES:
        raise Http404("Kies DOCX of XLSX.")
    try:
        paragraph = paragraph_build(
            request.project, year, variant, gemeente=request.access.gemeente
        )
    except ValidationError as error:
        raise Http404(error.messages[0]) from error
    data = paragraph_docx(paragraph) if fmt == "docx" else paragraph_xlsx(paragraph)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{paragraph.filename_stem}.{fmt}"'
    return response
