"""The 2012 work programme from its reference data: one item per paragraph of the seed
(the Committee's 27, CTED's 21), each titled and summarised in six languages."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from programme.enums import ItemStatus
from programme.models import ProgrammeItem
from programme.services import DATA_DIR, programme_load

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR).parent / "shared" / "seed" / "ctc-work-programme-2012.zh.txt"
SUFFIXES = ["en", "fr", "es", "ru", "ar", "zh_hans"]


def _seed_paragraphs() -> list[str]:
    """The numbered paragraphs of the seed: the annex's (C-n), then the appendix's (E-n)."""
    text = SEED.read_text(encoding="utf-8")
    annex, appendix = text.split("附录", 1)
    refs = []
    for prefix, part in (("C", annex.split("附件", 1)[1]), ("E", appendix)):
        numbers = re.findall(r"^\s*(\d+)\.\s", part, flags=re.MULTILINE)
        refs += [f"{prefix}-{n}" for n in dict.fromkeys(numbers)]
    return refs


def test_programme_load_has_every_paragraph_of_the_seed():
    refs = list(ProgrammeItem.objects.values_list("ref", flat=True))

    assert len(refs) == 48
    assert refs == [f"C-{n}" for n in range(1, 28)] + [f"E-{n}" for n in range(1, 22)]
    if SEED.exists():
        assert refs == _seed_paragraphs()


def test_programme_load_fills_six_languages_of_every_title_and_summary():
    missing = [
        (item.ref, field)
        for item in ProgrammeItem.objects.all()
        for field in ("title", "summary")
        for suffix in SUFFIXES
        if not getattr(item, f"{field}_{suffix}")
    ]

    assert missing == []


def test_programme_load_titles_read_in_the_active_language():
    item = ProgrammeItem.objects.get(ref="C-12")

    with translation.override("zh-hans"):
        assert item.title == "对反恐执行局进行临时审查"
    with translation.override("ar"):
        assert item.title == "الاستعراض المؤقت للمديرية التنفيذية"
    assert str(item.deadline) == "2012-06-30"
    assert ProgrammeItem.objects.get(ref="E-7").deadline.isoformat() == "2012-06-30"


def test_programme_load_twice_changes_nothing():
    before = {i.ref: (i.pk, i.title_fr, i.summary_ru) for i in ProgrammeItem.objects.all()}
    history = ProgrammeItem.history.count()

    assert programme_load() == 48

    after = {i.ref: (i.pk, i.title_fr, i.summary_ru) for i in ProgrammeItem.objects.all()}
    assert after == before
    assert ProgrammeItem.history.count() == history


def test_programme_load_keeps_the_staff_status_owner_and_deadline(tmp_path):
    item = ProgrammeItem.objects.get(ref="C-5")
    ProgrammeItem.objects.filter(pk=item.pk).update(
        status=ItemStatus.DONE, owner="chair", deadline="2012-10-01", is_public=False
    )
    data = json.loads((DATA_DIR / "work_programme_2012.json").read_text(encoding="utf-8"))
    data["items"][4]["title"]["fr"] = "Titre corrigé"
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    programme_load(path)

    item.refresh_from_db()
    assert (item.title_fr, item.status, item.owner) == ("Titre corrigé", "done", "chair")
    assert (item.deadline.isoformat(), item.is_public) == ("2012-10-01", False)


def test_programme_data_has_no_russian_yo():
    text = (DATA_DIR / "work_programme_2012.json").read_text(encoding="utf-8")

    assert "ё" not in text and "Ё" not in text
