#!/usr/bin/env bash
# Regenerates assets/ocr/mrz.traineddata: a legacy (OEM 0) Tesseract model for the MRZ
# alphabet A-Z0-9< trained on the OCR-B font (ICAO 9303 part 3 §4.2: OCR-B size 1, 10 cpi).
# Idempotent: everything happens in a temporary directory; only the model and its
# provenance file are written into assets/ocr/. Deterministic: the text comes from a
# seeded generator and text2image degrades with a fixed seed.
#
# Needs Debian's tesseract-ocr (5.x, includes the training tools), fonts-ocr-b, and the
# project's node_modules (tsx) for the text generator.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out_dir="${repo_root}/assets/ocr"
font_file="${OCRB_FONT:-/usr/share/fonts/opentype/ocr-b/OCRB.otf}"
lang=mrz
font_id=ocrb   # the name between the dots of mrz.ocrb.expN: it must match font_properties

for tool in text2image tesseract unicharset_extractor shapeclustering mftraining cntraining combine_tessdata; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y --no-install-recommends tesseract-ocr" >&2; exit 1; }
done
[[ -f "$font_file" ]] || { echo "missing $font_file: apt-get install -y fonts-ocr-b" >&2; exit 1; }

work="$(mktemp -d -t mrz-training.XXXXXX)"
# KEEP_WORK=1 keeps the intermediate pages, boxes and logs for inspection.
if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "work dir: $work"; else trap 'rm -rf "$work"' EXIT; fi
cd "$work"

# Only the Regular face: the package also ships Sharp/Outline/Inverted faces under the
# same family name "OCR B", and fontconfig could pick one of those instead.
mkdir fonts
cp "$font_file" fonts/
export FONTCONFIG_FILE="$work/fonts.conf"
cat > "$FONTCONFIG_FILE" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$work/fonts</dir><cachedir>$work/fc-cache</cachedir></fontconfig>
EOF

# Render variants: (resolution, ptsize, degrade, exposure), each page with its own text.
# At 300 dpi 10 pt gives the 2.54 mm MRZ pitch exactly (30 px). Only clean pages at that
# size: adding text2image's degraded pages (exposure -1/0/1) or other sizes (12 pt, 220 and
# 400 dpi) was measured with compare-models.ts and made O/0 (and B/8, D/0) confusions
# markedly worse, because the legacy classifier then blurs the width difference that
# separates OCR-B's O from its 0. Robustness to blur and noise comes from the test images
# being normalised by tesseract anyway (see README.md for the figures).
variants=(
  "300 10 false 0"
  "300 10 false 0"
)

index=0
for variant in "${variants[@]}"; do
  read -r dpi pt degrade exposure <<<"$variant"
  base="${lang}.${font_id}.exp${index}"
  npx --prefix "$repo_root" tsx "$repo_root/scripts/ocr-training/generate-training-text.ts" "$work/$base.txt" 150 $((1000 + index))
  # One MRZ line per rendered row: the page is just wide enough for 44 characters.
  # OCR-B advance is 0.72 em and an em is pt/72 inch, so the pitch is dpi*pt/100 px.
  width=$(( 44 * dpi * pt / 100 + 260 ))
  text2image --text "$base.txt" --outputbase "$base" --font 'OCR B' \
    --fonts_dir "$work/fonts" --fontconfig_tmpdir "$work" \
    --resolution "$dpi" --ptsize "$pt" --char_spacing 0 --leading $(( dpi / 10 )) \
    --xsize "$width" --ysize $(( dpi * 11 )) --margin 100 \
    --degrade_image="$degrade" --exposure "$exposure" --rotate_image="$degrade" \
    --strip_unrenderable_words=false >"$base.t2i.log" 2>&1
  tesseract "$base.tif" "$base" box.train >"$base.train.log" 2>&1
  index=$(( index + 1 ))
done

unicharset_extractor --output_unicharset unicharset ./*.box >/dev/null 2>&1
echo "${font_id} 0 0 1 0 0" > font_properties
shapeclustering -F font_properties -U unicharset -O "${lang}.unicharset" ./*.tr >shapeclustering.log 2>&1
mftraining -F font_properties -U unicharset -O "${lang}.unicharset" ./*.tr >mftraining.log 2>&1
cntraining ./*.tr >cntraining.log 2>&1
for part in inttemp normproto pffmtable shapetable; do mv "$part" "${lang}.${part}"; done
combine_tessdata "${lang}." >combine.log 2>&1

mkdir -p "$out_dir"
cp "${lang}.traineddata" "$out_dir/${lang}.traineddata"

samples=$(cat ./*.box | wc -l)
sha=$(sha256sum "$out_dir/${lang}.traineddata" | cut -d' ' -f1)
font_sha=$(sha256sum "$font_file" | cut -d' ' -f1)
tess_version=$(tesseract --version 2>&1 | head -1)
font_pkg=$(dpkg-query -W -f='${Package} ${Version}' fonts-ocr-b 2>/dev/null || echo unknown)
cat > "$out_dir/${lang}.traineddata.json" <<EOF
{
  "model": "${lang}.traineddata",
  "engine": "Tesseract legacy (OEM 0) only: inttemp, normproto, pffmtable, shapetable, unicharset",
  "charset": "A-Z0-9<",
  "font": { "family": "OCR B", "file": "$(basename "$font_file")", "package": "${font_pkg}", "sha256": "${font_sha}" },
  "tools": "${tess_version} (text2image, unicharset_extractor, shapeclustering, mftraining, cntraining, combine_tessdata)",
  "trainingPages": ${#variants[@]},
  "trainingSamples": ${samples},
  "generatedBy": "scripts/ocr-training/train-mrz-model.sh",
  "date": "$(date -u +%Y-%m-%d)",
  "sha256": "${sha}"
}
EOF
echo "wrote $out_dir/${lang}.traineddata (${samples} samples, sha256 ${sha})"
