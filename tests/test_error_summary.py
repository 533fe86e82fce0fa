"""A form shown again with errors says so at the top of the page, with a link to each field
(the GOV.UK / NL Design System error summary), before the form itself."""

import re

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from projects.templatetags.error_summary import ErrorItem, error_items
from tests.factories import ProjectFactory

SUMMARY = "data-error-summary"


def _summary(page: str) -> str:
    start = page.index(SUMMARY)
    return page[start : page.index("</div>", start)]


def _links(page: str) -> list[str]:
    return re.findall(r'<a href="#([^"]+)"', _summary(page))


def _kernbeleid_url(project, name):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid},
    )


def _decision(project, **extra):
    data = {
        "expected_step": project.current_step,
        "kind": "raadsbesluit",
        "decision_date": timezone.localdate().isoformat(),
        "number": "2027-RB-031",
        "outcome": "aangenomen",
        "amendement-TOTAL_FORMS": "5",
        "amendement-INITIAL_FORMS": "0",
    }
    return data | extra


@pytest.fixture
def at_9(world):
    return ProjectFactory(gemeente=world.gemeente, step=9)


def test_a_wrong_file_type_on_the_raadsbesluit_form_is_summarised_at_the_top(world, at_9):
    client = world.client("ambtenaar")
    fake = SimpleUploadedFile("besluit.pdf", b"Dit is gewoon tekst, geen PDF.")
    response = client.post(_kernbeleid_url(at_9, "decision_record"), _decision(at_9, document=fake))
    assert response.status_code == 200
    page = response.content.decode()
    assert not at_9.raad_decisions.filter(step=9).exists()
    # The summary comes before the page's heading and the form, and links to the file field.
    form_at = page.index('action="' + _kernbeleid_url(at_9, "decision_record"))
    assert page.index(SUMMARY) < page.index("<h1") < form_at
    assert "Er ging iets mis" in _summary(page)
    assert _links(page) == ["id_document"]
    assert 'id="id_document"' in page[form_at:]
    assert "Besluitdocument (PDF, DOCX of ODT): " in _summary(page)
    assert page.count(SUMMARY) == 1
    assert "js/error-summary.js" in page


def test_missing_fields_link_to_each_control_radios_to_their_first_choice(world, at_9):
    client = world.client("ambtenaar")
    response = client.post(
        _kernbeleid_url(at_9, "decision_record"), _decision(at_9, kind="", decision_date="")
    )
    page = response.content.decode()
    links = _links(page)
    assert links == ["id_kind_0", "id_decision_date"]
    for target in links:
        assert f'id="{target}"' in page  # every link has somewhere to go


def test_errors_of_a_formset_and_without_a_field_are_listed_too(world, at_9):
    client = world.client("ambtenaar")
    response = client.post(
        _kernbeleid_url(at_9, "decision_record"),
        _decision(at_9, **{"amendement-0-number": "A1"}),
    )
    summary = _summary(response.content.decode())
    assert "Vul bij dit amendement het nummer, het onderdeel en de tekst in." in summary


def test_the_priorities_form_links_to_the_missing_reasoning(world):
    va_services.analysis_ensure(project=world.project)
    subject = AnalysisTheme.objects.get(field__project=world.project, code="1.3")
    url = reverse(
        "analysis:va_priorities",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )
    response = world.client("ambtenaar").post(url, {f"{subject.pk}__proposed": "on"})
    page = response.content.decode()
    assert _links(page) == [f"id_{subject.pk}__reasoning"]
    assert f"Onderbouw waarom {subject.name} een prioriteit moet worden." in _summary(page)
    assert page.index(SUMMARY) < page.index(f'id="id_{subject.pk}__reasoning"')


def test_a_page_without_errors_has_no_summary(world, at_9):
    page = world.client("ambtenaar").get(_kernbeleid_url(at_9, "timeline")).content.decode()
    assert SUMMARY not in page
    assert "js/error-summary.js" not in page


class _Sample(forms.Form):
    name = forms.CharField(label="Naam")
    secret = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Het geheel klopt niet.")


def test_only_validated_forms_count_and_hidden_fields_get_no_link():
    untouched = _Sample({"name": ""})
    assert error_items([untouched]) == []
    assert untouched._errors is None  # the summary did not validate it

    checked = _Sample({"name": ""})
    checked.is_valid()
    assert error_items([checked, checked, {"not": "a form"}]) == [
        ErrorItem("Het geheel klopt niet."),
        ErrorItem("Naam: Dit veld is verplicht.", "#id_name", "name"),
        ErrorItem("Secret: Dit veld is verplicht."),
    ]
