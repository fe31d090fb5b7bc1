"""Interface labels: one block per version, placeholders that agree, a label for every kind."""
import re

from edition.parse import __file__ as parse_source
from tests.views import labels


def test_every_anomaly_kind_the_parser_reports_has_a_label_in_every_version():
    kinds = set(re.findall(r'Anomaly\([^,]+, [^,]+, "([a-z-]+)"', open(parse_source, encoding="utf-8").read()))
    assert len(kinds) >= 8
    for code, own in labels().items():
        assert {k for k in kinds if f"anomaly_{k}" not in own} == set(), code


def test_traditional_labels_are_converted_from_simplified():
    own = labels()
    assert own["zh-Hant"]["reader_trans"] == "譯文"
    assert own["zh-Hant"]["version_name"] == "繁體中文"
    assert set(own["zh-Hant"]) == set(own["zh-Hans"]) == set(own["en"])


def _write(tmp_path, text):
    (tmp_path / "i18n").mkdir(parents=True)
    (tmp_path / "i18n" / "ui.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_placeholder_typo_and_a_stray_label_are_located(tmp_path):
    import pytest

    from edition.errors import EditionError
    from edition.labels import load_labels
    from tests.views import registry
    text = "zh-Hans:\n  paragraph: 第{n}段\nen:\n  paragraph: Paragraph {m}\n"
    with pytest.raises(EditionError, match=r"ui.yaml:4: label 'paragraph' of en has placeholders \['m'\]"):
        load_labels(_write(tmp_path / "a", text), registry())
    text = "zh-Hans:\n  paragraph: 第{n}段\nen:\n  paragraph: Paragraph {n}\nzh-Hant:\n  nope: x\n"
    with pytest.raises(EditionError, match=r"ui.yaml:6: unknown label 'nope' for zh-Hant"):
        load_labels(_write(tmp_path / "b", text), registry())
    text = "zh-Hans:\n  paragraph: 第{n}段\nen:\n  paragraph: Paragraph {n}\nzh-TW: {}\n"
    with pytest.raises(EditionError, match=r"ui.yaml:5: labels for 'zh-TW', which is not a version"):
        load_labels(_write(tmp_path / "c", text), registry())


def test_a_brace_that_is_not_a_placeholder_is_located(tmp_path):
    import pytest

    from edition.errors import EditionError
    from edition.labels import load_labels
    from tests.views import registry
    for i, bad in enumerate(("第{n}段 {% raw %}", "第{n}段 {: onclick=x }", "第{n}段 {", "第{n}段{n!r}")):
        text = f"zh-Hans:\n  paragraph: \"{bad}\"\nen:\n  paragraph: \"{bad}\"\n"
        with pytest.raises(EditionError, match=r"ui.yaml:2: label 'paragraph' of zh-Hans has"):
            load_labels(_write(tmp_path / str(i), text), registry())
