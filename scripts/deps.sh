#!/usr/bin/env bash
# Installs, with apt-get, whatever planpress needs that is missing. Quick when
# everything is there already (it only asks dpkg). Used by demo.sh and test.sh.
set -euo pipefail
# build: compiler, CMake and the libraries; fonts the templates name;
# tests: poppler, qpdf and MuPDF read the PDFs back, LibreOffice opens the ODF
# files, trang makes the compact schema, Chromium loads the downloads page
pkgs=(build-essential cmake pkg-config libhpdf-dev libxml2-dev libxml2-utils libfontconfig-dev
      libfreetype-dev libharfbuzz-dev libdeflate-dev libzip-dev zlib1g-dev fonts-cns11643-kai fonts-liberation2
      poppler-utils qpdf mupdf-tools icc-profiles-free python3
      libreoffice-writer-nogui trang chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
