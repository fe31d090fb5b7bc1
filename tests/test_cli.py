"""scripts/build.py: summary line, exit status 2 with one line per problem, atomic output."""
import subprocess
import sys

from tests.helpers import ROOT, dump, make_project, replace_witness

SCRIPT = ROOT / "scripts" / "build.py"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_help():
    result = run("--help")
    assert result.returncode == 0 and "--update-manifest" in result.stdout and "Exit status 2" in result.stdout


def test_build_prints_one_summary_line_and_writes_outputs(tmp_path):
    result = run("--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    for part in ("32 paragraphs", "annotations removed", "boilerplate lines dropped", "emendations", "sic notes",
                 " s "):
        assert part in line
    text = (tmp_path / "out" / "edition.zh-Hans.txt").read_text(encoding="utf-8")
    assert "产业互联网" in text


def _project(tmp_path):
    root = make_project(tmp_path / "proj", "第一段,好。\n第二段。")
    run("--root", root, "--update-manifest")
    return root


def test_bad_input_exits_2_and_keeps_the_last_good_output(tmp_path):
    root = _project(tmp_path)
    out = tmp_path / "out"
    assert run("--root", root, "--out", out).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # a corrupted witness (with its hash updated, so the anomaly check is what stops it)
    replace_witness(root, "第一段,好。\n因?yàn)楫a(chǎn)業。")
    result = run("--root", root, "--out", out, "--update-manifest")
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first.endswith("w.txt:2:2: '?' inside running text before 'y' (a decoder's mark for undecodable bytes?)")
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".out.*"))  # no half-written temporary folder left behind


def test_missing_witness_and_edited_witness(tmp_path):
    root = _project(tmp_path)
    (root / "source" / "w.txt").write_text("第一段,改过。\n第二段。", encoding="utf-8")
    result = run("--root", root, "--out", tmp_path / "o")
    assert result.returncode == 2 and "the witness must never be edited" in result.stderr
    (root / "source" / "w.txt").unlink()
    result = run("--root", root, "--out", tmp_path / "o")
    assert result.returncode == 2 and result.stderr.strip().endswith("w.txt: no such file")


def test_update_manifest_still_refuses_an_edited_witness(tmp_path):
    root = _project(tmp_path)
    manifest = root / "editorial" / "manifest.tsv"
    before = manifest.read_bytes()
    (root / "source" / "w.txt").write_text("第一段,改过。\n第二段。", encoding="utf-8")
    result = run("--root", "proj", "--out", "o", "--update-manifest", cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    [line] = result.stderr.splitlines()
    assert line.startswith("proj/source/w.txt: sha256 ")
    assert "differs from the one recorded in proj/editorial/witness.yaml" in line
    assert line.endswith("the witness must never be edited")
    assert manifest.read_bytes() == before and not (tmp_path / "o").exists()


def test_changed_paragraph_fails_until_the_manifest_is_updated(tmp_path):
    root = _project(tmp_path)
    dump(root / "editorial" / "emendations.yaml", {"emendations": [
        {"id": "e1", "line": 1, "witness": "好", "reading": "妙", "reason": {"zh": "理", "en": "r"},
         "evidence": {"zh": "证", "en": "e"}}]})
    result = run("--root", root, "--out", tmp_path / "o")
    assert result.returncode == 2 and "paragraph p1 changed" in result.stderr
    assert run("--root", root, "--out", tmp_path / "o", "--update-manifest").returncode == 0
    assert run("--root", root, "--out", tmp_path / "o").returncode == 0
