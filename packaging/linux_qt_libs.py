"""The system libraries Qt's window system plug-in (xcb) needs on Linux, found missing and
installed (Debian and Ubuntu, as root) or named: `python packaging/linux_qt_libs.py`.

PySide6's wheels carry Qt but not the X11 libraries under it, and a desktop install without
them ends in Qt's abort "no Qt platform plugin could be initialized". `make run` calls this
first. `--check` only says what is missing (exit 1 if anything is).
"""

# The system's own tools (ldd, ldconfig, apt-get, sudo) by name, with fixed arguments.
# ruff: noqa: S603, S607
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# The shared library → the Debian package that holds it.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
# Loaded by the xcb plug-in at run time (dlopen), so ldd does not list it.
DLOPENED = ("libxcb-cursor.so.0",)


def qt_folder() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt"


def missing() -> list[str]:
    """The libraries that the xcb plug-in and Qt's GUI libraries cannot find here."""
    qt = qt_folder()
    binaries = [qt / "plugins" / "platforms" / "libqxcb.so",
                *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1],
                *sorted((qt / "lib").glob("libQt6Gui.so*"))[:1],
                *sorted((qt / "lib").glob("libQt6Widgets.so*"))[:1]]
    found: set[str] = set()
    for binary in binaries:
        if not binary.exists():
            continue
        listed = subprocess.run(["ldd", str(binary)], capture_output=True, text=True,
                                check=False).stdout
        found |= {line.split()[0] for line in listed.splitlines() if "not found" in line}
    known = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True,
                           check=False).stdout if shutil.which("ldconfig") or \
        Path("/sbin/ldconfig").exists() else ""
    for name in DLOPENED:
        if known and f"{name} " not in known and f"{name}\t" not in known:
            found.add(name)
    return sorted(found)


def main(argv: list[str]) -> int:
    if not sys.platform.startswith("linux"):
        return 0
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal", "wayland"):
        return 0  # no X11 in use
    absent = missing()
    if not absent:
        return 0
    packages = sorted({PACKAGES[name] for name in absent if name in PACKAGES})
    unknown = [name for name in absent if name not in PACKAGES]
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    print(f"Qt's window system plug-in needs libraries this system lacks: {', '.join(absent)}",
          file=sys.stderr)
    debian = shutil.which("dpkg") is not None and shutil.which("apt-get") is not None
    if "--check" in argv or not debian or not packages:
        if packages:
            print(f"On Debian or Ubuntu: sudo {' '.join(command)}", file=sys.stderr)
        if unknown:
            print(f"Install the packages of your distribution that hold: {', '.join(unknown)}",
                  file=sys.stderr)
        return 1
    if os.geteuid() != 0:
        sudo = shutil.which("sudo")
        if sudo is None:
            print(f"As root: {' '.join(command)}", file=sys.stderr)
            return 1
        command = [sudo, *command]
    print(f"Installing: {' '.join(packages)}", file=sys.stderr)
    done = subprocess.run(command, check=False)
    if done.returncode != 0:  # perhaps a package list never fetched
        update = [*command[:command.index("apt-get")], "apt-get", "update", "-q"]
        subprocess.run(update, check=False)
        done = subprocess.run(command, check=False)
    if done.returncode != 0:
        print(f"Could not install them; run: sudo {' '.join(command[-len(packages) - 4:])}",
              file=sys.stderr)
        return 1
    still = [name for name in missing() if name not in unknown]
    return 1 if still else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
