"""The layers' import directions hold (docs/architecture.md draws them).

Every ``import`` and ``from ... import`` in the project's packages, including those inside
functions, is read from the source; each module's layer may import only the layers listed.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("sim", "agents", "experiments", "viz")
ENGINES = ("sim.scenario", "sim.population", "sim.payments", "sim.sharing")

# layer -> the layers its modules may import (a module may always import its own layer).
ALLOWED: dict[str, tuple[str, ...]] = {
    "sim.core": (),
    **{engine: ("sim.core", *ENGINES) for engine in ENGINES},
    "sim.outputs": ("sim.core", *ENGINES),
    "agents": ("sim.core", *ENGINES),
    "sim.model": ("sim.core", *ENGINES, "sim.outputs", "agents"),
    "experiments": ("sim", "agents"),
    "experiments.cli": ("sim", "agents", "experiments"),
    "viz": ("sim", "agents", "experiments"),
}


def layer_of(module: str) -> str:
    """The most specific layer a dotted module name belongs to."""
    matches = [layer for layer in ALLOWED if module == layer or module.startswith(layer + ".")]
    return max(matches, key=len)


def project_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of a project package in one file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            names = [node.module] if node.module != "sim" else names[1:]
        else:
            continue
        found += [(node.lineno, name) for name in names if name.split(".")[0] in PACKAGES]
    return found


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _permitted(importer: str, imported: str) -> bool:
    own, target = layer_of(importer), layer_of(imported)
    if target == own:
        return True
    allowed = ALLOWED[own]
    if own == "experiments" and target == "experiments.cli":
        return False
    return any(target == a or target.startswith(a + ".") for a in allowed)


def test_every_import_runs_down_the_layers():
    wrong = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            importer = _module_name(path)
            for line, imported in project_imports(path):
                if not _permitted(importer, imported):
                    wrong.append(f"{path.relative_to(ROOT)}:{line}: {layer_of(importer)} "
                                 f"imports {imported} ({layer_of(imported)})")
    assert not wrong, "\n".join(wrong)


def test_the_scan_sees_a_wrong_import():
    # The check itself can fail: an agent importing the model, or the core importing an engine.
    assert not _permitted("agents.acute", "sim.model.contracts")
    assert not _permitted("sim.core.ledger", "sim.payments")
    assert not _permitted("experiments.compare", "experiments.cli.terminal")
    assert not _permitted("experiments.serving", "viz.app")
    assert _permitted("viz.app", "experiments.compare")
