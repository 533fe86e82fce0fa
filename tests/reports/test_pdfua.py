"""PDF/UA as machine checks read it (issue 13, part 4).

The demo documents (both gemeenten, analyse and kadernota) are rendered once per module in
both variants and checked with the two open checkers on PyPI, ``pdfua`` and ``outloud``, plus
our own pikepdf assertions for what they do not look at (reports.pdf_tags repairs those).
Where a checker's finding is the checker's own error, the test says so and leaves exactly
that finding out.
"""

import io
import re
from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command

from reports.pdf import render_pdf
from tests.reports.snapshots import print_sample

UA, PDFA = "pdf/ua-1", "pdf/a-2b"
DEMO = [(g, d) for g in ("almere", "amsterdam") for d in ("analyse", "kadernota")]

# pdfua 0.1.3's empty-heading rule (UA-14-001) crashes on every heading whose /K is an array
# (``as_integer`` asks a pikepdf Array for ``is_integer``, which raises ValueError, not
# AttributeError), so pdfua reports the rule as skipped. An array /K is valid PDF and what
# every multi-run heading has: the checker's own error. Our own check below covers it.
PDFUA_CRASHING_RULES = {"UA-14-001": "cannot get key '/is_integer' on object of type array"}
# The PDF/UA identifier (pdfuaid:part in XMP) belongs to the PDF/UA variant only.
PDFUA_IDENTIFIER = {"pdfua": "UA-28-004", "outloud": "DOC-012"}


@pytest.fixture(scope="module")
def rendered() -> dict:
    """What ``demo_pdfs`` rendered, kept for the module's other tests."""
    return {}


@pytest.fixture
def demo_pdfs(rendered, db, settings, tmp_path_factory) -> dict:
    """{(gemeente, document, variant): path} for the demo's main project per gemeente,
    rendered through the real render path (services.render_execute), the first time a test
    asks; {"snapshots": {(gemeente, document): snapshot}} beside them."""
    if rendered:
        return rendered
    from projects.models import Project
    from projects.scopes import project_scope
    from reports import services
    from reports.confidential import redacted

    folder = tmp_path_factory.mktemp("pdfua")
    settings.VAR_DIR = folder  # the synthetic survey files
    call_command("load_demo", verbosity=0)
    call_command("load_demo_survey", verbosity=0)
    call_command("load_demo_traject", verbosity=0)
    paths: dict = {"snapshots": {}}
    for gemeente, document in DEMO:
        project = Project.objects.filter(
            gemeente__slug=gemeente, name__startswith="Integraal Veiligheidsplan 2027"
        ).get()
        with project_scope(project):
            version = services.version_for(actor=None, project=project, document=document)
            # What the PDF is made of: readers' copy, without the confidential parts.
            paths["snapshots"][gemeente, document] = redacted(version.snapshot).to_json()
            for variant in (UA, PDFA):
                run = services.render_request(
                    actor=None, version=version, fmt="pdf", variant=variant
                )
                services.render_execute(run=run)
                run.refresh_from_db()
                assert run.status == "done", run.message
                path = folder / f"{gemeente}-{document}-{variant.replace('/', '')}.pdf"
                with run.file.open("rb") as handle:
                    path.write_bytes(handle.read())
                paths[gemeente, document, variant] = path
    rendered.update(paths)
    return rendered


def _pdfua_findings(path: Path, *, allowed: set[str] = frozenset()) -> list[str]:
    import pdfua

    report = pdfua.validate(str(path))
    for outcome in report.outcomes:
        if outcome.skipped_reason:
            expected = PDFUA_CRASHING_RULES.get(outcome.rule_id)
            assert expected and expected in outcome.skipped_reason, (
                outcome.rule_id,
                outcome.skipped_reason,
            )
    return [
        f"{f.rule_id} {f.severity.name}: {f.message}"
        for f in report.findings
        if f.rule_id not in allowed
    ]


