"""The raadsvoorstel's sections (RV_* sources): each shows what users wrote, else the text
drafted from the project's content, else a note that it is still to be written. Builders take
(project, part, structure section); the part is the occasion (reports.parts)."""

import re

from analysis.richtext import is_empty, sanitize
from kernbeleid.products.models import Raadsvoorstel

from .blocks import HtmlBlock, NoteBlock
from .constants import SectionSource
from .kadernota_common import chapter, text_blocks

# Source -> the Raadsvoorstel field it shows.
FIELD_OF = {
    SectionSource.RV_ONDERWERP: "onderwerp",
    SectionSource.RV_VOORGESTELD: "voorgesteld_besluit",
    SectionSource.RV_INLEIDING: "inleiding",
    SectionSource.RV_EFFECT: "beoogd_effect",
    SectionSource.RV_ARGUMENTEN: "argumenten",
    SectionSource.RV_KANTTEKENINGEN: "kanttekeningen",
    SectionSource.RV_FINANCIEN: "financien",
    SectionSource.RV_COMMUNICATIE: "communicatie",
    SectionSource.RV_UITVOERING: "uitvoering",
    SectionSource.RV_BIJLAGEN: "bijlagen",
    SectionSource.RV_ONTWERPBESLUIT: "ontwerpbesluit",
}

# The griffie bundle splits the ontwerpbesluit from the voorstel by this section key.
ONTWERPBESLUIT_KEY = "rv-ontwerpbesluit"

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def _blocks(text: str) -> list:
    """Rich text (HTML) through the sanitiser; plain text as one paragraph per line."""
    if _TAG.search(text):
        return [] if is_empty(text) else [HtmlBlock(sanitize(text))]
    return text_blocks(text)


def field_builder(field: str):
    def build(project, part, structure_section):
        voorstel = Raadsvoorstel.objects.filter(project=project, occasion=part).first()
        written = (getattr(voorstel, field, "") or "").strip() if voorstel else ""
        draft = voorstel.draft if voorstel and isinstance(voorstel.draft, dict) else {}
        drafted = str(draft.get(field) or "").strip()
        blocks = _blocks(written or drafted) or [
            NoteBlock(f"Nog niet geschreven: {structure_section.title.lower()}.")
        ]
        return chapter(structure_section, blocks, key=f"rv-{field.replace('_', '-')}")

    build.__name__ = f"raadsvoorstel_{field}"
    return build


BUILDERS = {source: field_builder(field) for source, field in FIELD_OF.items()}
