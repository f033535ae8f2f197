#!/usr/bin/env python3
"""The modules' dependencies point one way (docs/architecture.md).

Each C++ file under game/ and k8s/ belongs to the module of its folder. It may
include headers of its own module and of the modules listed for it below, and
only the third-party headers listed for it. Prints every include that breaks
the table, with file and line, and exits 1; prints one summary line otherwise.
    python3 tests/style/layering_check.py
"""
import pathlib
import re
import sys

# module: (folder, modules it may include, third-party headers it may include)
MODULES = {
    'common': ('k8s/common', ['vocabulary', 'rng'], ['nlohmann/']),
    'sim': ('k8s/simcluster', ['common', 'vocabulary', 'rng'], ['nlohmann/']),
    'simhttp': ('k8s/simcluster/http', [], ['openssl/']),
    'simserver': ('k8s/simcluster/server', ['sim', 'simhttp', 'common'], ['nlohmann/', 'openssl/']),
    'client': ('k8s/client', ['common'], ['nlohmann/', 'curl/', 'yaml-cpp/']),
    'mesh': ('k8s/mesh', ['common', 'vocabulary'], ['nlohmann/', 'curl/']),
    'vocabulary': ('k8s/common/vocabulary.hpp', [], []),
    'rng': ('k8s/common/rng.hpp', [], []),
    'world': ('game/world', ['vocabulary', 'rng'], []),
    'loader': ('game/world/loader', ['world'], ['yaml-cpp/']),
    'report': ('game/report', ['world'], ['nlohmann/']),
    'render': ('game/render', ['world'], ['SDL']),
    'bridge': ('game/bridge', ['client', 'mesh', 'world', 'common'], ['nlohmann/']),
    'app': ('game/app', ['simserver', 'sim', 'client', 'bridge', 'mesh', 'render', 'report', 'loader', 'world',
                         'common'], ['nlohmann/', 'SDL', 'CLI/']),
}
THIRD_PARTY = ('nlohmann/', 'httplib.h', 'openssl/', 'curl/', 'yaml-cpp/', 'SDL', 'CLI/')
INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]')


def module_of(path):
    """The module whose folder holds `path` (the longest folder that matches)."""
    best = None
    for name, (folder, _, _) in MODULES.items():
        inside = path == folder or path.startswith(folder + '/')
        if inside and (best is None or len(folder) > len(MODULES[best][0])):
            best = name
    return best


def target_of(header):
    """The module a project header ("world/model/pod.hpp") belongs to, or None."""
    for top in ('game', 'k8s'):
        candidate = f'{top}/{header}'
        if pathlib.Path(candidate).exists():
            return module_of(candidate)
    return None


def allowed(name):
    """The modules `name` may include: its own and those it depends on, transitively."""
    seen, todo = {name}, [name]
    while todo:
        for dep in MODULES[todo.pop()][1]:
            base = dep.split('/')[0]
            if base not in seen:
                seen.add(base)
                todo.append(base)
    return seen


def main():
    root = pathlib.Path(__file__).resolve().parents[2]
    files = sorted(p for top in ('game', 'k8s') for p in (root / top).rglob('*') if p.suffix in ('.cpp', '.hpp'))
    problems = []
    for file in files:
        rel = file.relative_to(root).as_posix()
        name = module_of(rel)
        if name is None:
            problems.append(f'{rel}: in no module of the table')
            continue
        may, third = allowed(name), [t for m in allowed(name) for t in MODULES[m][2]]
        for number, line in enumerate(file.read_text().splitlines(), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            header = match.group(2)
            if match.group(1) == '"':
                if '/' not in header:
                    problems.append(f'{rel}:{number}: "{header}" is not written with its module')
                    continue
                target = target_of(header)
                if target is None:
                    problems.append(f'{rel}:{number}: "{header}" is no header of a module')
                elif target not in may:
                    problems.append(f'{rel}:{number}: {name} may not include {target} ("{header}")')
            elif header.startswith(THIRD_PARTY) and not header.startswith(tuple(third)):
                problems.append(f'{rel}:{number}: {name} may not include <{header}>')
    for problem in problems:
        print('layering_check:', problem)
    if problems:
        sys.exit(1)
    print(f'layering_check: {len(files)} files, every include within the table')


main()
