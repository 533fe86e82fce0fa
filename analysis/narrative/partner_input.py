"""The werkgroep partners' input beside a theme, and adopting a part of it into a theme text.

A partner writes plain text (kernbeleid/partners). The ambtenaar takes a part of it into one of
the theme's texts: the part is added at the end of that text with a visible source line
("Bron: inbreng politie (Petra de Vries), 3 december 2026"), the source joins the theme's
bronnen, and the save goes through ``theme_save`` (compare-and-set on the version the
ambtenaar saw, a ThemeRevision with a note), so nobody's text is overwritten unseen.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from projects.nl_format import format_date
from projects.services import audit_record

from .constants import THEME_TEXTS, PartnerInputField
from .models import AnalysisTheme, InputAdoption, PartnerInput
from .services import theme_save, theme_texts

THEME_TEXT_LABELS = dict(THEME_TEXTS)
ADOPT_MAX = 10_000


@dataclass
class InputRow:
    """One partner's input on the theme, each part with its label, and what was adopted."""

    partner_input: PartnerInput
    parts: list[tuple[str, str, str]]  # (input field, label, text), only the filled ones
    adoptions: list[InputAdoption]


def theme_partner_inputs(theme: AnalysisTheme) -> list[InputRow]:
    adoptions: dict[int, list[InputAdoption]] = {}
    for adoption in InputAdoption.objects.filter(theme=theme).order_by("adopted_at", "id"):
        adoptions.setdefault(adoption.partner_input_id, []).append(adoption)
    return [
        InputRow(
            partner_input=item,
            parts=[
                (value, label, getattr(item, value))
                for value, label in PartnerInputField.choices
                if getattr(item, value).strip()
            ],
            adoptions=adoptions.get(item.pk, []),
        )
        for item in PartnerInput.objects.filter(theme=theme).order_by("organisation", "id")
    ]


def theme_adoptions(theme: AnalysisTheme) -> list[InputAdoption]:
    return list(InputAdoption.objects.filter(theme=theme).order_by("adopted_at", "id"))


def partner_input_get(theme: AnalysisTheme, input_uuid) -> PartnerInput:
    from django.http import Http404

    item = PartnerInput.objects.filter(theme=theme, uuid=input_uuid).first()
    if item is None:
        raise Http404("Deze inbreng hoort niet bij dit thema.")
    return item


def source_label(partner_input: PartnerInput, day) -> str:
    """'inbreng politie (Petra de Vries), 3 december 2026'."""
    name = partner_input.author_label.split(" (")[0].strip() or partner_input.author_label
    return f"inbreng {partner_input.organisation} ({name}), {format_date(day)}"[:300]


def _paragraphs(text: str) -> str:
    """Plain text as safe HTML paragraphs (blank lines part them, single breaks stay)."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in block.split("\n")) + "</p>"
        for block in blocks
        if block
    )


@transaction.atomic
def input_adopt(
    *,
    actor,
    theme: AnalysisTheme,
    partner_input: PartnerInput,
    input_field: str,
    theme_field: str,
    text: str = "",
    base_version: int,
    day: date | None = None,
) -> InputAdoption:
    """Add (a part of) one part of a partner's input to a theme text, with its source.

    `text` is the part the ambtenaar chose (plain text); empty takes the whole part. Raises
    ValidationError in Dutch, and services.EditConflict when the theme was saved by someone
    else since `base_version`. `day` dates the source line (today unless the demo tells a
    past)."""
    if partner_input.theme_id != theme.pk:
        raise ValidationError("Deze inbreng hoort niet bij dit thema.")
    if input_field not in PartnerInputField.values:
        raise ValidationError({"input_field": "Kies signalen, eigen cijfers of huidige aanpak."})
    if theme_field not in THEME_TEXT_LABELS:
        raise ValidationError({"theme_field": "Kies de tekst van het thema waar het in komt."})
    chosen = (text or "").replace("\r\n", "\n").strip() or getattr(
        partner_input, input_field
    ).strip()
    if not chosen:
        raise ValidationError({"text": "Dit deel van de inbreng is leeg; kies een deel met tekst."})
    if len(chosen) > ADOPT_MAX:
        raise ValidationError({"text": f"Neem hooguit {ADOPT_MAX} tekens tegelijk over."})
    source = source_label(partner_input, day or timezone.localdate())
    texts = theme_texts(theme)
    texts[theme_field] = (
        texts[theme_field] + _paragraphs(chosen) + f"<p><em>Bron: {escape(source)}</em></p>"
    )
    if theme_field != "bronnen":
        texts["bronnen"] = texts["bronnen"] + f"<p>{escape(source[0].upper() + source[1:])}</p>"
    saved = theme_save(
        actor=actor,
        theme=theme,
        texts=texts,
        base_version=base_version,
        note=f"{source[:120]} overgenomen in {THEME_TEXT_LABELS[theme_field].lower()}"[:200],
    )
    adoption = InputAdoption.objects.create(
        partner_input=partner_input,
        theme=saved,
        input_field=input_field,
        theme_field=theme_field,
        text=chosen,
        source_label=source,
        adopted_by=actor,
    )
    audit_record(
        actor=actor,
        action="inbreng partner overgenomen",
        obj=adoption,
        project=saved.field.project,
        detail={
            "thema": saved.name,
            "uit": PartnerInputField(input_field).label,
            "naar": THEME_TEXT_LABELS[theme_field],
            "bron": source,
        },
    )
    return adoption
