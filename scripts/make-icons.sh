#!/bin/sh
# Rasterises assets/icon.svg and assets/tray.svg into the icon set electron-builder and the app use:
#   assets/icons/NxN.png (16..1024, Linux), assets/icon.png (512, window icon), assets/icon.ico (Windows),
#   assets/icon.icns (macOS), assets/tray.png + tray@2x.png (Linux/Windows tray, white),
#   assets/trayTemplate.png + trayTemplate@2x.png (macOS menu bar, black template).
# Needs rsvg-convert (librsvg2-bin), icotool (icoutils) and png2icns (icnsutils).
set -eu
cd "$(dirname "$0")/../assets"
mkdir -p icons
for n in 16 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$n" -h "$n" icon.svg -o "icons/${n}x${n}.png"
done
cp icons/512x512.png icon.png
icotool -c -o icon.ico icons/16x16.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png
png2icns icon.icns icons/16x16.png icons/32x32.png icons/128x128.png icons/256x256.png icons/512x512.png icons/1024x1024.png >/dev/null
rsvg-convert -w 16 -h 16 tray.svg -o trayTemplate.png
rsvg-convert -w 32 -h 32 tray.svg -o trayTemplate@2x.png
sed 's/#000000/#ffffff/g' tray.svg | rsvg-convert -w 22 -h 22 -o tray.png
sed 's/#000000/#ffffff/g' tray.svg | rsvg-convert -w 44 -h 44 -o tray@2x.png
echo "icons written to $(pwd)"
