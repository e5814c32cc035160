#!/usr/bin/env bash
# Draws the app icon (two speech bubbles: two models answering one prompt) and writes it in the three formats
# jpackage takes: PNG (Linux), ICO (Windows), ICNS (macOS). Needs ImageMagick 6+ and python3; the results are
# committed, so a build never runs this.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

convert -size 512x512 xc:none \
  -fill '#2b3a67' -draw 'roundrectangle 16,16 495,495 96,96' \
  -fill '#f4a261' -draw 'roundrectangle 70,104 318,290 44,44' -draw 'polygon 112,282 104,360 184,282' \
  -fill '#2a9d8f' -draw 'roundrectangle 194,222 442,408 44,44' -draw 'polygon 400,400 408,478 328,400' \
  -fill '#ffffff' -draw 'roundrectangle 110,150 278,172 11,11' -draw 'roundrectangle 110,196 240,218 11,11' \
  -draw 'roundrectangle 234,268 402,290 11,11' -draw 'roundrectangle 234,314 364,336 11,11' \
  -depth 8 "PNG32:$tmp/512.png"
for size in 256 128; do
  convert "$tmp/512.png" -resize "${size}x${size}" -depth 8 "PNG32:$tmp/$size.png"
done

cp "$tmp/256.png" arenainstruct-studio.png
convert "$tmp/512.png" -define icon:auto-resize=256,128,64,48,32,16 arenainstruct-studio.ico

# ImageMagick writes no ICNS; the format is a header and typed entries, and macOS takes PNG data in the
# ic07 (128), ic08 (256) and ic09 (512) entries. On a Mac, iconutil (from an .iconset folder) does the same.
python3 - "$tmp" <<'PY'
import struct, sys
entries = b""
for kind, size in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512)):
    data = open(f"{sys.argv[1]}/{size}.png", "rb").read()
    entries += kind + struct.pack(">I", 8 + len(data)) + data
open("arenainstruct-studio.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(entries)) + entries)
PY
