"""docs/architecture.md names only files and folders that exist, and answers in few files."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
# A path in backticks: folders end with "/", files with an extension.
PATH = re.compile(r"`((?:[\w.-]+/)+(?:[\w.-]+\.(?:py|md|toml))?)`")
QUESTIONS = ("delayed transfer of care", "block contract's uplift", "add D2A places")


def named_paths(text: str) -> list[str]:
    """Every repository path the text names in backticks."""
    return PATH.findall(text)


def test_every_path_named_exists():
    text = DOC.read_text(encoding="utf-8")
    paths = named_paths(text)
    assert len(paths) > 30  # the table and the answers were read
    missing = sorted({p for p in paths if not (ROOT / p).exists()})
    assert missing == []


def test_the_scan_sees_a_missing_path():
    assert named_paths("see `sim/nowhere.py` and `sim/core/`") == ["sim/nowhere.py", "sim/core/"]
    assert not (ROOT / "sim/nowhere.py").exists()


def test_each_newcomer_question_is_answered_in_at_most_three_files():
    text = DOC.read_text(encoding="utf-8")
    for question in QUESTIONS:
        # The answer runs from the end of the bold question to the next one or heading.
        answer = text.split(question, 1)[1].split("**", 2)[1].split("\n## ", 1)[0]
        files = {p for p in named_paths(answer) if p.endswith(".py")}
        assert 1 <= len(files) <= 3, (question, sorted(files))


def test_the_readme_links_it():
    assert "docs/architecture.md" in (ROOT / "README.md").read_text(encoding="utf-8")
