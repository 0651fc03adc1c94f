"""Hostile build folders, shards and caches (issue 22, causes 1, 2 and 8).

Everything here is written by someone else before the tool runs: a pull request that
commits `build/`, a CI runner that hands back a shard, a restored font cache. The tool
must never follow a link out of its folders, never delete or vouch for a file it did not
write, and never merge or keep a file whose bytes it cannot account for.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import CASES, run_cli

MINIMAL = CASES / "valid" / "minimal.json"
FORGED = b"%PDF-1.7\n% forged answer key: every answer is B\n"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project with one source, built once; tests copy it and attack the copy."""
    project = tmp_path_factory.mktemp("hostile-build") / "project"
    (project / "sources").mkdir(parents=True)
    shutil.copy(MINIMAL, project / "sources" / "minimal.json")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def project(built, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(folder: Path, data: dict) -> None:
    (folder / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def _add_output(entry: dict, name: str, data: bytes) -> None:
    """Add a file to a manifest entry, in whatever shape the manifest records outputs."""
    if isinstance(entry["outputs"], dict):
        entry["outputs"][name] = _sha(data)
    else:
        entry["outputs"].append(name)


# --- build trusts nothing in <out> -------------------------------------------------------


def test_a_forged_answer_key_with_a_recomputed_manifest_is_rendered_again(project):
    key = project / "build" / "minimal" / "answer-key.pdf"
    key.write_bytes(FORGED)
    manifest = _manifest(project / "build")
    outputs = manifest["sources"]["minimal"]["outputs"]
    if isinstance(outputs, dict):
        outputs["answer-key.pdf"] = _sha(FORGED)  # anyone can compute a hash
    _write_manifest(project / "build", manifest)
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "1 built, 0 unchanged" in result.stdout
    assert key.read_bytes() != FORGED and key.read_bytes().startswith(b"%PDF")


def test_a_replaced_output_is_not_unchanged(project):
    key = project / "build" / "minimal" / "answer-key.pdf"
    key.write_bytes(FORGED)  # the manifest left as the tool wrote it
    result = run_cli("build", cwd=project)
    assert "1 built, 0 unchanged" in result.stdout, result.stdout + result.stderr
    assert key.read_bytes() != FORGED


def test_a_committed_link_for_a_target_folder_is_refused_and_its_target_untouched(
    project, tmp_path
):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.pdf").write_bytes(b"%PDF keep me")
    shutil.rmtree(project / "build" / "minimal")
    os.symlink(victim, project / "build" / "minimal")
    result = run_cli("build", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "build/minimal is a symbolic link" in result.stderr
    assert sorted(p.name for p in victim.iterdir()) == ["keep.pdf"]
    assert (victim / "keep.pdf").read_bytes() == b"%PDF keep me"


def test_an_out_folder_of_someone_elses_files_is_refused(project, tmp_path):
    documents = tmp_path / "Documents"
    (documents / "minimal").mkdir(parents=True)
    (documents / "notes.pdf").write_bytes(b"%PDF my notes")
    (documents / "minimal" / "draft.pdf").write_bytes(b"%PDF my draft")
    result = run_cli("build", "--out", str(documents), cwd=project)
    assert result.returncode == 2
    assert "holds files the tool did not write" in result.stderr
    assert sorted(str(p.relative_to(documents)) for p in documents.rglob("*")) == [
        "minimal",
        "minimal/draft.pdf",
        "notes.pdf",
    ]


def test_a_file_the_tool_did_not_write_survives_a_rebuild_of_its_folder(project):
    notes = project / "build" / "minimal" / "my-notes.pdf"
    notes.write_bytes(b"%PDF the editor's own notes")
    scratch = project / "build" / "minimal" / ".notes.tmp"  # not a temporary file of the tool's
    scratch.write_text("an editor's scratch file", encoding="utf-8")
    result = run_cli("build", "--force", cwd=project)
    assert result.returncode == 0, result.stderr
    assert notes.read_bytes() == b"%PDF the editor's own notes"
    assert scratch.read_text(encoding="utf-8") == "an editor's scratch file"


def test_a_forged_manifest_entry_deletes_nothing(project):
    other = project / "build" / "other"
    other.mkdir()
    (other / "precious.pdf").write_bytes(b"%PDF keep me")
    manifest = _manifest(project / "build")
    entry = {"source": "/nowhere/other.json", "source_hash": "x", "inputs_hash": "y"}
    entry["outputs"] = {} if isinstance(manifest["sources"]["minimal"]["outputs"], dict) else []
    _add_output(entry, "precious.pdf", b"%PDF keep me")
    manifest["sources"]["other"] = entry
    _write_manifest(project / "build", manifest)
    (project / "sources" / "minimal.json").unlink()  # nothing to render; deleted sources pruned
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (other / "precious.pdf").read_bytes() == b"%PDF keep me"


def test_a_linked_lock_file_never_creates_its_target(project, tmp_path):
    target = tmp_path / "created-by-the-build"
    lock = project / "build" / ".build.lock"
    lock.unlink(missing_ok=True)
    os.symlink(target, lock)
    result = run_cli("build", cwd=project)
    assert result.returncode == 2
    assert ".build.lock is a symbolic link" in result.stderr
    assert not target.exists()


def test_an_out_that_is_a_link_is_refused(project, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    os.symlink(victim, project / "linked-out")
    result = run_cli("build", "--out", "linked-out", cwd=project)
    assert result.returncode == 2 and "is a symbolic link" in result.stderr
    assert list(victim.iterdir()) == []


# --- merge trusts nothing in a shard -----------------------------------------------------


@pytest.fixture
def shard(project, tmp_path) -> Path:
    """A shard folder as a CI runner hands it back (a whole build is a one-shard build)."""
    folder = tmp_path / "a" / "b" / "shard"
    shutil.copytree(project / "build", folder, symlinks=True)
    return folder


def _merge(project: Path, *shards: Path, out: Path) -> object:
    return run_cli("merge", *map(str, shards), "--out", str(out), cwd=project)


@pytest.mark.parametrize("name", ["./../../../payload", "../../../payload"])
def test_merge_refuses_an_output_name_that_leaves_out(project, shard, tmp_path, name):
    (tmp_path / "a" / "payload").write_bytes(b"planted")
    manifest = _manifest(shard)
    _add_output(manifest["sources"]["minimal"], name, b"planted")
    _write_manifest(shard, manifest)
    out = tmp_path / "o1" / "o2" / "out"
    result = _merge(project, shard, out=out)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert not (tmp_path / "o1" / "payload").exists()
    assert not out.exists() or not any(out.rglob("*.pdf"))


def test_merge_refuses_an_absolute_output_name(project, shard, tmp_path):
    planted = tmp_path / "absolute-payload"
    manifest = _manifest(shard)
    _add_output(manifest["sources"]["minimal"], str(planted), b"x")
    _write_manifest(shard, manifest)
    result = _merge(project, shard, out=tmp_path / "out")
    assert result.returncode == 2 and "internal error" not in result.stderr
    assert not planted.exists()


def test_merge_never_copies_through_a_link(project, shard, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:secret", encoding="utf-8")
    (shard / "minimal" / "article.pdf").unlink()
    os.symlink(secret, shard / "minimal" / "article.pdf")
    out = tmp_path / "out"
    result = _merge(project, shard, out=out)
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert not (out / "minimal" / "article.pdf").exists()


def test_merge_refuses_a_linked_target_folder(project, shard, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(shard / "minimal", elsewhere)
    os.symlink(elsewhere, shard / "minimal")
    result = _merge(project, shard, out=tmp_path / "out")
    assert result.returncode == 2 and "symbolic link" in result.stderr


def test_merge_refuses_a_shard_of_another_version(project, shard, tmp_path):
    manifest = _manifest(shard)
    manifest["version"] = "0.0.1"
    _write_manifest(shard, manifest)
    result = _merge(project, shard, out=tmp_path / "out")
    assert result.returncode == 2 and "built by upsc-pipeline 0.0.1" in result.stderr


def test_merge_refuses_a_file_that_is_not_what_its_manifest_records(project, shard, tmp_path):
    (shard / "minimal" / "answer-key.pdf").write_bytes(FORGED)
    result = _merge(project, shard, out=tmp_path / "out")
    assert result.returncode == 2 and "is not the file its manifest records" in result.stderr
    assert not (tmp_path / "out" / "minimal").exists()


def test_a_bad_shard_leaves_no_half_merged_folder(project, shard, tmp_path):
    second = tmp_path / "second"
    shutil.copytree(shard, second)
    (second / "minimal").rename(second / "other")
    manifest = _manifest(second)
    manifest["sources"] = {"other": manifest["sources"]["minimal"]}
    _write_manifest(second, manifest)
    (second / "other" / "worksheet.pdf").unlink()
    out = tmp_path / "out"
    result = _merge(project, shard, second, out=out)
    assert result.returncode == 2 and "internal error" not in result.stderr
    assert "worksheet.pdf is missing" in result.stderr
    assert (
        not out.exists() or sorted(p.name for p in out.iterdir() if p.name != ".build.lock") == []
    )


@pytest.mark.parametrize(
    "text",
    [
        '{"version": "V", "sources": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"version": "V", "sources": {"../escape": {}}}',
        '{"version": "V", "sources": {"minimal": {"outputs": "article.pdf"}}}',
    ],
    ids=["nested-100000", "key-escapes", "outputs-not-a-table"],
)
def test_merge_refuses_a_malformed_manifest(project, shard, tmp_path, text):
    version = _manifest(shard)["version"]
    (shard / "manifest.json").write_text(text.replace("V", version), encoding="utf-8")
    result = _merge(project, shard, out=tmp_path / "out")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "internal error" not in result.stderr and "manifest.json" in result.stderr


def test_an_honest_merge_still_merges(project, shard, tmp_path):
    out = tmp_path / "out"
    result = _merge(project, shard, out=out)
    assert result.returncode == 0, result.stderr
    for name in ("article.pdf", "answer-key.pdf", "answer-key.json"):
        assert (out / "minimal" / name).read_bytes() == (shard / "minimal" / name).read_bytes()
    assert not [p for p in out.iterdir() if p.name.startswith(".merge-")]


# --- the font cache is verified ------------------------------------------------------------


@pytest.fixture
def font_cache(project, tmp_path) -> Path:
    """A copy of the cache the session's builds filled, as a CI cache restores it."""
    from pipeline.build.render.fonts import cache_dir

    cache = tmp_path / "cache"
    shutil.copytree(cache_dir(), cache / "fonts")
    return cache


@pytest.mark.parametrize("attack", ["truncated", "replaced"])
def test_a_tampered_cached_font_is_cut_again_before_any_pdf_uses_it(project, font_cache, attack):
    fonts = font_cache / "fonts"
    serif = next(fonts.glob("NotoSerif-normal-400-*.ttf"))
    original = serif.read_bytes()
    if attack == "truncated":
        serif.write_bytes(original[: len(original) // 3])
    else:  # another face's bytes under this face's name
        serif.write_bytes(next(fonts.glob("NotoSans-normal-700-*.ttf")).read_bytes())
    result = run_cli("build", "--force", cwd=project, env={"UPSC_PIPELINE_CACHE": str(font_cache)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"the cached font {serif} is not the one this tool cut" in result.stderr
    assert serif.read_bytes() == original  # cut again, byte for byte


def test_a_font_cache_that_is_a_file_is_a_usage_error(project, tmp_path):
    cache = tmp_path / "cache-file"
    cache.write_text("not a folder", encoding="utf-8")
    result = run_cli("build", "--force", cwd=project, env={"UPSC_PIPELINE_CACHE": str(cache)})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert "set UPSC_PIPELINE_CACHE to a writable folder" in result.stderr


# --- the machine fails while the build writes ----------------------------------------------


@pytest.mark.parametrize("size", ["nested-100000", "sparse-65mb", "another-apps"])
def test_a_folder_whose_manifest_is_no_build_manifest_is_refused(project, size):
    path = project / "build" / "manifest.json"
    if size == "nested-100000":
        path.write_text('{"sources": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    elif size == "sparse-65mb":
        with open(path, "wb") as handle:
            handle.truncate(65 * 1024 * 1024)  # costs no disk; read whole, it would cost memory
    else:
        path.write_text('{"name": "my-web-app", "icons": []}', encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert "holds files the tool did not write" in result.stderr
    assert (project / "build" / "minimal" / "article.pdf").exists()  # nothing deleted


def test_a_full_disk_when_saving_the_manifest_is_a_usage_error(project):
    from .test_hostile import run_failing

    out = project / "build"
    result = run_failing("build", cwd=project, under=out / ".manifest.json.", errno_name="ENOSPC")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert "manifest.json" in result.stderr and "the disk is full" in result.stderr


# --- the key that seals what the tool wrote is the user's own ------------------------------


@pytest.mark.parametrize("planted", ["readable-by-others", "link", "wrong-size"])
def test_a_key_file_that_is_not_the_users_own_is_not_used(tmp_path, monkeypatch, planted):
    from pipeline.build import trust

    state = tmp_path / "state"
    state.mkdir()
    known = b"k" * trust.KEY_BYTES  # a key someone else knows
    if planted == "link":
        (tmp_path / "elsewhere").write_bytes(known)
        (tmp_path / "elsewhere").chmod(0o600)
        os.symlink(tmp_path / "elsewhere", state / "key")
    else:
        (state / "key").write_bytes(known if planted != "wrong-size" else known[:8])
        (state / "key").chmod(0o644 if planted == "readable-by-others" else 0o600)
    monkeypatch.setenv("UPSC_PIPELINE_STATE", str(state))
    trust.key.cache_clear()
    try:
        assert trust.key() not in (known, known[:8])
        assert not trust.verify(trust.seal(b"manifest"), b"another manifest")
    finally:
        trust.key.cache_clear()
