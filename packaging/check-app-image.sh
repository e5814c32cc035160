#!/usr/bin/env bash
# Checks a Linux app image for real: starts it under Xvfb on a fresh data folder (so it makes its own sample
# workspace), waits for the main window to show the opened store, saves a screenshot of it, and quits it with
# Ctrl+Q. On a failure the data folder (/tmp/pkg-home.*, with app.log) is left for a look.
# Needs Xvfb, xdotool and ImageMagick (import, compare).
#   packaging/check-app-image.sh [APP_DIR] [SCREENSHOT]
# defaults: target/jpackage/arenainstruct-studio and docs/packaged-app.png; DISPLAY_NUMBER picks the display (91).
set -euo pipefail
app=${1:-target/jpackage/arenainstruct-studio}
shot=${2:-docs/packaged-app.png}
display=":${DISPLAY_NUMBER:-91}"
home=$(mktemp -d /tmp/pkg-home.XXXXXX)
launcher="$app/bin/arenainstruct-studio"
[[ -x "$launcher" ]] || { echo "no launcher at $launcher (mvn -Papp-image package -DskipTests)" >&2; exit 2; }

Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >"$home/xvfb.log" 2>&1 &
xvfb=$!
app_pid=
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY="$display" ARENAINSTRUCT_HOME="$home"

# Waits (0.5 s steps, at most $1 seconds) until the command in the remaining arguments succeeds.
wait_for() {
  local limit=$(($1 * 2)); shift
  for ((i = 0; i < limit; i++)); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  return 1
}
display_up() { xdpyinfo -display "$display" >/dev/null 2>&1; }
wait_for 10 display_up || { echo "Xvfb did not start on $display" >&2; cat "$home/xvfb.log" >&2; exit 1; }

started=$(date +%s%N)
"$launcher" >"$home/app.log" 2>&1 &
app_pid=$!
# The title names the store once it is open and the main window (sidebar and area) has replaced the placeholder.
window_shown() {
  kill -0 "$app_pid" 2>/dev/null || { echo "the app exited:" >&2; cat "$home/app.log" >&2; exit 1; }
  win=$(xdotool search --name "ArenaInstruct Studio .*$home" 2>/dev/null | head -1)
  [[ -n "$win" ]]
}
wait_for 120 window_shown || { echo "no main window after 120 s" >&2; cat "$home/app.log" >&2; exit 1; }
echo "main window after $((($(date +%s%N) - started) / 1000000)) ms: $(xdotool getwindowname "$win")"

# Painting follows the title. The main window is painted once the window's top strip (the menu bar: File, Edit,
# View, Help) is no longer one plain colour as the "Opening the store" placeholder is; then wait until two
# screenshots in a row are the same.
eval "$(xdotool getwindowgeometry --shell "$win")"
strip="${WIDTH}x24+${X}+${Y}"
menu_bar_painted() {
  import -window root "$home/a.png"
  [[ $(convert "$home/a.png" -crop "$strip" -format '%[fx:standard_deviation > 0.01]' info:) == 1 ]]
}
wait_for 60 menu_bar_painted || { echo "the main window was not painted within 60 s" >&2; exit 1; }
same_as_last() {
  import -window root "$home/b.png"
  local diff
  diff=$(compare -metric AE "$home/a.png" "$home/b.png" /dev/null 2>&1 || true)
  mv "$home/b.png" "$home/a.png"
  [[ "$diff" == "0" ]]
}
wait_for 30 same_as_last || echo "the screen still changes after 30 s; taking it as it is" >&2
mkdir -p "$(dirname "$shot")"
convert "$home/a.png" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$shot"
echo "screenshot: $shot"

xdotool windowfocus --sync "$win" key ctrl+q
app_exited() { ! kill -0 "$app_pid" 2>/dev/null; }
if wait_for 30 app_exited; then
  wait "$app_pid" && code=0 || code=$?
  app_pid=
  echo "quit with Ctrl+Q, exit code $code"
  [[ $code == 0 ]] || { cat "$home/app.log" >&2; exit 1; }
else
  echo "the app did not quit within 30 s of Ctrl+Q" >&2
  exit 1
fi
rm -rf "$home"