def _outloud_errors(path: Path, *, allowed: set[str] = frozenset()):
    import outloud

    result = outloud.check(str(path))
    assert result.error is None, result.error
    assert not [r for r in result.runs if r.status == "crashed"]
    errors = [
        f"{f.rule} p{f.page}: {f.message} ({f.evidence})"
        for f in result.findings
        if f.severity == "error" and f.rule not in allowed
    ]
    return errors, {f.rule for f in result.findings}


@pytest.mark.parametrize(("gemeente", "document"), DEMO)
def test_the_checkers_find_nothing_wrong_in_the_pdfua_variant(demo_pdfs, gemeente, document):
    path = demo_pdfs[gemeente, document, UA]

    assert _pdfua_findings(path) == []
    errors, rules = _outloud_errors(path)
    assert errors == []
    # What issue 13 found and reports.pdf_tags repairs, even at warning level: the running
    # header and footer as content, annotations without the Print flag, links outside /Link.
    assert not rules & {"PAG-001", "LNK-001", "LNK-002", "LNK-004", "TBL-002", "TBL-005"}


@pytest.mark.parametrize(("gemeente", "document"), DEMO)
def test_the_archive_variant_passes_the_same_rules_but_the_pdfua_identifier(
    demo_pdfs, gemeente, document
):
    path = demo_pdfs[gemeente, document, PDFA]

    assert _pdfua_findings(path, allowed={PDFUA_IDENTIFIER["pdfua"]}) == []
    errors, rules = _outloud_errors(path, allowed={PDFUA_IDENTIFIER["outloud"]})
    assert errors == []
    assert not rules & {"PAG-001", "LNK-001", "LNK-002", "LNK-004", "TBL-002", "TBL-005"}


# --------------------------------------------------------------------------- our own checks


def _kids(node) -> list:
    kid = node.get("/K")
    if kid is None:
        return []
    return list(kid) if isinstance(kid, pikepdf.Array) else [kid]


def _elements(pdf: pikepdf.Pdf) -> list:
    found, stack = [], list(_kids(pdf.Root.StructTreeRoot))
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary) and node.get("/Type") not in ("/OBJR", "/MCR"):
            found.append(node)
            stack.extend(_kids(node))
    return found


def _parent_tree(pdf: pikepdf.Pdf) -> dict:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _role(element) -> str:
    return str(element.get("/S"))


def _check_links(pdf: pikepdf.Pdf, anchors: set[str]) -> list[str]:
    """Every link annotation belongs to a /Link element and says where it goes in words."""
    parent_tree = _parent_tree(pdf)
    contents = []
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            owner = parent_tree[int(annotation.StructParent)]
            assert _role(owner) == "/Link"
            assert any(
                k.get("/Type") == "/OBJR" and k.Obj.objgen == annotation.objgen
                for k in _kids(owner)
                if isinstance(k, pikepdf.Dictionary)
            )
            text = str(annotation.Contents)
            assert text not in anchors and not re.fullmatch(r"[\w-]+", text), text
            assert int(annotation.F) & 4  # printed as shown
            contents.append(text)
    return contents


def _check_no_orphan_content(pdf: pikepdf.Pdf) -> int:
    """Every piece of marked content belongs to the tree (the header and footer, which used
    to hang outside it, are artifacts now); returns the number of pagination artifacts."""
    reachable = {e.objgen for e in _elements(pdf)}
    parent_tree = _parent_tree(pdf)
    artifacts = 0
    for page in pdf.pages:
        mapping = parent_tree[int(page.obj.StructParents)]
        for instruction in pikepdf.parse_content_stream(page, "BDC"):
            tag, properties = instruction.operands
            if tag == "/Artifact":
                artifacts += properties.get("/Type") == "/Pagination"
                continue
            element = mapping[int(properties.MCID)]
            assert element.objgen in reachable, (tag, int(properties.MCID))
    return artifacts


