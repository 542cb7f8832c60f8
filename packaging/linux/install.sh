#!/bin/sh
# Put Team Planner on a Linux desktop, for the current user (no root needed):
# a `team-planner` command, the menu entry, the icon, and the .teamplan file type, so that
# double-clicking a project opens it in Team Planner.
#
#   ./install.sh            from the unpacked desktop build (the folder holding TeamPlanner)
#   packaging/linux/install.sh   from a checkout, after `pipx install .` (uses team-planner on PATH)
#   ./install.sh --uninstall     removes what it installed
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
icons=$here/../../resources/icons
[ -d "$here/_internal/resources/icons" ] && icons=$here/_internal/resources/icons

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$data/applications/team-planner.desktop" "$data/mime/packages/team-planner.xml"
  for size in 16 24 32 48 64 128 256 512; do
    rm -f "$data/icons/hicolor/${size}x${size}/apps/team-planner.png"
  done
  rm -f "$data/icons/hicolor/scalable/apps/team-planner.svg"
  [ -L "$bin/team-planner" ] && rm -f "$bin/team-planner"
else
  if [ -x "$here/TeamPlanner" ]; then
    mkdir -p "$bin"
    ln -sf "$here/TeamPlanner" "$bin/team-planner"
  elif ! command -v team-planner >/dev/null 2>&1; then
    echo "install.sh: no TeamPlanner here and no team-planner command on PATH (pipx install . first)" >&2
    exit 1
  fi
  mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor/scalable/apps"
  cp "$here/team-planner.desktop" "$data/applications/team-planner.desktop"
  cp "$here/team-planner-mime.xml" "$data/mime/packages/team-planner.xml"
  for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$icons/team-planner-$size.png" "$data/icons/hicolor/${size}x${size}/apps/team-planner.png"
  done
  cp "$icons/team-planner.svg" "$data/icons/hicolor/scalable/apps/team-planner.svg"
fi

# Refresh the desktop's caches where the tools exist (shared-mime-info, desktop-file-utils, GTK).
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
if [ "${1:-}" != "--uninstall" ]; then
  command -v xdg-mime >/dev/null 2>&1 && xdg-mime default team-planner.desktop application/x-teamplan || true
  echo "Team Planner installed: find it in the applications menu, or run team-planner (in $bin)."
fi
