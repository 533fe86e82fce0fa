"""A read SPSS file kept in a form that loads fast, so the preview and the storing after the
mapping do not parse the original again: pyreadstat needs about 5 s of CPU for the import
benchmark's file (60,000 respondents × 250 variables), loading the kept arrays a fraction of
that (bench/preview_bench.py).

Written once, when the upload is first read. Numbers are kept as numpy arrays and text as
numpy text arrays with a mask for empty answers, in an .npz that is loaded without pickle;
variable labels, value labels and the declared missing values as JSON. Only .sav files whose
columns are numbers or text are kept (pyreadstat gives nothing else for a VM file); CSV is
fast to parse as it is. A missing, outdated or unreadable cache is never an error: the
original is read again.
"""

import io
import json
import logging
import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
from django.core.files.base import File

from .models import ImportRun
from .readers import SurveyFile

logger = logging.getLogger(__name__)

VERSION = 1


def _names(run: ImportRun) -> tuple[str, str]:
    return f"{run.file.name}.gelezen.npz", f"{run.file.name}.gelezen.json"


def cache_names(run: ImportRun) -> list[str]:
    """The kept files beside the original (they go with it: analysis/figures/services/raw_files)."""
    return list(_names(run))


def _cacheable(survey: SurveyFile) -> bool:
    if survey.format != "sav":
        return False
    return all(
        dtype == np.float64 or pd.api.types.is_string_dtype(dtype) for dtype in survey.data.dtypes
    )


def survey_cache_save(run: ImportRun, survey: SurveyFile) -> None:
    """Keep the read file beside the original; best effort (a failure only costs speed)."""
    if not _cacheable(survey):
        return
    frame = survey.data
    numeric = [name for name in frame.columns if frame[name].dtype == np.float64]
    # The numbers as one block (column after column), which pandas takes over without a copy.
    arrays = {"numbers": np.asfortranarray(frame[numeric].to_numpy())}
    texts = []
    for position, name in enumerate(name for name in frame.columns if name not in numeric):
        column = frame[name]
        empty = column.isna().to_numpy()
        arrays[f"text{position}"] = np.where(empty, "", column.astype(object)).astype(str)
        arrays[f"empty{position}"] = empty
        texts.append({"name": name, "dtype": str(column.dtype)})
    meta = {
        "version": VERSION,
        "rows": len(frame),
        "order": list(frame.columns),
        "numeric": numeric,
        "texts": texts,
        "variable_labels": survey.variable_labels,
        "value_labels": {
            name: [[code, label] for code, label in labels.items()]
            for name, labels in survey.value_labels.items()
        },
        "user_missing": {
            name: [list(code) if isinstance(code, tuple) else code for code in codes]
            for name, codes in survey.user_missing.items()
        },
    }
    storage = run.file.storage
    arrays_name, meta_name = _names(run)
    try:
        with tempfile.TemporaryFile() as handle:
            np.savez(handle, **arrays)
            handle.seek(0)
            _replace(storage, arrays_name, File(handle))
        _replace(storage, meta_name, File(io.BytesIO(json.dumps(meta).encode())))
    except (OSError, ValueError):
        logger.exception("Keeping the read file of import %s failed", run.uuid)
        survey_cache_delete(run)


def _replace(storage, name: str, content: File) -> None:
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, content)
    if saved != name:  # the storage renamed it: never read a stale or foreign file
        storage.delete(saved)
        raise OSError(f"storage stored {name} as {saved}")


@contextmanager
def _local(storage, name: str):
    try:
        local = Path(storage.path(name))
    except NotImplementedError:  # a remote storage: copy it here first
        local = None
    if local is not None:
        yield local
        return
    with tempfile.NamedTemporaryFile(suffix=".npz") as handle:
        with storage.open(name, "rb") as source:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                handle.write(chunk)
        handle.flush()
        yield Path(handle.name)


def survey_cache_load(run: ImportRun) -> SurveyFile | None:
    """The kept file as read_survey_file gave it, or None when there is none to trust."""
    if not run.file:
        return None
    storage = run.file.storage
    arrays_name, meta_name = _names(run)
    try:
        if not (storage.exists(arrays_name) and storage.exists(meta_name)):
            return None
        with storage.open(meta_name, "rb") as handle:
            meta = json.loads(handle.read())
        if meta.get("version") != VERSION:
            return None
        with _local(storage, arrays_name) as path, np.load(path, allow_pickle=False) as arrays:
            frame = pd.DataFrame(arrays["numbers"], columns=meta["numeric"], copy=False)
            for position, column in enumerate(meta["texts"]):
                values = arrays[f"text{position}"].astype(object)
                text = np.where(arrays[f"empty{position}"], None, values)
                frame[column["name"]] = pd.Series(text, dtype=column["dtype"])
        frame = frame[meta["order"]]
    except (OSError, ValueError, KeyError, TypeError):
        logger.exception("The kept read file of import %s is unreadable", run.uuid)
        return None
    if len(frame) != meta["rows"]:
        return None
    return SurveyFile(
        data=frame,
        format="sav",
        variable_labels=meta["variable_labels"],
        value_labels={
            name: {code: label for code, label in pairs}
            for name, pairs in meta["value_labels"].items()
        },
        user_missing={
            name: {tuple(code) if isinstance(code, list) else code for code in codes}
            for name, codes in meta["user_missing"].items()
        },
    )


def survey_cache_delete(run: ImportRun) -> None:
    if not run.file:
        return
    storage = run.file.storage
    for name in _names(run):
        try:
            if storage.exists(name):
                storage.delete(name)
        except OSError:
            logger.exception("Removing the kept read file %s failed", name)
