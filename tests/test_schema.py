import json
import subprocess
import sys

import jsonschema

from conftest import DATA, ROOT, SEEDS


def test_seed_facts_follow_the_contract(seed_facts_json):
    schema = json.loads((DATA / "facts.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(seed_facts_json)
    assert seed_facts_json["schema_version"] == 1
    assert len(seed_facts_json["documents"]) == 5


def test_facts_command_writes_valid_sorted_deterministic_json(tmp_path):
    out1, out2 = tmp_path / "a.json", tmp_path / "b" / "facts.json"
    for out in (out1, out2):
        run = subprocess.run([sys.executable, "-m", "flows.cli", "facts", str(SEEDS), "--json", str(out)],
                             capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0, run.stderr
    assert out1.read_bytes() == out2.read_bytes()
    facts = json.loads(out1.read_text(encoding="utf-8"))
    keys = [(p["document_id"], p["holder"], p["target"], p["stance"]) for p in facts["positions"]]
    assert keys == sorted(keys)
    schema = json.loads((DATA / "facts.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(facts, schema)