def _check_tables(pdf: pikepdf.Pdf) -> list:
    """Each table has one caption; every header cell is referenced (scope or headers)."""
    tables = [e for e in _elements(pdf) if _role(e) == "/Table"]
    for table in tables:
        roles = [_role(k) for k in _kids(table) if isinstance(k, pikepdf.Dictionary)]
        assert roles.count("/Caption") == 1 and roles.count("/THead") == 1, roles
        cells = [e for e in [table, *_descendants(table)] if _role(e) in ("/TH", "/TD")]
        referenced = {
            str(h) for c in cells for h in c.get("/A", {}).get("/Headers", pikepdf.Array())
        }
        for cell in cells:
            if _role(cell) == "/TH":
                assert "/Scope" in cell.A or str(cell.get("/ID")) in referenced
    return tables


def _descendants(element) -> list:
    found, stack = [], list(_kids(element))
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary) and node.get("/Type") not in ("/OBJR", "/MCR"):
            found.append(node)
            stack.extend(_kids(node))
    return found


def _check_figures(pdf: pikepdf.Pdf) -> int:
    """Figure bounding boxes are in points, on their page."""
    figures = [e for e in _elements(pdf) if _role(e) == "/Figure"]
    for figure in figures:
        x0, y0, x1, y1 = (float(v) for v in figure.A.BBox)
        mx0, my0, mx1, my1 = (float(v) for v in figure.Pg.MediaBox)
        assert mx0 <= x0 < x1 <= mx1 and my0 <= y0 < y1 <= my1, (x0, y0, x1, y1)
    return len(figures)


def _table_blocks(snapshot: dict) -> int:
    return sum(1 for s in snapshot["sections"] for b in s["blocks"] if b.get("type") == "table")


def _check_headings(pdf: pikepdf.Pdf) -> None:
    """No empty heading (what pdfua's crashing UA-14-001 would have checked)."""
    for heading in _elements(pdf):
        if re.fullmatch(r"/H[1-6]", _role(heading)):
            marked = [heading, *_descendants(heading)]
            assert any(isinstance(k, int) for e in marked for k in _kids(e)), heading


@pytest.mark.parametrize("variant", [UA, PDFA])
@pytest.mark.parametrize(("gemeente", "document"), DEMO)
def test_the_demo_documents_pass_our_own_structure_checks(demo_pdfs, gemeente, document, variant):
    snapshot = demo_pdfs["snapshots"][gemeente, document]
    with pikepdf.open(demo_pdfs[gemeente, document, variant]) as pdf:
        from reports.pdf import build_context

        anchors = {s["id"] for s in build_context(snapshot)["sections"]}
        contents = _check_links(pdf, anchors)
        assert contents and all(text.startswith("Naar ") for text in contents)
        assert _check_no_orphan_content(pdf) >= 4 * (len(pdf.pages) - 1)  # not the cover
        assert len(_check_tables(pdf)) == _table_blocks(snapshot)
        _check_figures(pdf)
        _check_headings(pdf)
        assert str(pdf.docinfo.Title).endswith(f"— gemeente {snapshot['gemeente']['name']}")
        assert str(pdf.docinfo.Author) == f"Gemeente {snapshot['gemeente']['name']}"


# --------------------------------------------------------------------------- crafted cases


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_pdf(print_sample(), variant=UA)


def test_a_table_over_two_pages_is_one_table_with_one_caption_and_header(sample_pdf):
    sample = print_sample()
    blocks = [b for s in sample.sections for b in s.blocks if b.type == "table"]
    with pikepdf.open(io.BytesIO(sample_pdf)) as pdf:
        tables = _check_tables(pdf)
        pages = _page_numbers(pdf)
        assert len(tables) == len(blocks)
        for table, block in zip(tables, blocks, strict=True):
            rows = [e for e in _descendants(table) if _role(e) == "/TR"]
            assert len(rows) == len(block.rows) + 1  # the header row once
        long = max(tables, key=lambda t: len(_descendants(t)))
        on = {pages[e.Pg.objgen] for e in _descendants(long) if _role(e) == "/TR"}
        assert len(on) >= 2  # the sample's long table does break across pages


def _page_numbers(pdf: pikepdf.Pdf) -> dict:
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}


