from khabar.ingest import ReadOptions, read_sources
from khabar.records import Article


def test_directory_walk_skips_knowledge_and_config_files(tmp_path):
    (tmp_path / "story.txt").write_text("Police arrested two protest organisers in the capital on Monday, their lawyers said.")
    (tmp_path / "kb-mine.yaml").write_text("- name: Example Front\n  kind: organization\n")
    (tmp_path / "settings.toml").write_text("x = 1\n")
    items = list(read_sources([tmp_path], ReadOptions()))
    assert [type(i) for i in items] == [Article]
    assert items[0].origin.endswith("story.txt")


def test_named_yaml_file_is_still_read(tmp_path):
    f = tmp_path / "notes.yaml"
    f.write_text("Police arrested two protest organisers in the capital on Monday, their lawyers said.\n")
    items = list(read_sources([f], ReadOptions()))
    assert len(items) == 1
