#!/usr/bin/env python3
"""Make assets/fonts/NotoSansCJK-subset.otf: the CJK glyphs the embedded data set uses.

egui's bundled fonts cover Latin, Greek and Cyrillic only, and the data quotes Chinese, Japanese and
Korean sources in their own script (titles, quotes such as 書類送検). Shipping the whole Noto Sans CJK
(~20 MB) for a few hundred characters would double the binary, so this keeps only:
  * every character of assets/stations.json that egui's fonts lack,
  * CJK punctuation and both kana blocks (short Japanese text stays readable),
  * full-width ASCII forms.
Run it after the data set gains new CJK text (the test `every_character_of_the_data_can_be_drawn`
fails until then).

Needs: Debian's fonts-noto-cjk, and `pip install fonttools`. Licence: SIL Open Font License 1.1
(assets/fonts/OFL.txt).
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_NUMBER = 2  # Noto Sans CJK SC: most quoted text is Chinese; kana and Hangul are in every face
OUT = os.path.join(ROOT, "assets", "fonts", "NotoSansCJK-subset.otf")


def wanted(c):
    o = ord(c)
    return (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF
            or 0x3130 <= o <= 0x318F or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
            or 0x20000 <= o <= 0x2FA1F)


def main():
    with open(os.path.join(ROOT, "assets", "stations.json"), encoding="utf-8") as f:
        text = f.read()
    chars = {c for c in text if wanted(c)}
    chars |= {chr(o) for o in range(0x3000, 0x3100)}  # CJK punctuation, hiragana, katakana
    chars |= {chr(o) for o in range(0xFF01, 0xFF5F)}  # full-width ASCII
    unicodes = ",".join("U+%04X" % ord(c) for c in sorted(chars))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "fontTools.subset", SOURCE, "--font-number=%d" % FONT_NUMBER,
         "--unicodes=" + unicodes, "--output-file=" + OUT, "--layout-features=*",
         "--no-hinting", "--desubroutinize", "--name-IDs=*", "--name-languages=*"],
        check=True)
    print("%d characters -> %s (%d bytes)" % (len(chars), os.path.relpath(OUT, ROOT),
                                            os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
