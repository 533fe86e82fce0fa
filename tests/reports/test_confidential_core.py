"""The redaction every reader's copy goes through (reports/confidential.py), on snapshots
built by hand: what is left out, what takes its place, and what the besloten bijlage gets."""

from projects.constants import CONFIDENTIAL_PLACEHOLDER
from reports.blocks import (
    ConfidentialBlock,
    HtmlBlock,
    NoteBlock,
    ParagraphsBlock,
    Section,
    Snapshot,
)
from reports.confidential import confidential_parts, has_confidential, redacted
from reports.snapshot import content_hash


def _snapshot() -> Snapshot:
    return Snapshot(
        document="analyse",
        title="Veiligheidsanalyse 2027-2030",
        sections=[
            Section(
                "s1",
                "Woon- en leefomgeving",
                1,
                blocks=[
                    ParagraphsBlock(["Open tekst over overlast."]),
                    ConfidentialBlock(
                        "politie-informatie", [HtmlBlock("<p>Drugspand Dorpsstraat 12</p>")]
                    ),
                ],
            ),
            Section(
                "s2",
                "Ondermijning",
                1,
                confidential="ondermijningsbeeld (RIEC)",
                blocks=[ParagraphsBlock(["RIEC-beeld: 14 signalen"])],
            ),
            Section("s2-1", "Hennepteelt", 2, blocks=[ParagraphsBlock(["Drie kwekerijen"])]),
            Section("s3", "Jeugd", 1, blocks=[ParagraphsBlock(["Open over jeugd."])]),
        ],
    )


def _texts(snapshot: Snapshot) -> str:
    return repr(snapshot.to_json())


def test_redacted_leaves_every_confidential_text_out_and_says_where():
    reader = redacted(_snapshot().to_json())
    text = _texts(reader)
    for secret in ("Drugspand", "RIEC-beeld", "Hennepteelt", "Drie kwekerijen"):
        assert secret not in text
    assert "Open tekst over overlast." in text and "Open over jeugd." in text
    titles = [section.title for section in reader.sections]
    # The confidential chapter keeps its heading with the placeholder; its subsection goes.
    assert titles == ["Woon- en leefomgeving", "Ondermijning", "Jeugd"]
    placeholders = [
        block
        for section in reader.sections
        for block in section.blocks
        if isinstance(block, NoteBlock) and block.text == CONFIDENTIAL_PLACEHOLDER
    ]
    assert len(placeholders) == 2
    assert not has_confidential(reader)


def test_the_besloten_bijlage_gets_each_part_with_its_reason():
    parts = confidential_parts(_snapshot())
    assert [(p.title, p.confidential) for p in parts] == [
        ("Woon- en leefomgeving", "politie-informatie"),
        ("Ondermijning", "ondermijningsbeeld (RIEC)"),
        ("Hennepteelt", "ondermijningsbeeld (RIEC)"),
    ]
    assert "Drugspand Dorpsstraat 12" in repr([b.to_json() for b in parts[0].blocks])
    assert "Open tekst over overlast." not in repr([b.to_json() for b in parts[0].blocks])


def test_a_stored_snapshot_reads_back_with_its_marks():
    stored = _snapshot().to_json()
    again = Snapshot.from_json(stored)
    assert again.to_json() == stored
    assert has_confidential(stored)


def test_an_unmarked_snapshot_keeps_its_json_and_hash():
    plain = Snapshot(document="analyse", title="T", sections=[Section("s1", "A", 1)])
    assert "confidential" not in plain.to_json()["sections"][0]
    assert content_hash(plain) == content_hash(redacted(plain))


def test_runs_of_one_section_with_one_reason_become_one_part():
    snapshot = Snapshot(
        document="analyse",
        title="T",
        sections=[
            Section(
                "thema-3.3",
                "Alcohol en drugs",
                3,
                blocks=[
                    ConfidentialBlock("politie-informatie", [ParagraphsBlock(["Verhaal"])]),
                    ParagraphsBlock(["Open"]),
                    ConfidentialBlock("politie-informatie", [NoteBlock("Grafiek")]),
                    ConfidentialBlock("geheimhouding", [NoteBlock("Besloten")]),
                ],
            )
        ],
    )
    parts = confidential_parts(snapshot)
    assert [(p.title, p.confidential, len(p.blocks)) for p in parts] == [
        ("Alcohol en drugs", "politie-informatie", 2),
        ("Alcohol en drugs", "geheimhouding", 1),
    ]
