#!/usr/bin/env bash
# Debian packages Loupe needs at run and test time. Idempotent: installs only what is missing,
# waits for an apt/dpkg lock held by another process instead of failing.
set -euo pipefail

packages=(
  fonts-ocr-b        # OCR-B, the ICAO 9303 MRZ font (specimen rendering; also bundled in assets/fonts)
  fonts-dejavu-core  # VIZ text on specimens
  fonts-jetbrains-mono fonts-b612 fonts-noto-mono fonts-inconsolata  # MRZ glyph templates of other monospaced faces (also bundled in assets/fonts)
  fonts-hack         # an MRZ face unseen by the reader, drawn by the MRZ image tests
  fontconfig
  sane-utils         # scanimage: SANE flatbed driver of the device bridge (and its test/pnm integration tests)
  chromium           # PDF reports outside Electron, and the browser tests of the inspection screen
  poppler-utils      # pdftoppm / pdftotext: tests read the generated reports
  socat              # pseudo-terminal pairs for the serial MRZ reader tests
  ffmpeg             # MJPEG clips for Chromium's fake camera in the imposter-check browser test
  postgresql         # a private PostgreSQL server for the regional hub's storage tests
  openssl            # a self-signed certificate for the hub's HTTPS test
  pcscd              # PC/SC daemon: the chip reader stack (the eMRTD chip over a real PC/SC layer)
  libpcsclite-dev    # headers the smartcard npm package builds against (node-gyp, no download)
  vsmartcard-vpcd    # virtual PC/SC readers, so tests reach a virtual chip through the real pcscd
  iproute2           # ip: loopback up (with quickack) in the private network namespace of the PC/SC tests
  util-linux         # unshare / nsenter: the PC/SC tests' private network and mount namespace (essential on Debian)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "system packages: all present"; exit 0; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
echo "system packages: installing ${missing[*]}"
for attempt in 1 2 3 4 5; do
  if $SUDO apt-get "${apt_opts[@]}" update -qq && \
     $SUDO apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}"; then
    exit 0
  fi
  echo "apt busy or failed (attempt $attempt); retrying in 20 s" >&2
  sleep 20
done
echo "could not install: ${missing[*]}" >&2
exit 1