def test_links_say_in_words_which_chapter_they_lead_to(sample_pdf):
    from reports.pdf import build_context, link_texts

    context = build_context(print_sample())
    expected = link_texts(context)
    with pikepdf.open(io.BytesIO(sample_pdf)) as pdf:
        contents = _check_links(pdf, set(expected))
    in_toc = [expected[s["id"]] for s in context["sections"] if s["in_toc"]]
    assert contents == in_toc  # one annotation per entry of the table of contents, in order
    numbered = next(s for s in context["sections"] if s["number"] and s["level"] == 1)
    assert f"Naar hoofdstuk {numbered['number']} {numbered['title']}" in contents


def test_the_running_header_and_footer_are_artifacts(sample_pdf):
    with pikepdf.open(io.BytesIO(sample_pdf)) as pdf:
        assert _check_no_orphan_content(pdf) >= 4 * (len(pdf.pages) - 1)
        _check_figures(pdf)
        _check_headings(pdf)


def test_a_failing_repair_fails_the_render_and_keeps_the_previous_file(
    content, world, monkeypatch, django_capture_on_commit_callbacks
):
    from analysis.models import AnalysisTheme
    from analysis.narrative import services as va_services
    from reports import services

    actor = world.users["ambtenaar"]
    version = services.version_for(actor=actor, project=content, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        good = services.render_request(actor=actor, version=version, fmt="pdf")
    good.refresh_from_db()
    kept = good.file.name
    theme = AnalysisTheme.objects.get(field__project=content, code="1.4")
    va_services.theme_save(
        actor=actor, theme=theme, base_version=theme.version, texts={"knelpunten": "<p>Anders</p>"}
    )
    newer = services.version_for(actor=actor, project=content, document="analyse")

    def broken(data, **kwargs):
        raise pikepdf.PdfError("structure tree unreadable")

    monkeypatch.setattr("reports.pdf_tags.finish_tags", broken)
    with django_capture_on_commit_callbacks(execute=True):
        failed = services.render_request(actor=actor, version=newer, fmt="pdf")
    failed.refresh_from_db()
    assert failed.status == "failed" and not failed.file
    assert "structure tree unreadable" in failed.message
    good.refresh_from_db()
    assert good.status == "done" and good.file.name == kept
    with good.file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF")


def test_the_repair_reads_any_content_stream_layout(monkeypatch):
    """Not only the layout WeasyPrint writes today: a page whose content is an array of
    streams is rewritten through qpdf's parser, with the same result."""
    from reports import pdf_tags

    finish = pdf_tags.finish_tags
    monkeypatch.setattr(pdf_tags, "finish_tags", lambda data, **kwargs: data)
    raw = render_pdf(print_sample(), variant=UA)
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        for page in pdf.pages:
            page.obj.Contents = pikepdf.Array([page.obj.Contents])
        out = io.BytesIO()
        pdf.save(out)

    repaired = finish(out.getvalue(), link_texts={})

    with pikepdf.open(io.BytesIO(repaired)) as pdf:
        assert _check_no_orphan_content(pdf) >= 4 * (len(pdf.pages) - 1)


def test_a_table_of_one_row_has_column_headers_only():
    """A priority's goal table (one row) gets no row header: seven header cells around five
    data cells read as shredded headers (outloud TBL-010); with two rows the first cell
    names its row again."""
    from reports.blocks import TableBlock
    from reports.pdf import build_html
    from tests.reports.snapshots import section, snapshot

    columns = ["Doel", "Indicator", "Nulmeting", "Streefwaarde"]
    goal = ["Minder inbraken", "Slachtofferschap inbraak", "3,1%", "2,5%"]

    def table_html(rows):
        block = TableBlock("Doelen", columns, rows, "")
        return build_html(snapshot(section("prioriteit", "Prioriteit", [block])))

    one = table_html([goal])
    two = table_html([goal, ["Minder overlast", "Overlast jongeren", "12%", "10%"]])

    assert '<th scope="row">' not in one and "<td>Minder inbraken</td>" in one
    assert '<th scope="row">Minder inbraken</th>' in two
