"""Write the hostile corpus: one file per class of hostile input (see cases.yaml for what each must give).

    .venv/bin/python tests/hostile/make_corpus.py

The files are committed; this script says how each was made, and remakes them.
`answers/` holds answers files (for `assess` and the app's upload); `content/<case>/`
holds files laid over a copy of tests/fixtures/mini (for `validate --content`).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

HEAD = """format: open-model-license-risk/answers
format_version: 1
licenses: [llama-3.1]
"""
INTAKE = """answers:
  intake:
    organisation: Example KK
    establishment: japan
    group_monthly_active_users: 5000
"""


def answers(name: str, text: str | bytes) -> None:
    path = HERE / "answers" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def content(case: str, files: dict[str, str | bytes]) -> None:
    for name, text in files.items():
        path = HERE / "content" / case / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def one_answer(key: str, value: str) -> str:
    """An answers file whose intake answer `key` is `value` (as written in YAML)."""
    return HEAD + f"answers:\n  intake:\n    establishment: japan\n    {key}: {value}\n"


def main() -> None:
    # 1. Nesting that would crash libyaml's recursive composer (SIGSEGV), or Python's JSON parser.
    answers("deep-flow.yaml", "x: " + "[" * 25_000 + "]" * 25_000 + "\n")
    answers("deep-block.yaml", "".join(" " * i + f"k{i}:\n" for i in range(150)) + " " * 150 + "v\n")
    answers("deep-sequence.yaml", "- " * 20_000 + "x\n")
    answers("deep.json", "[" * 25_000 + "]" * 25_000)
    # 2. Markdown and HTML in strings that the app shows.
    answers(
        "markdown-in-version.yaml",
        HEAD
        + "answered_against:\n  intake: {tree_version: '[click](http://evil.example) ![img](http://evil.example/i.png) **bold** <b>x</b>'}\n"
        + INTAKE,
    )
    answers(
        "markdown-in-answers.json",
        json.dumps(
            {
                "format": "open-model-license-risk/answers",
                "format_version": 1,
                "licenses": ["llama-3.1"],
                "answers": {
                    "intake": {"organisation": "[click](http://evil.example) :red[x] $x^2$ www.evil.example"},
                    "[link](http://evil.example)": {"q": 1},
                },
            },
            indent=2,
        ),
    )
    # 3. Many problems: linear time, and a capped list.
    answers("unknown-keys.yaml", HEAD + INTAKE + "".join(f"    unknown_{i}: 1\n" for i in range(20_000)))
    # 4. Values that PyYAML, JSON or the engine would have raised on.
    answers(
        "invalid-date.yaml", HEAD + "answered_against:\n  llama-3.1: {tree_version: 1.0.0, license_date: 2024-02-30}\n" + INTAKE
    )
    answers(
        "invalid-time.yaml",
        HEAD + "answered_against:\n  llama-3.1: {tree_version: 1.0.0, license_date: 2024-01-01 25:00:00}\n" + INTAKE,
    )
    answers("tag-int.yaml", one_answer("group_monthly_active_users", "!!int abc"))
    answers("tag-timestamp.yaml", one_answer("organisation", "!!timestamp foo"))
    answers("tag-bool.yaml", one_answer("distributes_model", "!!bool maybe"))
    answers("tag-set.yaml", one_answer("sensitive_uses", "!!set {none: null}"))
    answers("tag-map.yaml", one_answer("organisation", "!!map [1, 2]"))
    answers("tag-binary.yaml", one_answer("organisation", "!!binary aGVsbG8="))
    answers("long-integer.yaml", one_answer("group_monthly_active_users", "9" * 5000))
    answers(
        "long-integer.json",
        '{"format": "open-model-license-risk/answers", "format_version": 1, "licenses": [], "answers": {"intake": {"group_monthly_active_users": '
        + "9" * 5000
        + "}}}",
    )
    answers("overflow-integer.yaml", one_answer("group_monthly_active_users", "1" + "0" * 99))
    answers("above-2-53.yaml", one_answer("group_monthly_active_users", str(2**53 + 2)))
    answers(
        "infinity.json",
        '{"format": "open-model-license-risk/answers", "format_version": 1, "licenses": [], "answers": {"intake": {"group_monthly_active_users": Infinity}}}',
    )
    answers(
        "lone-surrogate.json",
        '{"format": "open-model-license-risk/answers", "format_version": 1, "licenses": ["llama-3.1"],\n'
        ' "answers": {"intake": {"organisation": "Example \\ud800 KK"}}}\n',
    )
    # 6. Lax files that were accepted and changed silently.
    answers(
        "duplicate-keys.json",
        '{"format": "open-model-license-risk/answers", "format_version": 1, "licenses": ["llama-3.1"],\n'
        ' "answers": {"intake": {"organisation": "First KK",\n "organisation": "Second KK"}}}\n',
    )
    answers("format-version-true.yaml", HEAD.replace("format_version: 1", "format_version: true") + INTAKE)
    answers("empty-many-of.yaml", one_answer("sensitive_uses", "[]"))
    answers("fractional-number.yaml", one_answer("group_monthly_active_users", "2.5"))
    # 7. Control characters and bidirectional overrides.
    answers(
        "terminal-escapes.yaml",
        HEAD.replace("licenses: [llama-3.1]", 'licenses: [llama-3.1, "\\e]0;pwned\\a\\e[2J"]')
        + 'answered_against:\n  intake: {tree_version: "\\e[31mred\\e[0m"}\n'
        + INTAKE,
    )
    answers("bidi-override.yaml", one_answer("organisation", '"Example \\u202eKK gnirts\\u202c end"'))
    # Already handled before: kept so that they stay handled.
    answers(
        "alias-bomb.yaml",
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n",
    )
    answers("python-tag.yaml", "format: !!python/object/apply:os.system ['echo pwned']\n")
    answers("duplicate-keys.yaml", HEAD + INTAKE + "    organisation: Second KK\n")
    answers("nul-byte.yaml", one_answer("organisation", '"a"') + "\x00\n")
    answers("utf-16.yaml", (HEAD + INTAKE).encode("utf-16"))
    answers("not-utf-8.yaml", (HEAD + INTAKE).encode("utf-8") + b"    organisation: caf\xe9\n")
    answers("not-a-mapping.yaml", "- just\n- a list\n")

    # Content files, laid over a copy of the mini fixture.
    content("deep-nesting", {"questionnaires/demo.yaml": "id: demo\nquestions: " + "[" * 25_000 + "]" * 25_000 + "\n"})
    content("invalid-date", {"questionnaires/demo.yaml": _mini_tree().replace("date: 2026-01-01", "date: 2026-02-30")})
    content("long-integer", {"questionnaires/intake.yaml": _mini("intake").replace("minimum: 0", "minimum: " + "9" * 5000, 1)})
    content(
        "infinite-threshold", {"questionnaires/demo.yaml": _mini_tree().replace("greater_than: 100000000", "greater_than: .inf")}
    )
    content("tag-int", {"questionnaires/demo.yaml": _mini_tree().replace("greater_than: 100000000", "greater_than: !!int many")})
    content("extends-list", {"questionnaires/demo-2.yaml": "id: demo-2\nextends: [demo, intake]\nversion: 2.0.0\n"})
    content("extends-mapping", {"questionnaires/demo-2.yaml": "id: demo-2\nextends: {id: demo}\nversion: 2.0.0\n"})
    profile_2 = "id: demo-2\nextends: demo\nversion: '2'\n"  # a second version of the license, for the trees below
    content(
        "questions-not-a-list",
        {
            "licenses/demo-2.yaml": profile_2,
            "questionnaires/demo-2.yaml": "id: demo-2\nlicense: demo-2\nextends: demo\nversion: 2.0.0\nquestions: 5\n",
        },
    )
    content(
        "remove-not-a-list",
        {
            "licenses/demo-2.yaml": profile_2,
            "questionnaires/demo-2.yaml": "id: demo-2\nlicense: demo-2\nextends: demo\nversion: 2.0.0\nremove_questions: {lawsuit: true}\n",
        },
    )
    content("text-not-utf-8", {"licenses/texts/demo.txt": b"Demo License. " + b"caf\xe9\n"})
    content("many-keys", {"questionnaires/demo.yaml": _mini_tree() + "".join(f"unknown_{i}: 1\n" for i in range(20_000))})


def _mini(name: str) -> str:
    return (HERE.parent / "fixtures" / "mini" / "questionnaires" / f"{name}.yaml").read_text(encoding="utf-8")


def _mini_tree() -> str:
    return _mini("demo")


if __name__ == "__main__":
    main()
