"""Every systemd unit and timer in deploy/ names something that exists.

A unit's command is run as it would be on the server (WorkingDirectory /srv/alongside is this
repository): a ``manage.py`` command must be a real command whose parser accepts the unit's arguments
(with each ``$VARIABLE`` given its value from the example environment files), a path inside the
installation must be a file of the repository, and every timer must start a unit that is here. So a
renamed command, a dropped option or a timer left pointing at nothing fails here, not at 02:30 on the
server.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class
from django.core.management.base import CommandError

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
SYSTEMD = DEPLOY / "systemd"
INSTALLED = "/srv/alongside/"
EXEC_KEYS = ("ExecStartPre", "ExecStart", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost")
VARIABLE = re.compile(r"\$\{?([A-Z_][A-Z0-9_]*)\}?")


def _units(suffix):
    found = sorted(SYSTEMD.glob(f"*.{suffix}"))
    assert found, f"no .{suffix} units in {SYSTEMD}"
    return found


def _settings_of(path: Path) -> list[tuple[str, str, str]]:
    """(section, key, value) for every line: systemd allows a key more than once, so no configparser."""
    section, rows = "", []
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        rows.append((section, key.strip(), value.strip()))
    return rows


def _example_environment() -> dict[str, str]:
    """Every variable the example environment files set, with its example value."""
    values = {}
    for example in DEPLOY.glob("*.env.example"):
        for raw in example.read_text().splitlines():
            line = raw.strip()
            if line and not line.startswith("#") and "=" in line:
                key, _, value = line.partition("=")
                values[key.strip()] = value.strip()
    return values


def _argv(command_line: str) -> list[str]:
    """The program and its arguments, as the unit runs them (through ``/bin/sh -c '...'`` if so)."""
    command_line = command_line.lstrip("-@+!:")  # systemd's prefixes (ignore failure, etc.)
    argv = shlex.split(command_line)
    if argv[:2] == ["/bin/sh", "-c"]:
        assert len(argv) == 3, f"{command_line}: one script after sh -c"
        environment = _example_environment()

        def value_of(match):
            name = match.group(1)
            assert name in environment, f"{command_line}: ${name} is in no deploy/*.env.example"
            return shlex.quote(environment[name])

        argv = shlex.split(VARIABLE.sub(value_of, argv[2]))
        if argv[0] == "exec":
            argv = argv[1:]
    return argv


def _in_repository(path: str) -> Path:
    return REPO / path.removeprefix(INSTALLED)


def problems_of_command(argv: list[str]) -> list[str]:
    program, arguments = argv[0], argv[1:]
    if program.startswith(INSTALLED + ".venv/bin/"):
        name = program.rsplit("/", 1)[1]
        if not (REPO / ".venv" / "bin" / name).exists():
            return [f"{program}: no {name} in the virtual environment (is it in requirements/base.txt?)"]
        if name.startswith("python"):
            return _problems_of_python(arguments)
    elif program.startswith(INSTALLED):
        if not _in_repository(program).is_file():
            return [f"{program}: no such file in the repository"]
    elif not Path(program).is_absolute() or not Path(program).exists():
        return [f"{program}: systemd needs an absolute path to a program that exists"]
    return [
        f"{a}: no such file in the repository"
        for a in arguments
        if _looks_like_our_file(a) and not _in_repository(a).is_file()
    ]


def _looks_like_our_file(argument: str) -> bool:
    if argument.startswith("-") or "$" in argument:
        return False
    return argument.startswith(INSTALLED) or (not argument.startswith("/") and "/" in argument)


def _problems_of_python(arguments: list[str]) -> list[str]:
    if not arguments or arguments[0] != "manage.py":
        return [f"python {' '.join(arguments)}: the units run manage.py commands"]
    if len(arguments) < 2:
        return ["manage.py without a command"]
    name, rest = arguments[1], arguments[2:]
    commands = get_commands()
    if name not in commands:
        return [f"manage.py {name}: there is no such command"]
    command = load_command_class(commands[name], name)
    try:
        command.create_parser("manage.py", name).parse_args(rest)
    except CommandError as error:
        return [f"manage.py {name} {' '.join(rest)}: {error}"]
    return []


@pytest.fixture(autouse=True)
def production_tasks(settings):
    """The server's task backend (the tests' runs tasks at once), which db_worker's parser asks for."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.parametrize("unit", _units("service"), ids=lambda p: p.name)
def test_every_service_runs_a_command_that_exists(unit):
    rows = _settings_of(unit)
    commands = [value for section, key, value in rows if section == "Service" and key in EXEC_KEYS]
    assert any(key == "ExecStart" for _, key, _ in rows), f"{unit.name} has no ExecStart"
    problems = []
    for command_line in commands:
        argv = _argv(command_line)
        if argv[0] == "/bin/kill":  # ExecReload's signal to $MAINPID
            continue
        problems += problems_of_command(argv)
    assert not problems, f"{unit.name}: " + "; ".join(problems)


@pytest.mark.parametrize("unit", _units("service"), ids=lambda p: p.name)
def test_every_service_reads_environment_files_that_are_documented(unit):
    for _section, key, value in _settings_of(unit):
        if key == "EnvironmentFile":
            path = value.lstrip("-")
            assert path.startswith("/etc/alongside/"), f"{unit.name}: {path}"
            example = DEPLOY / f"{Path(path).name}.example"
            assert example.is_file(), f"{unit.name} reads {path}: add deploy/{example.name} to say what it holds"


@pytest.mark.parametrize("timer", _units("timer"), ids=lambda p: p.name)
def test_every_timer_starts_a_unit_that_is_here(timer):
    rows = _settings_of(timer)
    named = [value for section, key, value in rows if section == "Timer" and key == "Unit"]
    unit = named[0] if named else timer.with_suffix(".service").name
    assert (SYSTEMD / unit).is_file(), f"{timer.name} starts {unit}, which is not in deploy/systemd"
    assert any(key.startswith("On") for section, key, _ in rows if section == "Timer"), f"{timer.name} never fires"
    assert ("Install", "WantedBy", "timers.target") in rows, f"{timer.name}: WantedBy=timers.target"


def test_the_backup_may_write_where_the_example_says_backups_go():
    directory = _example_environment()["ALONGSIDE_BACKUP_DIR"]
    writable = " ".join(v for s, k, v in _settings_of(SYSTEMD / "alongside-backup.service") if k == "ReadWritePaths")
    assert directory in writable.split()


def test_every_unit_is_in_the_deploy_readme():
    readme = (DEPLOY / "README.md").read_text()
    missing = [p.stem for p in SYSTEMD.iterdir() if p.suffix in (".service", ".timer") and p.stem not in readme]
    assert not missing, f"say in deploy/README.md what these are: {missing}"


def test_a_renamed_command_or_a_dropped_option_is_caught():
    """The checker itself: it would see a unit naming a command or an option that is not there."""
    python = INSTALLED + ".venv/bin/python"
    assert problems_of_command([python, "manage.py", "apply_retention"]) == []
    assert problems_of_command([python, "manage.py", "apply_retentions"])
    assert problems_of_command([python, "manage.py", "backup", "--into", "/x", "--keep", "none"])
    assert problems_of_command([python, "manage.py", "backup", "--daily"])
    assert problems_of_command([INSTALLED + ".venv/bin/gunicorn", "-c", "deploy/gunicorn.py"])
